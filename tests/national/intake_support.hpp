// Helpers of the intake tests: records sealed as each kiosk generation writes them, and hostile ones.
#pragma once
#include <sodium.h>
#include <zlib.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "store/seal.hpp"
#include "store/uuid.hpp"
#include "upstream/intake/batch.hpp"
#include "upstream/intake/record.hpp"

namespace shubbak::testing {

// The box of formats 2 and 3 around bytes already compressed (or not: whatever the test wants inside).
inline store::Bytes seal_raw(const store::Bytes& inner, const store::Bytes& receiver_pub, uint8_t format) {
  store::Bytes eph_pk(crypto_box_PUBLICKEYBYTES), eph_sk(crypto_box_SECRETKEYBYTES);
  crypto_box_keypair(eph_pk.data(), eph_sk.data());
  const size_t head = 1 + crypto_box_PUBLICKEYBYTES + crypto_box_NONCEBYTES;
  store::Bytes out(head + crypto_box_MACBYTES + inner.size());
  out[0] = format;
  std::copy(eph_pk.begin(), eph_pk.end(), out.begin() + 1);
  randombytes_buf(out.data() + 1 + crypto_box_PUBLICKEYBYTES, crypto_box_NONCEBYTES);
  if (crypto_box_easy(out.data() + head, inner.data(), inner.size(), out.data() + 1 + crypto_box_PUBLICKEYBYTES,
                  receiver_pub.data(), eph_sk.data()) != 0)
    throw std::runtime_error("crypto_box_easy failed");
  return out;
}

// Format 1: crypto_box_seal(zlib(json)), as the first kiosks wrote.
inline store::Bytes seal_format1(const std::string& json, const store::Bytes& receiver_pub) {
  store::Bytes plain = store::deflate_bytes(json), out(plain.size() + crypto_box_SEALBYTES);
  crypto_box_seal(out.data(), plain.data(), plain.size(), receiver_pub.data());
  return out;
}

// A zlib stream of `prefix` followed by `inflated` bytes of 'A', made in small pieces (the test itself must not
// hold what the bomb inflates to).
inline store::Bytes zlib_bomb(const std::string& prefix, size_t inflated) {
  z_stream zs{};
  deflateInit(&zs, Z_BEST_COMPRESSION);
  store::Bytes out;
  unsigned char buf[1 << 14];
  std::string chunk(1 << 16, 'A');
  auto pump = [&](const void* data, size_t n, int flush) {
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<void*>(data));
    zs.avail_in = static_cast<uInt>(n);
    do {
      zs.next_out = buf;
      zs.avail_out = sizeof buf;
      deflate(&zs, flush);
      out.insert(out.end(), buf, buf + (sizeof buf - zs.avail_out));
    } while (zs.avail_out == 0);
  };
  pump(prefix.data(), prefix.size(), Z_NO_FLUSH);
  for (size_t done = 0; done < inflated; done += chunk.size()) pump(chunk.data(), chunk.size(), Z_NO_FLUSH);
  pump("\"}", 2, Z_FINISH);
  deflateEnd(&zs);
  return out;
}

struct IntakeKeys {
  store::KeyPair seal = store::make_seal_keypair();
  store::KeyPair registry = store::make_seal_keypair();
  store::Bytes national = store::Bytes(32, 0x5a);
  upstream::intake::ReceiverKeys receiver() const { return {seal, registry.public_key, national}; }
};

inline upstream::intake::Batch batch_of(const std::string& kiosk = "kiosk-01",
                                        const std::string& centre = "MA-CAS-01") {
  upstream::intake::Batch b;
  b.kiosk_id = kiosk;
  b.centre_id = centre;
  b.batch_id = store::new_uuid_v4();
  return b;
}

inline upstream::intake::IncomingRecord incoming(const std::string& kind, const store::Bytes& sealed,
                                                 const std::string& created_at = "2026-11-29T09:10:02Z") {
  return {store::new_uuid_v4(), kind, created_at, 1, store::to_base64(sealed)};
}

// A format-2 registration of the canary as the kiosk writes it (kiosk/store/kiosk_store.cpp).
inline nlohmann::json canary_registration_v2() {
  return {{"centre_id", "MA-CAS-01"},
          {"kiosk_id", "kiosk-01"},
          {"registration_id", store::new_uuid_v4()},
          {"visitor_id", store::new_uuid_v4()},
          {"service", "jisr"},
          {"ticket", "A-042"},
          {"created_at", "2026-11-29T09:10:02Z"},
          {"consent", true},
          {"visitor",
           {{"name", "Canary Fatima"},
            {"phone", "0611223344"},
            {"cin", "AB123456"},
            {"birth_year", "1990"},
            {"commune", "Anfa"},
            {"contact", "sms"}}}};
}

}  // namespace shubbak::testing
