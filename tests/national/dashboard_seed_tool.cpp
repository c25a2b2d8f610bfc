// shubbak-dashboard-seed CONNINFO: the browser tests' national figures (tests/browser/test_dashboard.py), stored
// through the receivers' own insert path (tests/national/dashboard_seed.hpp) so that the aggregates' triggers see
// what they see in the field. Test-only (not installed). Today is the database's day in Morocco; every record is
// stored at 10:00-12:00 Morocco time today. The tests compute the truth from the fact tables, not from this file.
#include <sodium.h>

#include <cstdio>

#include "store/uuid.hpp"
#include "tests/national/dashboard_seed.hpp"
#include "upstream/pg/connection.hpp"
#include "upstream/pg/migrations.hpp"

using namespace shubbak;
using namespace shubbak::testing;

namespace {

// n visits to `service` at `centre` today: issued, called after k % 17 minutes, served (one in four not there).
std::vector<OpenedRecord> visits(const std::string& centre, const std::string& day, const std::string& service, int n) {
  std::vector<OpenedRecord> b;
  for (int k = 0; k < n; ++k) {
    const std::string t = store::new_uuid_v4();
    b.push_back(ticket_event(centre, t, "issued", service, utc(day, k * 2)));
    b.push_back(ticket_event(centre, t, "called", service, utc(day, k * 2 + k % 17)));
    b.push_back(ticket_event(centre, t, k % 4 ? "served" : "no_show", service, utc(day, k * 2 + 20), "info_given"));
  }
  return b;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 || sodium_init() < 0) {
    std::fprintf(stderr, "usage: shubbak-dashboard-seed CONNINFO\n");
    return 2;
  }
  upstream::pg::Connection c(argv[1]);
  upstream::pg::migrate(c);
  // 09:00 UTC is 10:00 in Casablanca: today in Morocco is today in UTC at that hour.
  const std::string day = c.exec("SELECT (now() AT TIME ZONE 'Africa/Casablanca')::date::text").text(0, 0);
  for (const auto& [centre, region, name] :
       {std::tuple{"MA-CAS-01", "06", "Hay Hassani"}, {"MA-CAS-02", "06", "Sidi Moumen"}, {"MA-MRK-01", "07", "Daoudiate"}})
    c.exec("INSERT INTO centres(centre_id, region_code, name) VALUES($1, $2, $3) ON CONFLICT (centre_id) DO UPDATE "
           "SET region_code = EXCLUDED.region_code, name = EXCLUDED.name", {centre, region, name});
  upstream::pg::ReceiverStore st(argv[1]);
  int stored = 0;
  for (const auto& [centre, service, n] :
       {std::tuple{"MA-CAS-01", "jisr", 12}, {"MA-CAS-01", "legal", 7}, {"MA-CAS-01", "listening", 3},
        {"MA-CAS-02", "jisr", 6}, {"MA-MRK-01", "training", 8}, {"MA-MRK-01", "literacy", 5}})
    stored += store_batch(st, visits(centre, day, service, n));
  std::vector<OpenedRecord> jisr;
  for (int w = 0; w < 6; ++w) {
    const std::string v = "woman-" + std::to_string(w);
    jisr.push_back(registration("MA-CAS-01", v, "pk-" + std::to_string(w), "jisr", utc(day, w)));
    jisr.push_back(milestone("MA-CAS-01", v, "registered", utc(day, w + 1)));
    if (w < 5) jisr.push_back(milestone("MA-CAS-01", v, "coached", utc(day, w + 2)));
  }
  stored += store_batch(st, jisr);
  upstream::intake::Heartbeat h;
  h.pending = 3;
  h.free_disk_bytes = 12'500'000'000;
  h.version = "2.1.0";
  h.last_success_at = utc(day, 0);
  st.record_heartbeat({"k-MA-CAS-01", "MA-CAS-01"}, h);
  st.record_heartbeat({"k-MA-MRK-01", "MA-MRK-01"}, h);
  h.pending = 40;
  st.record_heartbeat({"k-MA-MRK-01", "MA-MRK-01"}, h);  // a growing backlog; MA-CAS-02 never sent one (silent)
  std::printf("seeded %d records on %s\n", stored, day.c_str());
  return 0;
}
