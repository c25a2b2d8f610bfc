// shubbak-upstream keygen --out KEYS --registry-out OFFLINE: the receivers' keys (KEYS) and the registry key pair
// (OFFLINE: its secret half opens identities; keep it off the receivers). Never overwrites a key: if any of the
// files exists it changes nothing and exits 1 naming it. Folders it makes are 0700, files 0600, whatever the umask.
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/exit_codes.hpp"
#include "store/seal.hpp"
#include "upstream/app/args.hpp"

namespace shubbak::upstream::app {

namespace {

namespace fs = std::filesystem;

struct KeyFile {
  fs::path path;
  store::Bytes bytes;
};

// Makes `dir` and any missing parent, each one made here set to 0700.
void make_private_dir(const fs::path& dir) {
  fs::path built;
  for (const auto& part : dir) {
    built /= part;
    if (::mkdir(built.c_str(), 0700) == 0) ::chmod(built.c_str(), 0700);
    else if (errno != EEXIST) throw std::runtime_error("cannot make the folder " + built.string() + ": " +
                                                       std::strerror(errno));
  }
  if (!fs::is_directory(dir)) throw std::runtime_error(dir.string() + " is not a folder");
}

// O_EXCL: a file that appeared since the check is not overwritten either.
void write_key(const KeyFile& k) {
  int fd = ::open(k.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + k.path.string() + ": " + std::strerror(errno));
  ::fchmod(fd, 0600);
  std::string text = store::to_base64(k.bytes) + "\n";
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  sodium_memzero(text.data(), text.size());
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write " + k.path.string());
}

std::vector<KeyFile> make_keys(const fs::path& keys, const fs::path& offline) {
  store::KeyPair seal = store::make_seal_keypair(), registry = store::make_seal_keypair();
  store::Bytes sign_pk(crypto_sign_PUBLICKEYBYTES), sign_sk(crypto_sign_SECRETKEYBYTES), national(32);
  crypto_sign_keypair(sign_pk.data(), sign_sk.data());
  randombytes_buf(national.data(), national.size());
  return {{keys / "seal.pub", seal.public_key},         {keys / "seal.key", seal.secret_key},
          {keys / "sign.pub", sign_pk},                 {keys / "sign.key", sign_sk},
          {keys / "registry.pub", registry.public_key}, {keys / "national.key", national},
          {offline / "registry.key", registry.secret_key}, {offline / "registry.pub", registry.public_key}};
}

}  // namespace

int cmd_keygen(const Args& a) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  fs::path keys = a.need("--out"), offline = a.need("--registry-out");
  if (fs::weakly_canonical(keys) == fs::weakly_canonical(offline))
    usage_error("--registry-out must be another folder than --out: the registry key must not sit with the "
                "receivers' keys");
  std::vector<KeyFile> files = make_keys(keys, offline);
  for (const KeyFile& k : files) {
    std::error_code ec;
    if (fs::symlink_status(k.path, ec).type() != fs::file_type::not_found) {
      std::fprintf(stderr,
                   "shubbak-upstream: %s already exists: keygen changed nothing (replacing keys would make every "
                   "record sealed to the old ones unreadable; move the old folder away first if you mean it)\n",
                   k.path.c_str());
      return exit_code::kNotDone;
    }
  }
  make_private_dir(keys);
  make_private_dir(offline);
  for (const KeyFile& k : files) write_key(k);
  for (size_t secret : {1, 3, 5, 6}) sodium_memzero(files[secret].bytes.data(), files[secret].bytes.size());
  std::printf("keys=%s\nregistry_key_file=%s\nseal_public_key=%s\nregistry_public_key=%s\nsigning_public_key=%s\n"
              "national_key_file=%s\n",
              keys.c_str(), (offline / "registry.key").c_str(), store::to_base64(files[0].bytes).c_str(),
              store::to_base64(files[4].bytes).c_str(), store::to_base64(files[2].bytes).c_str(),
              (keys / "national.key").c_str());
  std::fprintf(stderr, "shubbak-upstream: keys written; move %s to offline storage: it opens every identity\n",
               (offline / "registry.key").c_str());
  return exit_code::kOk;
}

}  // namespace shubbak::upstream::app
