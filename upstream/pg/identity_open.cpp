#include "upstream/pg/identity_open.hpp"

#include <sodium.h>

#include <fstream>
#include <stdexcept>

namespace shubbak::upstream::pg {

namespace {
constexpr size_t kMaxIdentityJsonBytes = 64u << 10;  // an identity is a few hundred bytes
}

std::optional<std::string> open_identity_json(const store::Bytes& sealed, const store::KeyPair& registry) {
  if (sealed.size() < crypto_box_SEALBYTES || registry.public_key.size() != crypto_box_PUBLICKEYBYTES ||
      registry.secret_key.size() != crypto_box_SECRETKEYBYTES)
    return std::nullopt;
  store::Bytes zipped(sealed.size() - crypto_box_SEALBYTES);
  if (crypto_box_seal_open(zipped.data(), sealed.data(), sealed.size(), registry.public_key.data(),
                           registry.secret_key.data()) != 0)
    return std::nullopt;
  auto json = store::inflate_bytes(zipped, kMaxIdentityJsonBytes);
  sodium_memzero(zipped.data(), zipped.size());
  return json;
}

store::KeyPair load_registry_key(const std::string& path) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::ifstream f(path);
  if (!f) throw std::runtime_error("cannot read the registry key file " + path);
  std::string line;
  std::getline(f, line);
  auto secret = store::from_base64(line);
  sodium_memzero(line.data(), line.size());
  if (!secret || secret->size() != crypto_box_SECRETKEYBYTES)
    throw std::runtime_error(path + " does not hold a registry key (base64 of 32 bytes, as keygen writes "
                             "registry.key)");
  store::KeyPair k;
  k.secret_key = *secret;
  k.public_key.resize(crypto_box_PUBLICKEYBYTES);
  crypto_scalarmult_base(k.public_key.data(), k.secret_key.data());
  return k;
}

}  // namespace shubbak::upstream::pg
