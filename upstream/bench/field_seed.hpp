// Field-like facts for scripts/bench dashboard (issue 17), made up deterministically from a seed and written as
// COPY text, a chunk at a time: ~1,100 centres over the 12 regions (as many as the real ones hold, 167 in
// Marrakech-Safi down to 2 in Dakhla; some big urban centres, many small ones), two years of days ending `today`,
// the hours of a centre's day (8:00-17:00 with the morning peak), the catalogue's services, waits with a realistic
// spread (median about 12 minutes, a tail of hours), registrations, milestones, appointments and referrals.
// Per visit: issued, called (most), served / no_show / transferred, a registration at a woman's first visit, and
// now and then a milestone, an appointment (booked, then kept, late, missed or cancelled) or a referral.
#pragma once
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace shubbak::upstream::bench {

struct SeedPlan {
  long long records = 10'000'000;
  int centres = 1100;
  int days = 730;
  std::string today;            // "YYYY-MM-DD", the last day seeded
  uint64_t seed = 17;
  long long chunk_records = 100'000;  // records per COPY statement (one transition table per statement)
};

struct SeedCentre {
  std::string id, region;  // region "" for a centre whose region is not set
  double weight;           // its share of the visits
};

// The centres (their ids carry their region: MA-07-0123), in id order.
std::vector<SeedCentre> seed_centres(const SeedPlan& plan);

// COPY ... FROM STDIN text of one chunk, per table, with the column lists below.
struct SeedChunk {
  std::string records, registrations, ticket_events, milestones, appointment_events, referral_events;
  long long record_count = 0;
  void clear() { *this = SeedChunk{}; }
};
struct SeedTable {
  const char* name;
  const char* columns;
  std::string SeedChunk::*rows;
};
// In the order they are copied (registrations before milestones: the milestones' trigger joins them).
extern const std::vector<SeedTable> kSeedTables;

class FieldSeed {
 public:
  explicit FieldSeed(const SeedPlan& plan);
  // The next chunk (about plan.chunk_records records, whole visits); false once plan.records are made.
  bool next(SeedChunk& out);
  const std::vector<SeedCentre>& centres() const { return centres_; }

 private:
  struct Visitor {
    std::string id, person_key;
    bool registered = false;
    int milestones = 0;
  };
  struct Day {
    std::string date;  // YYYY-MM-DD
    int index;         // 0 = the first day seeded
  };
  void visit(const Day& d, SeedChunk& out);
  Visitor& pick_visitor(size_t centre);
  void ticket(const Day& d, size_t centre, int minute, const Visitor& v, const std::string& service, SeedChunk& out);
  void accompaniment(const Day& d, size_t centre, int minute, Visitor& v, const std::string& service,
                     SeedChunk& out);
  double visits_on(int day) const;
  std::string record(SeedChunk& out, size_t centre, const char* kind, const std::string& at);
  std::string uuid();
  std::string hex(int bytes);
  std::string day_plus(int day_index) const;

  SeedPlan plan_;
  std::vector<SeedCentre> centres_;
  std::vector<std::vector<Visitor>> visitors_;  // per centre
  std::vector<std::string> dates_;              // every day seeded, oldest first
  std::mt19937_64 rng_;
  std::discrete_distribution<size_t> pick_centre_, service_, hour_;
  std::lognormal_distribution<double> wait_;
  long long made_ = 0, tickets_ = 0, appointments_ = 0, referrals_ = 0;
  int day_ = 0;
  double carry_ = 0;  // visits owed to the day
};

}  // namespace shubbak::upstream::bench
