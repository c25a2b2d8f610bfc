#include "upstream/pg/identity_open.hpp"

#include <sodium.h>

#include <stdexcept>

#include "store/identity.hpp"

namespace shubbak::upstream::pg {

store::KeyPair load_registry_key(const std::string& path) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  store::KeyPair k;
  k.secret_key = store::read_key_file(path);
  k.public_key.resize(crypto_box_PUBLICKEYBYTES);
  crypto_scalarmult_base(k.public_key.data(), k.secret_key.data());
  return k;
}

}  // namespace shubbak::upstream::pg
