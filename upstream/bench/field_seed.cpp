#include "upstream/bench/field_seed.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace shubbak::upstream::bench {

namespace {

// The field's shape (docs/performance.md, "The dashboard (issue 17)").
constexpr int kRegionCentres[12] = {120, 95, 130, 125, 85, 160, 167, 70, 90, 30, 14, 2};  // 01..12; the rest: unset
constexpr double kRecordsPerVisit = 3.7;        // what visit() makes on average
constexpr double kNewVisitor = 0.55;            // a visit by a woman the centre has not seen
constexpr double kRegisters = 0.8;              // a new visitor registers
constexpr double kCalled = 0.92, kServed = 0.9, kTransferred = 0.04;  // of the called: served, transferred, else no_show
constexpr double kWaitMedianMinutes = 12, kWaitSpread = 0.9;          // log-normal waits
constexpr int kLongestWaitMinutes = 600;
constexpr double kMilestone = 0.12, kAppointment = 0.06, kReferral = 0.03;
constexpr double kCentreSizeSpread = 0.8;       // log-normal centre sizes
constexpr int kOpens = 8, kCloses = 17;         // a centre's day, Morocco's hours
constexpr double kHourWeights[kCloses - kOpens] = {6, 10, 10, 8, 4, 5, 7, 6, 3};
const char* kServices[] = {"jisr", "incubator", "training", "literacy", "listening", "legal", "social", "childcare",
                           "disability"};
constexpr double kServiceWeights[] = {25, 8, 12, 12, 5, 12, 12, 7, 7};
const char* kOutcomes[] = {"info_given", "jisr_registered", "legal_referred", "follow_up", "coached"};
const char* kMilestones[] = {"registered", "coached", "trained", "incubated", "project_started"};
const char* kAgeBands[] = {"18-25", "26-35", "36-45", "46-60", "60+"};

// Days since 1970-01-01 from a civil date and back (H. Hinnant's algorithms).
long days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + static_cast<long>(yoe * 365 + yoe / 4 - yoe / 100 + doy) - 719468;
}
std::string civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  char b[40];
  std::snprintf(b, sizeof b, "%04ld-%02u-%02u", static_cast<long>(yoe) + era * 400 + (m <= 2), m, d);
  return b;
}

// "YYYY-MM-DD HH:MM:00+01": Morocco's time (UTC+1) `minute` minutes into the day (kept inside the day).
std::string at_of(const std::string& date, int minute) {
  minute = std::clamp(minute, 0, 24 * 60 - 1);
  char b[40];
  std::snprintf(b, sizeof b, "%s %02d:%02d:00+01", date.c_str(), minute / 60, minute % 60);
  return b;
}

std::string hour_of(int minute) { return std::to_string(std::clamp(minute, 0, 24 * 60 - 1) / 60); }

std::string kiosk_of(const SeedCentre& c) { return "k-" + c.id; }

}  // namespace

const std::vector<SeedTable> kSeedTables = {
    {"records", "id, kiosk_id, centre_id, kind, created_at, format, digest", &SeedChunk::records},
    {"registrations",
     "record_id, centre_id, kiosk_id, day, hour, created_at, registration_id, visitor_id, service, ticket, consent, "
     "age_band, commune, contact, person_key",
     &SeedChunk::registrations},
    {"ticket_events",
     "record_id, centre_id, kiosk_id, day, hour, created_at, ticket_id, event, service, number, at, priority, "
     "visitor_id, staff, counter, outcome, to_service",
     &SeedChunk::ticket_events},
    {"milestones", "record_id, centre_id, kiosk_id, day, hour, created_at, at, visitor_id, milestone, service, staff",
     &SeedChunk::milestones},
    {"appointment_events",
     "record_id, centre_id, kiosk_id, day, hour, created_at, at, appointment_id, visitor_id, service, event, slot, staff",
     &SeedChunk::appointment_events},
    {"referral_events",
     "record_id, centre_id, kiosk_id, day, hour, created_at, at, referral_id, visitor_id, from_service, to_kind, "
     "to_id, event, state_reason, staff",
     &SeedChunk::referral_events},
};

