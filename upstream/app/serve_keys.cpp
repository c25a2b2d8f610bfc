#include "upstream/app/serve_keys.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace shubbak::upstream::app {

namespace {

// The base64 key in `dir/name`, `size` bytes once decoded; empty if the file is absent and optional.
store::Bytes read_key(const std::string& dir, const std::string& name, size_t size, bool optional = false) {
  const std::string path = dir + "/" + name;
  if (optional && !std::filesystem::exists(path)) return {};
  std::ifstream f(path);
  if (!f) throw std::runtime_error("cannot read the key file " + path);
  std::stringstream ss;
  ss << f.rdbuf();
  std::string text = ss.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  auto bytes = store::from_base64(text);
  if (!bytes || bytes->size() != size)
    throw std::runtime_error("the key file " + path + " does not hold a base64 " + std::to_string(size) +
                             "-byte key");
  return *bytes;
}

}  // namespace

ServeKeys load_serve_keys(const std::string& dir) {
  ServeKeys k;
  k.receiver.seal.public_key = read_key(dir, "seal.pub", 32);
  k.receiver.seal.secret_key = read_key(dir, "seal.key", 32);
  k.receiver.registry_public = read_key(dir, "registry.pub", 32);
  k.receiver.national_key = read_key(dir, "national.key", 32, true);
  k.sign_secret = read_key(dir, "sign.key", 64);
  return k;
}

}  // namespace shubbak::upstream::app
