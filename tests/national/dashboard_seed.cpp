#include "tests/national/dashboard_seed.hpp"

#include <sodium.h>

#include <cstdio>
#include <ctime>

#include "store/uuid.hpp"

namespace shubbak::testing {

namespace {

OpenedRecord base(upstream::intake::Kind kind, const std::string& centre, const std::string& at) {
  OpenedRecord r;
  r.id = store::new_uuid_v4();
  r.kind = kind;
  r.centre_id = centre;
  r.kiosk_id = "k-" + centre;
  r.format = 3;
  r.created_at = at;
  r.at = at;
  crypto_hash_sha256(r.digest.data(), reinterpret_cast<const unsigned char*>(r.id.data()), r.id.size());
  return r;
}

}  // namespace

std::string visitor_uuid(const std::string& name) {
  if (store::is_uuid_v4(name)) return name;
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(name.data()), name.size());
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", h[0], h[1],
                h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12], h[13], h[14], h[15]);
  return buf;
}

std::string utc(const std::string& day, int minutes) {
  std::tm t{};
  std::sscanf(day.c_str(), "%d-%d-%d", &t.tm_year, &t.tm_mon, &t.tm_mday);
  t.tm_year -= 1900;
  t.tm_mon -= 1;
  t.tm_hour = 9;
  t.tm_min = minutes;
  std::time_t s = timegm(&t);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&s, &t));
  return buf;
}

OpenedRecord ticket_event(const std::string& centre, const std::string& ticket, const std::string& event,
                          const std::string& service, const std::string& at, const std::string& outcome) {
  OpenedRecord r = base(upstream::intake::Kind::TicketEvent, centre, at);
  r.ticket_id = ticket;
  r.event = event;
  r.service = service;
  r.number = "A-1";
  r.outcome = outcome;
  if (event == "transferred") r.to_service = "other";
  return r;
}

OpenedRecord registration(const std::string& centre, const std::string& visitor, const std::string& person_key,
                          const std::string& service, const std::string& at) {
  OpenedRecord r = base(upstream::intake::Kind::Registration, centre, at);
  r.at.clear();
  r.registration_id = store::new_uuid_v4();
  r.visitor_id = visitor_uuid(visitor);
  r.person_key = person_key;
  r.service = service;
  r.consent = true;
  r.age_band = "25-34";
  return r;
}

OpenedRecord milestone(const std::string& centre, const std::string& visitor, const std::string& m,
                       const std::string& at) {
  OpenedRecord r = base(upstream::intake::Kind::Milestone, centre, at);
  r.visitor_id = visitor_uuid(visitor);
  r.milestone = m;
  r.service = "jisr";
  return r;
}

OpenedRecord appointment(const std::string& centre, const std::string& appointment, const std::string& event,
                         const std::string& service, const std::string& at) {
  OpenedRecord r = base(upstream::intake::Kind::Appointment, centre, at);
  r.appointment_id = appointment;
  r.visitor_id = store::new_uuid_v4();
  r.event = event;
  r.service = service;
  if (event == "booked" || event == "moved") r.slot = at;
  return r;
}

OpenedRecord referral(const std::string& centre, const std::string& referral, const std::string& event,
                      const std::string& from_service, const std::string& at) {
  OpenedRecord r = base(upstream::intake::Kind::Referral, centre, at);
  r.referral_id = referral;
  r.visitor_id = store::new_uuid_v4();
  r.event = event;
  r.from_service = from_service;
  r.referred_kind = "partner";
  r.referred_to = "amal";
  if (event == "declined" || event == "not_completed") r.state_reason = "other";
  return r;
}

int store_batch(upstream::pg::ReceiverStore& st, const std::vector<OpenedRecord>& records) {
  if (records.empty()) return 0;
  upstream::pg::TokenOwner who{records.front().kiosk_id, records.front().centre_id};
  upstream::pg::BatchAnswer a = st.receive_batch(who, store::new_uuid_v4(), [&] {
    upstream::pg::PreparedBatch p;
    p.opened = records;
    return p;
  });
  return a.stored;
}

}  // namespace shubbak::testing
