#include "store/seal.hpp"

#include <sodium.h>
#include <zlib.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace shubbak::store {

static void init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string to_base64(const Bytes& b) {
  std::string out(sodium_base64_ENCODED_LEN(b.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), b.data(), b.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // trailing NUL
  return out;
}

std::optional<Bytes> from_base64(const std::string& s) {
  Bytes out(s.size() * 3 / 4 + 3);
  size_t len = 0;
  if (sodium_base642bin(out.data(), out.size(), s.data(), s.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(len);
  return out;
}

Sealer::Sealer(const std::string& public_key_base64, uint8_t format) : format_(format) {
  init_sodium();
  if (format != 2 && format != 3) throw std::invalid_argument("a sealed record is written in format 2 or 3");
  auto k = from_base64(public_key_base64);
  if (!k || k->size() != crypto_box_PUBLICKEYBYTES)
    throw std::invalid_argument("the upstream sealing key is not a base64 public key of 32 bytes");
  pk_ = *k;
  new_ephemeral_key();
}

Sealer::~Sealer() { sodium_memzero(shared_.data(), shared_.size()); }

void Sealer::new_ephemeral_key() {
  Bytes sk(crypto_box_SECRETKEYBYTES);
  ephemeral_pk_.assign(crypto_box_PUBLICKEYBYTES, 0);
  shared_.assign(crypto_box_BEFORENMBYTES, 0);
  crypto_box_keypair(ephemeral_pk_.data(), sk.data());
  if (crypto_box_beforenm(shared_.data(), pk_.data(), sk.data()) != 0)
    throw std::invalid_argument("the upstream sealing key is not a usable public key");
  sodium_memzero(sk.data(), sk.size());
  used_ = 0;
}

Bytes deflate_bytes(const std::string& s) {
  // Records are small (a few hundred bytes): a 1 KiB window and a small state compress them as well as the
  // defaults and set up in a fraction of the time (zlib's default state is ~270 KiB to allocate and clear).
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 10, 4, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib deflateInit2 failed");
  Bytes out(deflateBound(&zs, s.size()));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  zs.avail_in = static_cast<uInt>(s.size());
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib compress failed");
  return out;
}

std::optional<std::string> inflate_bytes(const Bytes& b, size_t max_size, bool* too_large) {
  if (too_large) *too_large = false;
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return std::nullopt;  // zlib or gzip header
  zs.next_in = const_cast<Bytef*>(b.data());
  zs.avail_in = static_cast<uInt>(b.size());
  std::string out;
  char buf[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    size_t got = sizeof buf - zs.avail_out;
    if (out.size() + got > max_size) {
      if (too_large) *too_large = true;
      rc = Z_MEM_ERROR;
      break;
    }
    out.append(buf, got);
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

Bytes Sealer::seal(const std::string& json) {
  if (++used_ > kRecordsPerEphemeralKey) new_ephemeral_key();
  Bytes plain = deflate_bytes(json);
  const size_t head = 1 + crypto_box_PUBLICKEYBYTES + crypto_box_NONCEBYTES;
  Bytes out(head + crypto_box_MACBYTES + plain.size());
  out[0] = format_;
  std::copy(ephemeral_pk_.begin(), ephemeral_pk_.end(), out.begin() + 1);
  unsigned char* nonce = out.data() + 1 + crypto_box_PUBLICKEYBYTES;
  randombytes_buf(nonce, crypto_box_NONCEBYTES);
  crypto_box_easy_afternm(out.data() + head, plain.data(), plain.size(), nonce, shared_.data());
  sodium_memzero(plain.data(), plain.size());
  return out;
}

KeyPair make_seal_keypair() {
  init_sodium();
  KeyPair k{Bytes(crypto_box_PUBLICKEYBYTES), Bytes(crypto_box_SECRETKEYBYTES)};
  crypto_box_keypair(k.public_key.data(), k.secret_key.data());
  return k;
}

std::optional<std::string> open_sealed(const Bytes& sealed, const KeyPair& keys) { return Opener(keys).open(sealed); }

Opener::~Opener() {
  for (auto& [pk, k] : shared_) sodium_memzero(k.data(), k.size());
}

std::optional<std::string> Opener::open(const Bytes& sealed) {
  auto opened = open(sealed, kDefaultMaxInflated);
  if (!opened) return std::nullopt;
  return std::move(opened->json);
}

// The box's plain text (still compressed), or nullopt. Formats 2 and 3 share the box; anything else, or a box that
// does not open (a format-1 box's first byte is random, so it may look like 2 or 3), is tried as format 1.
static std::optional<Bytes> open_box(const Bytes& sealed, const KeyPair& keys,
                                     std::vector<std::pair<Bytes, Bytes>>& shared, int& format) {
  const size_t head = 1 + crypto_box_PUBLICKEYBYTES + crypto_box_NONCEBYTES;
  if (sealed.size() >= head + crypto_box_MACBYTES && (sealed[0] == 2 || sealed[0] == 3)) {
    Bytes eph(sealed.begin() + 1, sealed.begin() + 1 + crypto_box_PUBLICKEYBYTES);
    const Bytes* k = nullptr;
    for (const auto& [pk, key] : shared)
      if (pk == eph) k = &key;
    Bytes fresh(crypto_box_BEFORENMBYTES);
    if (!k && crypto_box_beforenm(fresh.data(), eph.data(), keys.secret_key.data()) == 0) {
      if (shared.size() >= 16) {
        sodium_memzero(shared.front().second.data(), shared.front().second.size());
        shared.erase(shared.begin());
      }
      shared.emplace_back(eph, fresh);
      k = &shared.back().second;
    }
    sodium_memzero(fresh.data(), fresh.size());
    Bytes plain(sealed.size() - head - crypto_box_MACBYTES);
    if (k && crypto_box_open_easy_afternm(plain.data(), sealed.data() + head, sealed.size() - head,
                                          sealed.data() + 1 + crypto_box_PUBLICKEYBYTES, k->data()) == 0) {
      format = sealed[0];
      return plain;
    }
  }
  if (sealed.size() < crypto_box_SEALBYTES) return std::nullopt;
  Bytes plain(sealed.size() - crypto_box_SEALBYTES);
  if (crypto_box_seal_open(plain.data(), sealed.data(), sealed.size(), keys.public_key.data(),
                           keys.secret_key.data()) != 0)
    return std::nullopt;
  format = 1;
  return plain;
}

std::optional<OpenedPayload> Opener::open(const Bytes& sealed, size_t max_inflated, OpenFailure* why) {
  init_sodium();
  if (why) *why = OpenFailure::None;
  OpenedPayload out;
  std::optional<Bytes> plain = open_box(sealed, keys_, shared_, out.format);
  if (!plain) {
    if (why) *why = OpenFailure::NotForThisKey;
    return std::nullopt;
  }
  bool too_large = false;
  std::optional<std::string> json = inflate_bytes(*plain, max_inflated, &too_large);
  sodium_memzero(plain->data(), plain->size());
  if (!json) {
    if (why) *why = too_large ? OpenFailure::TooLarge : OpenFailure::Damaged;
    return std::nullopt;
  }
  out.json = std::move(*json);
  return out;
}

}  // namespace shubbak::store
