#include "upstream/app/serve_catalog.hpp"

#include <sodium.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace shubbak::upstream::app {

SignedCatalog load_catalog(const std::string& path, const store::Bytes& sign_secret) {
  SignedCatalog c;
  if (path.empty()) return c;
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot read the catalogue " + path);
  std::stringstream ss;
  ss << f.rdbuf();
  c.body = ss.str();
  const auto* data = reinterpret_cast<const unsigned char*>(c.body.data());
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, data, c.body.size());
  char hex[sizeof h * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  c.etag = std::string("\"") + hex + "\"";
  store::Bytes sig(crypto_sign_BYTES);
  crypto_sign_detached(sig.data(), nullptr, data, c.body.size(), sign_secret.data());
  c.signature = store::to_base64(sig);
  return c;
}

}  // namespace shubbak::upstream::app