std::vector<SeedCentre> seed_centres(const SeedPlan& plan) {
  std::mt19937_64 rng(plan.seed);
  std::lognormal_distribution<double> size(0, kCentreSizeSpread);
  std::vector<SeedCentre> out;
  for (int r = 0; r < 12; ++r) {
    char region[4];
    std::snprintf(region, sizeof region, "%02d", r + 1);
    const int n = static_cast<int>(std::lround(kRegionCentres[r] * plan.centres / 1100.0));
    for (int i = 0; i < std::max(1, n); ++i) {
      char id[32];
      std::snprintf(id, sizeof id, "MA-%s-%04d", region, i + 1);
      out.push_back({id, region, size(rng)});
    }
  }
  for (int i = 0; static_cast<int>(out.size()) < plan.centres; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "MA-XX-%04d", i + 1);  // region not set (national figures only)
    out.push_back({id, "", size(rng)});
  }
  return out;
}

FieldSeed::FieldSeed(const SeedPlan& plan)
    : plan_(plan), centres_(seed_centres(plan)), rng_(plan.seed),
      service_(std::begin(kServiceWeights), std::end(kServiceWeights)),
      hour_(std::begin(kHourWeights), std::end(kHourWeights)), wait_(std::log(kWaitMedianMinutes), kWaitSpread) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(plan.today.c_str(), "%d-%u-%u", &y, &m, &d) != 3) throw std::invalid_argument("today: YYYY-MM-DD");
  const long last = days_from_civil(y, m, d);
  for (int i = plan.days - 1; i >= 0; --i) dates_.push_back(civil_from_days(last - i));
  std::vector<double> w;
  for (const SeedCentre& c : centres_) w.push_back(c.weight);
  pick_centre_ = std::discrete_distribution<size_t>(w.begin(), w.end());
  visitors_.resize(centres_.size());
  carry_ = visits_on(0);
}

std::string FieldSeed::hex(int bytes) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < bytes; i += 8) {
    uint64_t v = rng_();
    for (int k = 0; k < 16 && static_cast<int>(s.size()) < 2 * bytes; ++k, v >>= 4) s += digits[v & 15];
  }
  return s;
}

