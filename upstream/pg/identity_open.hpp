// The offline registry key, for `export --identities` (receivers never hold it). Identities are opened with
// store::open_identity (store/identity.hpp), the one opener of what kiosks and receivers seal.
#pragma once
#include <string>

#include "store/seal.hpp"

namespace shubbak::upstream::pg {

// A registry key file as keygen writes it (store::read_key_file: base64 of the 32-byte X25519 secret key, 0600),
// with its public half derived. Throws std::runtime_error with words naming the file.
store::KeyPair load_registry_key(const std::string& path);

}  // namespace shubbak::upstream::pg
