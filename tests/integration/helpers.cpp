#include "helpers.hpp"

#include <fcntl.h>
#include <stb_image.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "seal.hpp"
#include "uuid.hpp"

namespace shubbak::testing {

std::string bin(const std::string& name) { return std::string(SHUBBAK_BIN_DIR) + "/" + name; }

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
}

Result run(const std::vector<std::string>& argv, const std::string& stdin_text) {
  TempDir io;
  fs::path in = io.path / "in", out = io.path / "out", err = io.path / "err";
  write_file(in, stdin_text);
  pid_t pid = fork();
  if (pid == 0) {
    int fi = open(in.c_str(), O_RDONLY), fo = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600),
        fe = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fi, 0), dup2(fo, 1), dup2(fe, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  Result r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

TempDir::TempDir() : path(fs::temp_directory_path() / ("shubbak-test-" + store::new_uuid_v4())) {
  fs::create_directories(path);
}
TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path, ec);
}

std::string make_config(const fs::path& dir) {
  fs::create_directories(dir);
  fs::path src = fs::path(SHUBBAK_SOURCE_DIR) / "config/demo";
  fs::copy_file(src / "catalog.conf", dir / "catalog.conf", fs::copy_options::overwrite_existing);
  store::KeyPair k = store::make_seal_keypair();
  std::string centre = read_file(src / "centre.conf");
  centre = std::regex_replace(centre, std::regex("seal_public_key = .*"),
                              "seal_public_key = " + store::to_base64(k.public_key));
  write_file(dir / "centre.conf", centre);
  return store::to_base64(k.secret_key);
}

Image load_png(const fs::path& p) {
  Image img;
  int n = 0;
  unsigned char* data = stbi_load(p.c_str(), &img.w, &img.h, &n, 4);
  if (!data) throw std::runtime_error("cannot read " + p.string());
  img.rgba.assign(data, data + static_cast<size_t>(img.w) * img.h * 4);
  stbi_image_free(data);
  return img;
}

size_t Image::distinct_colours() const {
  std::set<uint32_t> c;
  for (size_t i = 0; i + 3 < rgba.size(); i += 4) c.insert(rgba[i] << 16 | rgba[i + 1] << 8 | rgba[i + 2]);
  return c.size();
}

}  // namespace shubbak::testing
