// The figures a page gets (upstream/dashboard/figures.hpp) against a real PostgreSQL: equal to the truth from the
// fact tables, already suppressed, scoped in the SQL (a region never sees another region's centre), sensitive
// services never below region level.
#include <algorithm>
#include <map>
#include <sstream>

#include "store/uuid.hpp"
#include "tests/national/dashboard_fixture.hpp"
#include "upstream/dashboard/figures.hpp"

namespace shubbak::testing {
namespace {

using namespace upstream::dashboard;

const char* kToday = "2026-11-30";

upstream::intake::Heartbeat beat(long long pending, long long free_disk, const std::string& version) {
  upstream::intake::Heartbeat h;
  h.pending = pending;
  h.free_disk_bytes = free_disk;
  h.version = version;
  h.last_success_at = "2026-11-30T08:00:00Z";
  return h;
}

class DashboardFigures : public DashboardDb {
 protected:
  void SetUp() override {
    DashboardDb::SetUp();
    set_region("MA-CAS-01", "06");
    set_region("MA-CAS-02", "06");
    set_region("MA-MRK-01", "07");
    opts.today = kToday;
    opts.sensitive_services = {"listening"};
    window = upstream::pg::CentreWindow{kToday, {"listening"}};  // a receiver with the same catalogue
  }
  void set_region(const std::string& centre, const std::string& region) {
    Ran r = run_program({upstream_bin(), "centre", "set", centre, "--region", region, "--name", centre + " centre",
                         "--db", pg.conninfo()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // n tickets issued at `service` on `day` (minutes after 09:00 UTC), each called after k % 23 minutes.
  void visits(const std::string& centre, const std::string& day, const std::string& service, int n) {
    std::vector<OpenedRecord> b;
    for (int k = 0; k < n; ++k) {
      std::string t = store::new_uuid_v4();
      b.push_back(ticket_event(centre, t, "issued", service, utc(day, k * 3)));
      b.push_back(ticket_event(centre, t, "called", service, utc(day, k * 3 + k % 23)));
      b.push_back(ticket_event(centre, t, k % 4 ? "served" : "no_show", service, utc(day, k * 3 + 30), "advice"));
    }
    ASSERT_EQ(store_batch(*store, b), 3 * n);
    count_queued();
  }
  // The truth: tickets issued in the last 30 days, by `group`, from ticket_events.
  std::map<std::string, long long> true_visits(const std::string& group, const std::string& where = "true") {
    std::string out = pg.psql("SELECT " + group + ", count(*) FROM ticket_events e LEFT JOIN centres c USING "
                              "(centre_id) WHERE e.event = 'issued' AND e.day > DATE '2026-11-30' - 30 AND "
                              "e.day <= DATE '2026-11-30' AND " + where + " GROUP BY 1");
    std::map<std::string, long long> m;
    std::stringstream ss(out);
    for (std::string line; std::getline(ss, line);)
      m[line.substr(0, line.rfind('|'))] = std::stoll(line.substr(line.rfind('|') + 1));
    return m;
  }
  void seed_country() {
    visits("MA-CAS-01", kToday, "legal", 40);
    visits("MA-CAS-01", "2026-11-27", "jisr", 12);
    visits("MA-CAS-01", "2026-10-01", "jisr", 9);  // more than 30 days ago: in no figure
    visits("MA-CAS-02", kToday, "legal", 20);
    visits("MA-CAS-02", kToday, "jisr", 8);
    visits("MA-CAS-02", kToday, "listening", 3);  // sensitive, and few
    visits("MA-MRK-01", "2026-11-29", "legal", 17);
    visits("MA-MRK-01", "2026-11-29", "health", 2);
    visits("MA-NEW-01", kToday, "legal", 6);  // region not set
  }
  Options opts;
};

// Every shown cell of a one-column table equals the truth; every true 1..4 is hidden; no label outside the truth.
void expect_truth(const Table& t, const std::map<std::string, long long>& truth) {
  long long sum = 0;
  for (size_t i = 0; i < t.rows.size(); ++i) {
    long long want = truth.count(t.rows[i]) ? truth.at(t.rows[i]) : 0;
    sum += want;
    if (want >= 1 && want <= 4) {
      EXPECT_TRUE(t.cells[i][0].is_hidden()) << t.id << " " << t.rows[i];
    }
    if (!t.cells[i][0].is_hidden()) {
      EXPECT_EQ(*t.cells[i][0].value(), want) << t.id << " " << t.rows[i];
    }
  }
  for (const auto& [label, n] : truth) {
    EXPECT_NE(std::find(t.rows.begin(), t.rows.end(), label), t.rows.end()) << label;
  }
  if (!t.total->is_hidden()) {
    EXPECT_EQ(*t.total->value(), sum) << t.id;
  }
}

// No choice of shown cells, taken from the shown total, leaves exactly `secret`.
void expect_no_combination_gives(const Table& t, long long secret) {
  ASSERT_FALSE(t.total->is_hidden());
  std::vector<long long> shown;
  for (const auto& row : t.cells)
    if (!row[0].is_hidden()) shown.push_back(*row[0].value());
  for (unsigned mask = 0; mask < (1u << shown.size()); ++mask) {
    long long sum = 0;
    for (size_t k = 0; k < shown.size(); ++k)
      if (mask & (1u << k)) sum += shown[k];
    EXPECT_NE(*t.total->value() - sum, secret) << t.id;
    EXPECT_NE(sum, secret) << t.id;
  }
}

bool mentions(const Table& t, const std::string& label) {
  return std::find(t.rows.begin(), t.rows.end(), label) != t.rows.end() ||
         std::find(t.columns.begin(), t.columns.end(), label) != t.columns.end();
}

TEST_F(DashboardFigures, TheNationalOverviewEqualsTheTruth) {
  seed_country();
  Overview v = overview(*conn, Scope::national(), opts);
  expect_truth(v.visits_by_service, true_visits("coalesce(e.service, '')"));
  expect_truth(v.visits_by_region, true_visits("coalesce(c.region_code, '')"));
  auto all = true_visits("'all'")["all"];
  EXPECT_EQ(v.visits.cells[2][0].value(), all);  // 30 days
  EXPECT_EQ(all, 40 + 12 + 20 + 8 + 3 + 17 + 2 + 6);
  EXPECT_EQ(v.visits.cells[0][0].value(), true_visits("'t'", "e.day = DATE '2026-11-30'")["t"]);
  // Waits: median and p90 as percentile_disc over each ticket's bucketed wait.
  std::string q = pg.psql(
      "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY w), percentile_disc(0.9) WITHIN GROUP (ORDER BY w), "
      "count(*) FROM (SELECT wait_bucket(min(c.at) - i.at) AS w FROM ticket_events i JOIN ticket_events c ON "
      "c.ticket_id = i.ticket_id AND c.event = 'called' WHERE i.event = 'issued' AND i.day > DATE '2026-11-30' - 30 "
      "GROUP BY i.ticket_id, i.at) t");
  EXPECT_EQ(std::to_string(*v.waits.median_minutes) + "|" + std::to_string(*v.waits.p90_minutes) + "|" +
                v.waits.count.text(),
            q);
  EXPECT_EQ(v.jisr_target_women, 36000);
}

// Each centre's waits on the centres page (the quantiles worked out in SQL, one row a centre) against
// percentile_disc over its tickets' bucketed waits, the sensitive service left out (the rows are centres).
// Everything a page shows of a table or an overview, as text.
std::string shown(const std::vector<Shown>& cells) {
  std::string s;
  for (const Shown& c : cells) s += c.text() + " ";
  return s;
}
std::string shown(const Table& t) {
  std::string s = t.id + "\n rows:";
  for (const std::string& r : t.rows) s += " " + r;
  s += "\n columns:";
  for (const std::string& c : t.columns) s += " " + c;
  for (const auto& row : t.cells) s += "\n " + shown(row);
  s += "\n totals: " + shown(t.row_totals) + "/ " + shown(t.column_totals) + "/ " + (t.total ? t.total->text() : "-");
  for (const std::string& n : t.notes) s += "\n note " + n;
  return s + "\n";
}
std::string shown(const Overview& v) {
  std::string s;
  for (const Table* t : {&v.visits, &v.visits_by_service, &v.visits_by_region, &v.milestone_women,
                         &v.milestone_women_by_month, &v.referrals_by_state, &v.appointments})
    s += shown(*t);
  auto minutes = [](const std::optional<int>& m) { return m ? std::to_string(*m) : std::string("-"); };
  return s + "waits " + v.waits.count.text() + " " + minutes(v.waits.median_minutes) + " " +
         minutes(v.waits.p90_minutes);
}

// The overviews of the nation and of each region from the region rollups are the ones from the aggregates per
// centre (the SQL before migration 5), after a centre moved to another region once its records were counted.
TEST_F(DashboardFigures, TheOverviewsFromTheRollupsAreTheOnesFromTheCentresAggregates) {
  seed_country();
  std::vector<OpenedRecord> acc;
  for (int i = 0; i < 7; ++i) {
    const std::string v = "w" + std::to_string(i), centre = i % 3 ? "MA-CAS-02" : "MA-MRK-01";
    acc.push_back(registration(centre, v, "pk-" + v, "jisr", utc("2026-10-01", i)));
    acc.push_back(milestone(centre, v, i % 2 ? "trained" : "coached", utc("2026-11-0" + std::to_string(i + 1), 0)));
    acc.push_back(appointment(centre, store::new_uuid_v4(), i % 2 ? "kept" : "missed", "jisr", utc(kToday, i)));
    acc.push_back(referral(centre, store::new_uuid_v4(), i % 2 ? "accepted" : "proposed", "jisr", utc(kToday, i)));
  }
  ASSERT_EQ(store_batch(*store, acc), 28);
  count_queued();
  set_region("MA-CAS-02", "07");  // after its records were counted
  count_queued();
  Options per_centre = opts;
  per_centre.rollups = false;
  for (const Scope& s : {Scope::national(), Scope::region("06"), Scope::region("07"), Scope::region("01")}) {
    EXPECT_EQ(shown(overview(*conn, s, opts)), shown(overview(*conn, s, per_centre))) << s.code();
  }
  EXPECT_NE(shown(overview(*conn, Scope::region("07"), opts)).find("listening"), std::string::npos);
}

TEST_F(DashboardFigures, EachCentresWaitsEqualTheTruth) {
  seed_country();
  visits("MA-CAS-02", "2026-11-28", "jisr", 30);
  CentresPage page = centres(*conn, Scope::national(), opts);
  std::string truth = pg.psql(
      "SELECT i.centre_id, percentile_disc(0.5) WITHIN GROUP (ORDER BY w), percentile_disc(0.9) WITHIN GROUP "
      "(ORDER BY w), count(*) FROM (SELECT i.centre_id, wait_bucket(min(c.at) - i.at) AS w FROM ticket_events i "
      "JOIN ticket_events c ON c.ticket_id = i.ticket_id AND c.event = 'called' WHERE i.event = 'issued' AND "
      "i.service <> 'listening' AND i.day > DATE '2026-11-30' - 30 GROUP BY i.centre_id, i.ticket_id, i.at) i "
      "GROUP BY 1 HAVING count(*) >= 5 ORDER BY 1");
  std::string got;
  for (size_t i = 0; i < page.centres.size(); ++i) {
    const Waits& w = page.waits[i];
    if (!w.median_minutes) continue;
    got += (got.empty() ? "" : "\n") + page.centres[i].centre_id + "|" + std::to_string(*w.median_minutes) + "|" +
           std::to_string(*w.p90_minutes) + "|" + w.count.text();
  }
  EXPECT_EQ(got, truth);
  EXPECT_EQ(std::count(truth.begin(), truth.end(), '\n'), 3);  // four centres with enough waits
}

std::string shown(const CentresPage& p) {
  std::string s = shown(p.visits);
  auto minutes = [](const std::optional<int>& m) { return m ? std::to_string(*m) : std::string("-"); };
  for (const Waits& w : p.waits) s += "waits " + w.count.text() + " " + minutes(w.median_minutes) + " " +
                                      minutes(w.p90_minutes) + "\n";
  for (const std::string& n : p.notes) s += "note " + n + "\n";
  return s;
}

// The centres page from migration 6's centres' window (kept by the aggregator step after step as the records came)
// is the one summed from the aggregates, for the nation, a region and a centre, with the window's first day and the
// day before it.
TEST_F(DashboardFigures, TheCentresPageFromTheWindowIsTheOneSummedFromTheAggregates) {
  seed_country();
  visits("MA-CAS-02", "2026-11-28", "jisr", 30);
  visits("MA-CAS-01", "2026-11-01", "legal", 7);
  visits("MA-CAS-01", "2026-10-31", "legal", 5);
  // The window is there, of the page's day and services: the comparison below is the window against the sums.
  EXPECT_EQ(pg.psql("SELECT today || ' ' || leave_out::text || ' ' || (SELECT count(*) > 0 FROM win_centres) FROM "
                    "win_state"), opts.today + " {listening} true");
  Options summed = opts;
  summed.centre_window = false;
  for (const Scope& s : {Scope::national(), Scope::region("06"), Scope::region("07"), Scope::centre("MA-CAS-02")}) {
    EXPECT_EQ(shown(centres(*conn, s, opts)), shown(centres(*conn, s, summed))) << s.code();
  }
  const CentresPage p = centres(*conn, Scope::national(), opts);
  auto row = std::find(p.visits.rows.begin(), p.visits.rows.end(), "MA-CAS-01") - p.visits.rows.begin();
  EXPECT_EQ(p.visits.cells[row][0].value(), 40 + 12 + 7);
}

// The page reads the window only when it counts the page's day and sensitive services (in any order): a window of
// another day (the second after midnight before the aggregator's next step) or of another catalogue is not read,
// and the page sums the aggregates. The window is marked (1,000 visits more at each centre) to tell the two apart.
TEST_F(DashboardFigures, TheCentresPageReadsTheWindowOnlyWhenItCountsItsDayAndItsServices) {
  seed_country();
  pg.psql("UPDATE win_centres SET visits = visits + 1000");
  auto visits_at_cas01 = [&](const Options& o) {
    const CentresPage p = centres(*conn, Scope::national(), o);
    auto at = std::find(p.visits.rows.begin(), p.visits.rows.end(), "MA-CAS-01") - p.visits.rows.begin();
    return *p.visits.cells[at][0].value();
  };
  EXPECT_EQ(visits_at_cas01(opts), 1052);
  Options same = opts;
  same.sensitive_services = {"listening", "listening"};
  EXPECT_EQ(visits_at_cas01(same), 1052);
  Options tomorrow = opts;
  tomorrow.today = "2026-12-01";
  EXPECT_EQ(visits_at_cas01(tomorrow), 52);
  Options other = opts;
  other.sensitive_services = {"health", "listening"};
  EXPECT_EQ(visits_at_cas01(other), 52);
  window->today = "2026-12-01";  // the aggregator's next step, after midnight: the window summed again
  count_queued();
  Options summed = tomorrow;
  summed.centre_window = false;
  EXPECT_EQ(shown(centres(*conn, Scope::national(), tomorrow)), shown(centres(*conn, Scope::national(), summed)));
  EXPECT_EQ(visits_at_cas01(tomorrow), 52);
}

TEST_F(DashboardFigures, ThreeVisitsAtTheSensitiveServiceShowAsLessThanFiveAndCannotBeWorkedOut) {
  seed_country();
  Overview region = overview(*conn, Scope::region("06"), opts);
  const Table& t = region.visits_by_service;
  auto at = std::find(t.rows.begin(), t.rows.end(), "listening");
  ASSERT_NE(at, t.rows.end());
  EXPECT_EQ(t.cells[at - t.rows.begin()][0].text(), "<5");
  expect_no_combination_gives(t, 3);
  expect_truth(t, true_visits("coalesce(e.service, '')", "c.region_code = '06'"));
}

TEST_F(DashboardFigures, ACentrePageLeavesTheSensitiveServiceOutOfEveryTableAndTotal) {
  seed_country();
  std::optional<CentrePage> p = centre(*conn, Scope::national(), "MA-CAS-02", opts);
  ASSERT_TRUE(p);
  for (const Table* t : {&p->visits_by_service, &p->visits_by_hour, &p->outcomes, &p->served_outcomes,
                         &p->waits_by_service, &p->referrals_by_state, &p->appointments}) {
    EXPECT_FALSE(mentions(*t, "listening")) << t->id;
    EXPECT_NE(std::find(t->notes.begin(), t->notes.end(), kSensitiveLeftOutNote), t->notes.end()) << t->id;
  }
  EXPECT_EQ(p->visits_by_service.total->value(), 28);  // 20 legal + 8 jisr: the 3 are in no total
  EXPECT_EQ(p->visits_by_hour.total->value(), 28);
  EXPECT_EQ(p->waits_by_service.total->value(), 28);
  // Its overview at centre scope, and the centres page (rows are centres), leave them out as well.
  EXPECT_EQ(overview(*conn, Scope::centre("MA-CAS-02"), opts).visits.cells[2][0].value(), 28);
  CentresPage list = centres(*conn, Scope::region("06"), opts);
  auto row = std::find(list.visits.rows.begin(), list.visits.rows.end(), "MA-CAS-02") - list.visits.rows.begin();
  EXPECT_EQ(list.visits.cells[row][0].value(), 28);
}

TEST_F(DashboardFigures, ARegionNeverSeesAnotherRegionsCentre) {
  seed_country();
  CentresPage list = centres(*conn, Scope::region("06"), opts);
  std::vector<std::string> ids;
  for (const CentreHealth& h : list.centres) ids.push_back(h.centre_id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"MA-CAS-01", "MA-CAS-02"}));
  EXPECT_EQ(list.visits.rows.size(), 2u);
  EXPECT_FALSE(centre(*conn, Scope::region("06"), "MA-MRK-01", opts));  // asked for by URL: nothing
  EXPECT_FALSE(centre(*conn, Scope::centre("MA-CAS-01"), "MA-CAS-02", opts));
  EXPECT_TRUE(centre(*conn, Scope::region("07"), "MA-MRK-01", opts));
  Overview other = overview(*conn, Scope::region("07"), opts);
  EXPECT_EQ(other.visits_by_region.rows, std::vector<std::string>{"07"});
  expect_truth(other.visits_by_service, true_visits("coalesce(e.service, '')", "c.region_code = '07'"));
  // A centre whose region is not set: national figures only, under region "".
  Overview national = overview(*conn, Scope::national(), opts);
  EXPECT_TRUE(mentions(national.visits_by_region, ""));
  for (const char* r : {"06", "07"})
    for (const CentreHealth& h : centres(*conn, Scope::region(r), opts).centres) {
      EXPECT_NE(h.centre_id, "MA-NEW-01");
    }
  EXPECT_FALSE(centre(*conn, Scope::region("06"), "MA-NEW-01", opts));
  EXPECT_TRUE(centre(*conn, Scope::national(), "MA-NEW-01", opts));
}

TEST_F(DashboardFigures, SilentCentresAndGrowingBacklogsComeFirst) {
  seed_country();
  store->record_heartbeat({"k-MA-CAS-01", "MA-CAS-01"}, beat(10, 5'000'000'000, "2.1.0"));
  store->record_heartbeat({"k-MA-CAS-01", "MA-CAS-01"}, beat(25, 4'000'000'000, "2.1.0"));
  store->record_heartbeat({"k-MA-CAS-02", "MA-CAS-02"}, beat(0, 9'000'000'000, "2.0.9"));
  store->record_heartbeat({"k-MA-CAS-02", "MA-CAS-02"}, beat(0, 9'000'000'000, "2.1.0"));
  store->record_heartbeat({"k-MA-MRK-01", "MA-MRK-01"}, beat(3, 1'000'000'000, "2.0.9"));
  pg.psql("UPDATE kiosk_health SET last_seen = now() - interval '30 hours' WHERE kiosk_id = 'k-MA-MRK-01'");
  CentresPage list = centres(*conn, Scope::national(), opts);
  std::vector<std::string> order;
  for (const CentreHealth& h : list.centres) order.push_back(h.centre_id);
  // CAS-01: backlog growing; MRK-01: silent 30 h; NEW-01: never a heartbeat; then CAS-02, healthy.
  EXPECT_EQ(order, (std::vector<std::string>{"MA-CAS-01", "MA-MRK-01", "MA-NEW-01", "MA-CAS-02"}));
  EXPECT_TRUE(list.centres[0].backlog_growing);
  EXPECT_EQ(list.centres[0].backlog, 25);
  EXPECT_EQ(list.centres[0].free_disk_bytes, 4'000'000'000);
  EXPECT_TRUE(list.centres[1].silent);
  EXPECT_TRUE(list.centres[2].silent);
  EXPECT_FALSE(list.centres[3].silent || list.centres[3].backlog_growing);
  EXPECT_EQ(list.centres[3].version, "2.1.0");
  EXPECT_EQ(list.visits.rows, order);
}

TEST_F(DashboardFigures, CentreSetRefusesAnUnknownRegionWithWords) {
  Ran r = run_program({upstream_bin(), "centre", "set", "MA-X", "--region", "13", "--db", pg.conninfo()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("01 to 12"), std::string::npos) << r.err;
  EXPECT_THROW(Scope::region("13"), std::invalid_argument);
  EXPECT_THROW(Scope::region("00"), std::invalid_argument);
  EXPECT_EQ(Scope::region("12").code(), "12");
  EXPECT_EQ(pg.psql("SELECT name_fr FROM regions r JOIN centres c ON c.region_code = r.code WHERE centre_id = "
                    "'MA-MRK-01'"),
            "Marrakech-Safi");
}

}  // namespace
}  // namespace shubbak::testing
