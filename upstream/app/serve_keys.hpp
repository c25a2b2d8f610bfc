// The keys a receiver holds (KEYS folder made by `shubbak-upstream keygen`; base64 text files): seal.pub/seal.key
// (records are sealed to it), sign.key (catalogues), registry.pub (identities are sealed to it), national.key
// (optional: the keyed hash of formats 1 and 2 identities for unique women).
#pragma once
#include <string>

#include "store/seal.hpp"
#include "upstream/intake/record.hpp"

namespace shubbak::upstream::app {

struct ServeKeys {
  intake::ReceiverKeys receiver;
  store::Bytes sign_secret;  // Ed25519, 64 bytes
};

// Throws std::runtime_error naming the file and what is wrong with it.
ServeKeys load_serve_keys(const std::string& dir);

}  // namespace shubbak::upstream::app
