#include "tests/national/pg_records.hpp"

#include <sodium.h>

#include <cstdio>
#include <nlohmann/json.hpp>

namespace shubbak::testing {

using upstream::intake::Kind;
using upstream::intake::OpenedRecord;

std::string record_id(int i) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-0000-4000-8000-%012x", i, i * 7 + 1);
  return buf;
}

store::Bytes seal_identity(const std::string& json, const store::Bytes& registry_public) {
  store::Bytes zipped = store::deflate_bytes(json);
  store::Bytes sealed(zipped.size() + crypto_box_SEALBYTES);
  crypto_box_seal(sealed.data(), zipped.data(), zipped.size(), registry_public.data());
  return sealed;
}

OpenedRecord opened_record(int i, const store::Bytes& registry_public, const std::string& variant) {
  OpenedRecord r;
  r.id = record_id(i);
  r.kiosk_id = "kiosk-01";
  r.centre_id = "centre-casa-01";
  r.format = 3;
  r.created_at = "2026-11-29T23:30:0" + std::to_string(i % 10) + "Z";  // 00:30 the next day in Casablanca
  r.service = "legal" + variant;
  r.visitor_id = "v-" + std::to_string(i);
  if (i % 2 == 0) {
    r.kind = Kind::Registration;
    r.registration_id = "reg-" + std::to_string(i);
    r.ticket = "A" + std::to_string(i);
    r.consent = true;
    r.age_band = "25-34";
    r.commune = "Sidi Moumen";
    r.contact = "sms";
    r.person_key = "pk-" + std::to_string(i / 4);  // two visits per woman
    nlohmann::json id = {{"name", kCanaryName}, {"phone", kCanaryPhone}, {"cin", kCanaryCin}, {"birth_year", 1990}};
    r.identity_sealed = seal_identity(id.dump(), registry_public);
  } else {
    r.kind = Kind::TicketEvent;
    r.ticket_id = "t-" + std::to_string(i);
    r.event = "called";
    r.number = "A" + std::to_string(i);
    r.at = "2026-11-29T23:31:00Z";
    r.counter = "2";
  }
  std::string basis = r.id + "|" + r.created_at + "|" + r.service;
  crypto_hash_sha256(r.digest.data(), reinterpret_cast<const unsigned char*>(basis.data()), basis.size());
  return r;
}

upstream::pg::PreparedBatch prepared(int first, int count, const store::Bytes& registry_public,
                                     const std::string& variant) {
  upstream::pg::PreparedBatch p;
  for (int i = first; i < first + count; ++i) p.opened.push_back(opened_record(i, registry_public, variant));
  return p;
}

}  // namespace shubbak::testing
