// What any client can send a receiver, before and after its token is checked: a batch body (parse_batch, then
// RecordOpener::open on every record), a heartbeat, and sealed payloads. The first byte picks the mode:
//   0 batch body; 1 heartbeat body; 2 the rest is a record's JSON, sealed here (format 2 or 3 box) so that the
//   opening paths after decryption are reached; 3 the rest is the box's inner bytes (the zlib stream), sealed here.
//   In modes 2 and 3 the next bit picks the box's format and the bits above it the kind (kKinds).
// Whatever comes in, a record that opens has a format 1-3, the batch's centre and kiosk, and an identity (if any)
// that only the registry key opens.
#include <sodium.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <string>

#include "store/identity.hpp"
#include "store/seal.hpp"
#include "upstream/intake/accompaniment_fields.hpp"
#include "upstream/intake/batch.hpp"
#include "upstream/intake/record.hpp"

using namespace shubbak;
using namespace shubbak::upstream::intake;

namespace {

store::KeyPair fixed_pair(unsigned char seed_byte) {
  unsigned char seed[crypto_box_SEEDBYTES];
  for (auto& b : seed) b = seed_byte;
  store::KeyPair k{store::Bytes(crypto_box_PUBLICKEYBYTES), store::Bytes(crypto_box_SECRETKEYBYTES)};
  crypto_box_seed_keypair(k.public_key.data(), k.secret_key.data(), seed);
  return k;
}

struct Keys {
  Keys() {
    if (sodium_init() < 0) std::abort();
    seal = fixed_pair(1);
    registry = fixed_pair(2);
    receiver = {seal, registry.public_key, store::Bytes(32, 3)};
  }
  store::KeyPair seal, registry;
  ReceiverKeys receiver;
};

const Keys& keys() {
  static Keys k;
  return k;
}

void check(const OpenResult& r, const Batch& b) {
  if (!r.record) {
    if (r.rejected.empty()) std::abort();  // a rejection always has words
    return;
  }
  const OpenedRecord& o = *r.record;
  if (o.format < 1 || o.format > 3 || o.centre_id != b.centre_id || o.kiosk_id != b.kiosk_id) std::abort();
  if (!is_rfc3339_utc(o.created_at)) std::abort();
  if (o.format != 3 && !o.identity_sealed.empty() && !store::open_identity(o.identity_sealed, keys().registry))
    std::abort();
  if (o.kind == Kind::Registration && o.format != 3 && o.identity_sealed.empty()) std::abort();
  if (o.kind != Kind::Registration && o.kind != Kind::TicketEvent) {
    if (!accompaniment_words_error(o).empty() || !is_rfc3339_utc(o.at)) std::abort();  // only checked words pass
    if (o.kind != Kind::Referral && o.format != 3 && !o.identity_sealed.empty()) std::abort();
  }
}

store::Bytes box(const store::Bytes& inner, uint8_t format) {
  // A fixed ephemeral key: the fuzzer's runs stay reproducible.
  store::KeyPair eph = fixed_pair(4);
  const size_t head = 1 + crypto_box_PUBLICKEYBYTES + crypto_box_NONCEBYTES;
  store::Bytes out(head + crypto_box_MACBYTES + inner.size());
  out[0] = format;
  std::copy(eph.public_key.begin(), eph.public_key.end(), out.begin() + 1);
  if (crypto_box_easy(out.data() + head, inner.data(), inner.size(), out.data() + 1 + crypto_box_PUBLICKEYBYTES,
                  keys().seal.public_key.data(), eph.secret_key.data()) != 0)
    std::abort();
  return out;
}

// Index 0 and 1 as the first seeds had them (one bit: ticket event or registration), then the accompaniment kinds.
const char* const kKinds[] = {"ticket_event", "registration", "consent", "appointment", "referral", "milestone"};

void open_one(const store::Bytes& sealed, unsigned kind) {
  Batch b;
  b.kiosk_id = "kiosk-01";
  b.centre_id = "MA-CAS-01";
  IncomingRecord in{"0b8e2f5c-9a7d-4e1b-8c3f-5d6a7b8c9d0e", kKinds[kind % std::size(kKinds)],
                    "2026-11-29T09:10:02Z", 1, store::to_base64(sealed)};
  RecordOpener opener(keys().receiver);
  check(opener.open(in, b), b);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t mode = data[0] & 3, flags = data[0] >> 2;
  std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
  if (mode == 0) {
    auto parsed = parse_batch(rest);
    if (auto* refusal = std::get_if<Refusal>(&parsed)) {
      if (refusal->error.empty() || (refusal->status != 400 && refusal->status != 413)) std::abort();
      return 0;
    }
    const Batch& b = std::get<Batch>(parsed);
    if (b.records.size() > 500 || b.kiosk_id.empty() || b.centre_id.empty()) std::abort();
    RecordOpener opener(keys().receiver);
    for (const auto& in : b.records) check(opener.open(in, b), b);
  } else if (mode == 1) {
    auto beat = parse_heartbeat(rest);
    if (auto* h = std::get_if<Heartbeat>(&beat))
      if (h->pending < 0 || h->free_disk_bytes < 0 || rest.size() > 4096) std::abort();
  } else {
    store::Bytes inner = mode == 2 ? store::deflate_bytes(rest) : store::Bytes(rest.begin(), rest.end());
    open_one(box(inner, (flags & 1) ? 3 : 2), flags >> 1);
  }
  return 0;
}