std::string FieldSeed::uuid() {
  std::string h = hex(16);
  h[12] = '4';
  h[16] = "89ab"[h[16] % 4];
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

std::string FieldSeed::day_plus(int n) const { return dates_[std::min<size_t>(dates_.size() - 1, day_ + n)]; }

// A records row; returns its id.
std::string FieldSeed::record(SeedChunk& out, size_t centre, const char* kind, const std::string& at) {
  std::string id = uuid();
  const SeedCentre& c = centres_[centre];
  out.records += id + "\t" + kiosk_of(c) + "\t" + c.id + "\t" + kind + "\t" + at + "\t3\t\\\\x" + hex(32) + "\n";
  ++out.record_count;
  ++made_;
  return id;
}

double FieldSeed::visits_on(int day) const {
  return plan_.records / kRecordsPerVisit / plan_.days * (day % 7 == 5 ? 0.6 : 1.07);  // a quieter day each week
}

bool FieldSeed::next(SeedChunk& out) {
  out.clear();
  while (made_ < plan_.records && out.record_count < plan_.chunk_records) {
    if (carry_ < 1) {  // the day's visits are made: the next day (the last one takes what is left over)
      if (day_ + 1 < plan_.days) ++day_;
      carry_ += visits_on(day_);
      continue;
    }
    visit({dates_[day_], day_}, out);
    carry_ -= 1;
  }
  return out.record_count > 0;
}

FieldSeed::Visitor& FieldSeed::pick_visitor(size_t centre) {
  std::vector<Visitor>& all = visitors_[centre];
  if (all.empty() || std::bernoulli_distribution(kNewVisitor)(rng_)) {
    all.push_back({uuid(), hex(16), false, 0});
    return all.back();
  }
  return all[std::uniform_int_distribution<size_t>(0, all.size() - 1)(rng_)];
}

void FieldSeed::visit(const Day& d, SeedChunk& out) {
  const size_t centre = pick_centre_(rng_);
  Visitor& v = pick_visitor(centre);
  const std::string service = kServices[service_(rng_)];
  const SeedCentre& c = centres_[centre];
  const int minute = kOpens * 60 + static_cast<int>(hour_(rng_)) * 60 + std::uniform_int_distribution<int>(0, 59)(rng_);
  if (!v.registered && std::bernoulli_distribution(kRegisters)(rng_)) {
    v.registered = true;
    const std::string at = at_of(d.date, minute - 3), id = record(out, centre, "registration", at);
    out.registrations += id + "\t" + c.id + "\t" + kiosk_of(c) + "\t" + d.date + "\t" + hour_of(minute - 3) + "\t" +
                         at + "\t" + uuid() + "\t" + v.id + "\t" + service + "\t\\N\tt\t" + kAgeBands[rng_() % 5] +
                         "\t\\N\tsms\t" + v.person_key + "\n";
  }
  ticket(d, centre, minute, v, service, out);
  accompaniment(d, centre, minute, v, service, out);
}

void FieldSeed::ticket(const Day& d, size_t centre, int minute, const Visitor& v, const std::string& service,
                       SeedChunk& out) {
  const SeedCentre& c = centres_[centre];
  const std::string ticket = "t" + std::to_string(++tickets_), number = std::to_string(tickets_ % 200);
  auto event = [&](const char* e, int m, const std::string& outcome, const std::string& to) {
    const std::string at = at_of(d.date, m), id = record(out, centre, "ticket_event", at);
    out.ticket_events += id + "\t" + c.id + "\t" + kiosk_of(c) + "\t" + d.date + "\t" + hour_of(m) + "\t" + at + "\t" +
                         ticket + "\t" + e + "\t" + service + "\t" + number + "\t" + at + "\tf\t" + v.id +
                         "\tstaff-1\t1\t" + outcome + "\t" + to + "\n";
  };
  event("issued", minute, "\\N", "\\N");
  if (!std::bernoulli_distribution(kCalled)(rng_)) return;  // she left before her turn: no call, no outcome
  const int wait = std::min(kLongestWaitMinutes, static_cast<int>(wait_(rng_)));
  event("called", minute + wait, "\\N", "\\N");
  const double r = std::uniform_real_distribution<double>(0, 1)(rng_);
  if (r < kServed)
    event("served", minute + wait + 15, kOutcomes[rng_() % 5], "\\N");
  else if (r < kServed + kTransferred)
    event("transferred", minute + wait + 5, "\\N", "legal");
  else
    event("no_show", minute + wait + 2, "\\N", "\\N");
}

void FieldSeed::accompaniment(const Day&, size_t centre, int minute, Visitor& v, const std::string& service,
                              SeedChunk& out) {
  const SeedCentre& c = centres_[centre];
  const std::string head = "\t" + c.id + "\t" + kiosk_of(c) + "\t";
  auto row = [&](std::string SeedChunk::*table, const char* kind, int days_later, const std::string& rest) {
    const std::string date = day_plus(days_later), at = at_of(date, minute + 30);
    const std::string id = record(out, centre, kind, at);
    out.*table += id + head + date + "\t" + hour_of(minute + 30) + "\t" + at + "\t" + at + "\t" + rest + "\n";
  };
  if (v.registered && v.milestones < 5 && std::bernoulli_distribution(kMilestone)(rng_))
    row(&SeedChunk::milestones, "milestone", 0, v.id + "\t" + kMilestones[v.milestones++] + "\t" + service + "\tstaff-1");
  if (std::bernoulli_distribution(kAppointment)(rng_)) {
    const std::string a = "a" + std::to_string(++appointments_), slot = at_of(day_plus(7), minute);
    row(&SeedChunk::appointment_events, "appointment", 0, a + "\t" + v.id + "\t" + service + "\tbooked\t" + slot + "\tstaff-1");
    const char* ends[] = {"kept", "kept", "kept", "kept", "kept", "kept", "late", "missed", "missed", "cancelled"};
    row(&SeedChunk::appointment_events, "appointment", 7, a + "\t" + v.id + "\t" + service + "\t" + ends[rng_() % 10] +
                                                              "\t" + slot + "\tstaff-1");
  }
  if (std::bernoulli_distribution(kReferral)(rng_)) {
    const std::string r = "r" + std::to_string(++referrals_), to = v.id + "\t" + service + "\tpartner\tanaruz\t";
    row(&SeedChunk::referral_events, "referral", 0, r + "\t" + to + "proposed\t\\N\tstaff-1");
    const bool accepted = rng_() % 10 < 7;
    row(&SeedChunk::referral_events, "referral", 3, r + "\t" + to + (accepted ? "accepted" : "declined") + "\t\\N\tstaff-1");
    if (accepted && rng_() % 10 < 8)
      row(&SeedChunk::referral_events, "referral", 20, r + "\t" + to + (rng_() % 4 ? "completed" : "not_completed") +
                                                           "\t\\N\tstaff-1");
  }
}

}  // namespace shubbak::upstream::bench
