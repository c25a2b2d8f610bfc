#include "sync/loadgen/payloads.hpp"

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "store/uuid.hpp"
#include "sync/loadgen/format3.hpp"

namespace shubbak::loadgen {

using nlohmann::json;

namespace {

constexpr std::array<const char*, 6> kServices = {"jisr", "incubator", "training", "literacy", "legal", "social"};
constexpr std::array<const char*, 5> kOutcomes = {"info_given", "jisr_registered", "incubator_referred",
                                                  "legal_referred", "follow_up"};
constexpr std::array<const char*, 4> kCommunes = {"Hay Hassani", "Sidi Moumen", "Ain Chock", "Ben Msick"};
constexpr std::array<const char*, 3> kContacts = {"sms", "call", "none"};

std::string digits(unsigned long long n, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*llu", width, n % 100000000ULL);
  return buf;
}

// The per-visit values that several records of one visit share.
struct Visit {
  int index;
  std::string visitor_id, ticket_id, number, service;
  TimePoint at;
};

json base(const KioskIdentity& k) { return {{"centre_id", k.centre_id}, {"kiosk_id", k.kiosk_id}}; }

json registration(const KioskIdentity& k, const Visit& v, const std::string& at) {
  const unsigned long long n = std::hash<std::string>{}(k.kiosk_id) + static_cast<unsigned long long>(v.index);
  json r = base(k);
  r["registration_id"] = store::new_uuid_v4();
  r["visitor_id"] = v.visitor_id;
  r["service"] = v.service;
  r["ticket"] = v.number;
  r["created_at"] = at;
  r["consent"] = true;
  r["visitor"] = {{"name", "Visiteuse Essai " + digits(n, 6)},
                  {"phone", "06" + digits(n * 7919, 8)},
                  {"cin", v.index % 3 == 0 ? "" : "LD" + digits(n, 6)},
                  {"birth_year", std::to_string(1950 + v.index % 55)},
                  {"commune", kCommunes[v.index % kCommunes.size()]},
                  {"contact", kContacts[v.index % kContacts.size()]}};
  return r;
}

json ticket_event(const KioskIdentity& k, const Visit& v, int step, const std::string& at) {
  json e = base(k);
  e["ticket_id"] = v.ticket_id;
  e["service"] = v.service;
  e["number"] = v.number;
  e["at"] = at;
  if (step == 1) {
    e["event"] = "issued";
    e["priority"] = v.index % 10 == 0;
    e["visitor_id"] = v.visitor_id;
    return e;
  }
  e["staff"] = "agent" + std::to_string(1 + v.index % 4);
  e["counter"] = 1 + v.index % 3;
  if (step == 2) {
    e["event"] = "called";
  } else if (step == 3) {
    e["event"] = "served";
    e["outcome"] = kOutcomes[v.index % kOutcomes.size()];
  } else if (v.index % 3 == 0) {
    e["event"] = "transferred";
    e["to_service"] = kServices[(v.index + 1) % kServices.size()];
  } else {
    e["event"] = v.index % 3 == 1 ? "recalled" : "no_show";
  }
  return e;
}

class Format2Sealer final : public RecordSealer {
 public:
  explicit Format2Sealer(const std::string& key) : sealer_(key) {}
  store::Bytes seal(const PlainRecord& r) override { return sealer_.seal(r.json); }

 private:
  store::Sealer sealer_;
};

}  // namespace

PlainRecord plain_record(const KioskIdentity& k, int i, TimePoint start) {
  // Ids that belong to one visit are the same for its five records: derived from the visit, not random.
  thread_local std::string last_kiosk;
  thread_local int last_visit = -1;
  thread_local Visit visit{};
  const int vi = i / 5, step = i % 5;
  if (vi != last_visit || k.kiosk_id != last_kiosk) {
    visit = Visit{vi, store::new_uuid_v4(), store::new_uuid_v4(), "", kServices[vi % kServices.size()],
                  start + std::chrono::minutes(vi)};
    visit.number = std::string(1, static_cast<char>('A' + vi % 6)) + "-" + digits(vi % 1000, 3);
    last_visit = vi;
    last_kiosk = k.kiosk_id;
  }
  PlainRecord r;
  r.created_at = to_rfc3339_utc(visit.at + std::chrono::seconds(step * 7));
  if (step == 0) {
    r.kind = "registration";
    r.json = registration(k, visit, r.created_at).dump();
  } else {
    r.kind = "ticket_event";
    r.json = ticket_event(k, visit, step, r.created_at).dump();
  }
  return r;
}

std::unique_ptr<RecordSealer> make_sealer(const SealKeys& keys) {
  if (keys.format == 3) return make_format3_sealer(keys);
  return std::make_unique<Format2Sealer>(keys.seal_public_key);
}

std::vector<SealedRecord> seal_backlog(const KioskIdentity& k, int count, TimePoint start, RecordSealer& sealer) {
  std::vector<SealedRecord> out;
  out.reserve(count);
  for (int i = 0; i < count; ++i) {
    PlainRecord p = plain_record(k, i, start);
    SealedRecord s;
    s.id = store::new_uuid_v4();
    s.kind = p.kind;
    s.created_at = p.created_at;
    s.sealed_base64 = store::to_base64(sealer.seal(p));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace shubbak::loadgen
