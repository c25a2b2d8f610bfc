// Sealing outbox payloads to the upstream: JSON -> zlib -> X25519 + XSalsa20-Poly1305 (libsodium crypto_box).
// Whoever holds only the public key (the kiosk) cannot open what it sealed.
//
// Format 2: 0x02 | ephemeral public key (32) | nonce (24) | box (16-byte tag + ciphertext). The ephemeral key pair
// is made in memory by each Sealer and replaced every kRecordsPerEphemeralKey records; its secret half is wiped as
// soon as the shared key is derived, so neither the disk nor a later process can open a record. One X25519
// agreement per key instead of two per record (crypto_box_seal): the ticket write's main cost (docs/performance.md).
// Format 3: the same box with first byte 0x03; the JSON inside carries no identity in clear (store/identity.hpp,
// docs/sync-protocol.md). Format 1 (crypto_box_seal output) still opens.
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
  // `format` is the first byte written: 2, or 3 when the JSON sealed holds no identity in clear.
  explicit Sealer(const std::string& public_key_base64, uint8_t format = 2);
  ~Sealer();
  Sealer(const Sealer&) = delete;
  Sealer& operator=(const Sealer&) = delete;
  Bytes seal(const std::string& json);

  static constexpr int kRecordsPerEphemeralKey = 1000;

 private:
  void new_ephemeral_key();
  Bytes pk_;                     // the upstream's
  uint8_t format_ = 2;
  Bytes ephemeral_pk_, shared_;  // this Sealer's current ephemeral public key and the precomputed shared key
  int used_ = 0;
};

KeyPair make_seal_keypair();
// Opens and decompresses; nullopt if the box was tampered with or not for this key.
std::optional<std::string> open_sealed(const Bytes& sealed, const KeyPair& keys);

// The receiver's side for many records (a batch, an export): remembers the shared key of each sender's ephemeral
// key, so a batch from one kiosk costs one X25519 agreement, not one per record. Not thread-safe: one per batch.
enum class OpenFailure { None, NotForThisKey, TooLarge, Damaged };

struct OpenedPayload {
  std::string json;
  int format = 0;  // 1, 2 or 3
};

class Opener {
 public:
  explicit Opener(const KeyPair& keys) : keys_(keys) {}
  ~Opener();
  Opener(const Opener&) = delete;
  Opener& operator=(const Opener&) = delete;
  // Inflates at most max_inflated bytes (a zlib bomb inside a valid seal stops there: TooLarge). `why` (if given)
  // says why nothing came out.
  std::optional<OpenedPayload> open(const Bytes& sealed, size_t max_inflated, OpenFailure* why = nullptr);
  // The same with the 16 MiB cap of inflate_bytes (an export of one's own records).
  std::optional<std::string> open(const Bytes& sealed);

 private:
  const KeyPair& keys_;
  std::vector<std::pair<Bytes, Bytes>> shared_;  // (ephemeral public key, shared key), a few at most
};

Bytes deflate_bytes(const std::string& s);
inline constexpr size_t kDefaultMaxInflated = 16u << 20;
// Inflates a zlib or gzip stream; nullopt if damaged or larger than max_size (it stops as soon as it passes it:
// memory stays about max_size). `too_large` (if given) is set when that was the reason.
std::optional<std::string> inflate_bytes(const Bytes& b, size_t max_size = kDefaultMaxInflated,
                                         bool* too_large = nullptr);

}  // namespace shubbak::store
