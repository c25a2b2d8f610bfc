// Opening an identity sealed to the registry key: crypto_box_seal(zlib(JSON), registry public key). Only
// `export --identities` does this, with the offline registry key; receivers never hold it.
// Until store::open_identity (store/identity.hpp) is merged this is a local copy; the lead points it there.
#pragma once
#include <optional>
#include <string>

#include "store/seal.hpp"

namespace shubbak::upstream::pg {

// The identity's JSON; nullopt if the box is not for this key, tampered with, or does not inflate.
std::optional<std::string> open_identity_json(const store::Bytes& sealed, const store::KeyPair& registry);

// A registry key file (base64 of the 32-byte X25519 secret key, as keygen writes it), with its public half
// derived. Throws std::runtime_error naming the file if it cannot be read or holds no such key.
store::KeyPair load_registry_key(const std::string& path);

}  // namespace shubbak::upstream::pg
