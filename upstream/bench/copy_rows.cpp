#include "upstream/bench/copy_rows.hpp"

#include <sodium.h>

#include <array>
#include <cstdio>
#include <ctime>
#include <stdexcept>

#include "store/seal.hpp"
#include "store/uuid.hpp"

namespace shubbak::upstream::bench {

const char* const kRecordsColumns = "id, kiosk_id, centre_id, kind, created_at, received_at, format, digest";
const char* const kRegistrationsColumns =
    "record_id, centre_id, kiosk_id, day, hour, created_at, registration_id, visitor_id, service, ticket, consent, "
    "age_band, commune, contact, person_key";
const char* const kTicketEventsColumns =
    "record_id, centre_id, kiosk_id, day, hour, created_at, ticket_id, event, service, number, at, priority, "
    "visitor_id, staff, counter, outcome, to_service";
const char* const kIdentitiesColumns = "record_id, sealed";

namespace {

constexpr std::array<const char*, 6> kServices = {"jisr", "incubator", "training", "literacy", "legal", "social"};
constexpr std::array<const char*, 4> kEvents = {"issued", "called", "served", "recalled"};
constexpr std::array<const char*, 8> kBands = {"0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+", "unknown"};
constexpr size_t kSealedIdentityBytes = 140;  // crypto_box_seal of the zlib'd {"name","phone","cin","birth_year"}

std::string hex_bytea(size_t n) {
  std::string raw(n, '\0');
  randombytes_buf(raw.data(), n);
  std::string out = "\\\\x";
  static const char* d = "0123456789abcdef";
  for (unsigned char c : raw) {
    out += d[c >> 4];
    out += d[c & 15];
  }
  return out;
}

std::string person_key() {
  store::Bytes k(32);
  randombytes_buf(k.data(), k.size());
  return store::to_base64(k);
}

struct When {
  std::string ts, day, hour;
};

When when(int64_t minute) {
  std::time_t t = 1795000000 + minute * 60;  // late 2026
  std::tm utc{}, local{};
  gmtime_r(&t, &utc);
  std::time_t lt = t + 3600;  // Africa/Casablanca is UTC+1 most of the year
  gmtime_r(&lt, &local);
  char ts[32], day[16], hour[8];
  std::strftime(ts, sizeof ts, "%Y-%m-%d %H:%M:%S+00", &utc);
  std::strftime(day, sizeof day, "%Y-%m-%d", &local);
  std::snprintf(hour, sizeof hour, "%d", local.tm_hour);
  return {ts, day, hour};
}

void add_row(std::string& buf, std::initializer_list<std::string> cells) {
  bool first = true;
  for (const auto& c : cells) {
    if (!first) buf += '\t';
    buf += c;
    first = false;
  }
  buf += '\n';
}

}  // namespace

CopyRows make_copy_rows(int64_t count, int kiosks) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  CopyRows rows;
  rows.record_count = count;
  std::string visitor, ticket;
  for (int64_t i = 0; i < count; ++i) {
    char kiosk[32], centre[32], number[16];
    std::snprintf(kiosk, sizeof kiosk, "load-%04lld", static_cast<long long>(i % kiosks + 1));
    std::snprintf(centre, sizeof centre, "MA-LOAD-%04lld", static_cast<long long>(i % kiosks + 1));
    const int64_t visit = i / 5;
    const int step = static_cast<int>(i % 5);
    std::snprintf(number, sizeof number, "%c-%03lld", 'A' + static_cast<int>(visit % 6),
                  static_cast<long long>(visit % 1000));
    if (step == 0) {
      visitor = store::new_uuid_v4();
      ticket = store::new_uuid_v4();
    }
    const std::string id = store::new_uuid_v4(), service = kServices[visit % kServices.size()];
    const When w = when(visit);
    add_row(rows.records, {id, kiosk, centre, step == 0 ? "registration" : "ticket_event", w.ts, w.ts, "2",
                           hex_bytea(32)});
    if (step == 0) {
      add_row(rows.registrations, {id, centre, kiosk, w.day, w.hour, w.ts, store::new_uuid_v4(), visitor, service,
                                   number, "t", kBands[visit % kBands.size()], "Hay Hassani", "sms",
                                   person_key()});
      add_row(rows.identities, {id, hex_bytea(kSealedIdentityBytes)});
    } else {
      const bool staffed = step > 1;
      add_row(rows.ticket_events, {id, centre, kiosk, w.day, w.hour, w.ts, ticket, kEvents[step - 1], service, number,
                                   w.ts, "f", step == 1 ? visitor : "\\N", staffed ? "agent1" : "\\N",
                                   staffed ? "2" : "\\N", step == 3 ? "info_given" : "\\N", "\\N"});
    }
  }
  return rows;
}

}  // namespace shubbak::upstream::bench
