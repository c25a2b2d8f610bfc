// Sealing outbox payloads to the upstream: JSON -> zlib -> crypto_box_seal (X25519 + XSalsa20-Poly1305).
// Whoever holds only the public key (the kiosk) cannot open what it sealed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shubbak::store {

using Bytes = std::vector<uint8_t>;

struct KeyPair {
  Bytes public_key;  // 32 bytes
  Bytes secret_key;  // 32 bytes
};

std::string to_base64(const Bytes& b);
std::optional<Bytes> from_base64(const std::string& s);

class Sealer {
 public:
  // Throws std::invalid_argument with words for the operator if the key is not a base64 32-byte key.
  explicit Sealer(const std::string& public_key_base64);
  Bytes seal(const std::string& json) const;

 private:
  Bytes pk_;
};

KeyPair make_seal_keypair();
// Opens and decompresses; nullopt if the box was tampered with or not for this key.
std::optional<std::string> open_sealed(const Bytes& sealed, const KeyPair& keys);

Bytes deflate_bytes(const std::string& s);
// Inflates a zlib or gzip stream; nullopt if damaged or larger than max_size.
std::optional<std::string> inflate_bytes(const Bytes& b, size_t max_size = 16 << 20);

}  // namespace shubbak::store
