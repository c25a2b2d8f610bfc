// Migration 3's aggregates against a real PostgreSQL, seeded through the receivers' own insert path: each aggregate
// equals the truth computed by a plain GROUP BY over the fact tables, duplicates count once, concurrent batches
// on the same groups neither deadlock nor lose a count, and a milestone is a woman's whichever of it and her
// registration is stored first.
#include <algorithm>
#include <atomic>
#include <barrier>
#include <condition_variable>
#include <fstream>
#include <functional>
#include <latch>
#include <mutex>
#include <sstream>
#include <thread>

#include "store/uuid.hpp"
#include "tests/national/dashboard_fixture.hpp"

namespace shubbak::testing {
namespace {

using upstream::pg::ReceiverStore;

// Visits of one service on one day: n tickets issued a minute apart, each called after wait(k) minutes, then
// served with outcome "advice" (every third: no_show; every fifth: transferred).
std::vector<OpenedRecord> visits(const std::string& centre, const std::string& day, const std::string& service, int n,
                                 int (*wait)(int)) {
  std::vector<OpenedRecord> out;
  for (int k = 0; k < n; ++k) {
    std::string t = store::new_uuid_v4();
    out.push_back(ticket_event(centre, t, "issued", service, utc(day, k)));
    out.push_back(ticket_event(centre, t, "called", service, utc(day, k + wait(k))));
    if (k % 3 == 0) out.push_back(ticket_event(centre, t, "no_show", service, utc(day, k + wait(k) + 2)));
    else if (k % 5 == 0) out.push_back(ticket_event(centre, t, "transferred", service, utc(day, k + wait(k) + 2)));
    else out.push_back(ticket_event(centre, t, "served", service, utc(day, k + wait(k) + 9), "advice"));
  }
  return out;
}

int short_wait(int k) { return k % 17; }
int long_wait(int k) { return 50 + k * 7; }  // from under an hour to several hours: the coarser buckets

// The truth, from the fact tables (never from the aggregates).
const char* kTrueVisits = "SELECT centre_id, day, hour, coalesce(service, ''), count(*) FROM ticket_events "
                          "WHERE event = 'issued' GROUP BY 1, 2, 3, 4";
const char* kTrueOutcomes = "SELECT centre_id, day, coalesce(service, ''), event, CASE WHEN event = 'served' THEN "
                            "coalesce(outcome, '') ELSE '' END, count(*) FROM ticket_events "
                            "WHERE event IN ('served', 'no_show', 'transferred') GROUP BY 1, 2, 3, 4, 5";
const char* kTrueWaits = "SELECT i.centre_id, i.day, coalesce(i.service, ''), wait_bucket(min(c.at) - i.at) AS b, 1 "
                         "FROM ticket_events i JOIN ticket_events c ON c.centre_id = i.centre_id AND "
                         "c.ticket_id = i.ticket_id AND c.event = 'called' WHERE i.event = 'issued' "
                         "GROUP BY i.centre_id, i.ticket_id, i.day, i.service, i.at";
const char* kTrueAppointments = "SELECT centre_id, day, service, event, count(*) FROM appointment_events "
                                "GROUP BY 1, 2, 3, 4";
const char* kTrueReferrals = "SELECT DISTINCT ON (centre_id, referral_id) centre_id, referral_id, event "
                             "FROM referral_events ORDER BY centre_id, referral_id, at DESC, record_id DESC";
const char* kTrueWomen = "SELECT DISTINCT ON (r.person_key, m.milestone) r.person_key, m.milestone, m.centre_id, "
                         "date_trunc('month', m.day)::date FROM milestones m JOIN registrations r ON "
                         "r.centre_id = m.centre_id AND r.visitor_id = m.visitor_id WHERE r.person_key IS NOT NULL "
                         "ORDER BY r.person_key, m.milestone, m.at, m.centre_id";

// The truth of a region rollup (migration 5): `facts` (rows of centre_id, the keys, n) summed by each centre's
// region now ('' when not set); a rollup keeps no row of 0.
std::string regional(const std::string& facts, const std::string& keys) {
  return "SELECT coalesce(c.region_code, ''), " + keys + ", sum(t.n) FROM (" + facts + ") t LEFT JOIN centres c "
         "USING (centre_id) GROUP BY 1, " + keys + " HAVING sum(t.n) <> 0";
}

// The truth of the centres' window (migration 6) over the 30 days ending `today`, the services `out` (an SQL array)
// left out: each centre's waits by bucket; each centre's visits, waits and percentile_disc median and p90.
std::string in_window(const std::string& today, const std::string& out, const std::string& service) {
  return "day > DATE '" + today + "' - 30 AND day <= DATE '" + today + "' AND " + service + " <> ALL('" + out + "')";
}
std::string true_window_waits(const std::string& today, const std::string& out) {
  return std::string("SELECT centre_id, b, count(*) FROM (") + kTrueWaits + ") w WHERE " +
         in_window(today, out, "coalesce") + " GROUP BY 1, 2";
}
std::string true_window_centres(const std::string& today, const std::string& out) {
  return "SELECT centre_id, coalesce(v.n, 0), coalesce(w.n, 0), w.median, w.p90 FROM (SELECT centre_id, count(*) AS n "
         "FROM ticket_events WHERE event = 'issued' AND " + in_window(today, out, "coalesce(service, '')") +
         " GROUP BY 1) v FULL JOIN (SELECT centre_id, count(*) AS n, percentile_disc(0.5) WITHIN GROUP (ORDER BY b) "
         "AS median, percentile_disc(0.9) WITHIN GROUP (ORDER BY b) AS p90 FROM (" + kTrueWaits + ") t WHERE " +
         in_window(today, out, "coalesce") + " GROUP BY 1) w USING (centre_id)";
}

class DashboardAggregates : public DashboardDb {
 protected:
  // A receiver with the demo catalogue keeps the centres' window; the tests' records are of the days around it.
  DashboardAggregates() { window = upstream::pg::CentreWindow{"2026-11-30", {"listening"}}; }
  // Migrations 6 and 5 undone: the centres' window and the rollups gone, the aggregator's step under its name of
  // migration 3 again.
  void drop_back_to_version_4() {
    pg.psql("DROP FUNCTION win_follow CASCADE; DROP FUNCTION dash_aggregate(integer, date, text[]), win_follow_day, "
            "win_quantiles, win_key, win_in; DROP TABLE win_state, win_waits, win_centres; "
            "DELETE FROM schema_migrations WHERE version = 6");
    pg.psql("DROP FUNCTION roll_follow CASCADE; DROP FUNCTION dash_aggregate, roll_add, dash_roll_follow_regions, "
            "dash_roll_rebuild; ALTER FUNCTION dash_count_queued RENAME TO dash_aggregate; "
            "DROP TABLE roll_regions, roll_visits, roll_waits, roll_appointments, roll_referrals, roll_women, "
            "roll_defs; DELETE FROM schema_migrations WHERE version = 5");
  }
  // What `shubbak-upstream centre set` writes (upstream/app/centre.cpp).
  void set_region(const std::string& centre, const std::string& region) {
    pg.psql("INSERT INTO centres(centre_id, region_code) VALUES ('" + centre + "', '" + region + "') "
            "ON CONFLICT (centre_id) DO UPDATE SET region_code = EXCLUDED.region_code");
  }
  // The receivers' aggregator counting over and over while `body` stores (as in a running receiver), then a last
  // count: what was stored in any order while steps ran is counted once. The body starts once the aggregator has
  // taken its first step, so it stores while steps run (how they interleave is the machine's).
  void while_aggregating(const std::function<void()>& body) {
    std::atomic<bool> done{false};
    std::mutex m;
    std::condition_variable stepped;
    long long steps = 0;
    std::thread aggregator([&] {
      upstream::pg::Connection c(pg.conninfo());
      upstream::pg::Aggregator a(c, window);
      while (!done) {
        EXPECT_TRUE(a.step(3).has_value());  // the only aggregator: it always leads; 3 batches a step, many steps
        std::lock_guard<std::mutex> l(m);
        ++steps;
        stepped.notify_all();
      }
    });
    {
      std::unique_lock<std::mutex> l(m);
      stepped.wait(l, [&] { return steps > 0; });
    }
    body();
    done = true;
    aggregator.join();
  }
  void expect_aggregates_are_the_truth() {
    count_queued();
    EXPECT_EQ(rows("SELECT centre_id, day, hour, service, visits FROM agg_visits"), rows(kTrueVisits));
    EXPECT_EQ(rows("SELECT centre_id, day, service, sum(visits) FROM agg_visits_day GROUP BY 1, 2, 3"),
              rows("SELECT centre_id, day, coalesce(service, ''), count(*) FROM ticket_events WHERE event = 'issued' "
                   "GROUP BY 1, 2, 3"));
    EXPECT_EQ(rows("SELECT centre_id, day, service, event, outcome, n FROM agg_outcomes"), rows(kTrueOutcomes));
    EXPECT_EQ(rows("SELECT centre_id, day, service, bucket, n FROM agg_waits WHERE n > 0"),
              rows(std::string("SELECT centre_id, day, coalesce, b, sum(1) FROM (") + kTrueWaits +
                   ") t GROUP BY 1, 2, 3, 4"));
    EXPECT_EQ(rows("SELECT centre_id, day, service, event, n FROM agg_appointments"), rows(kTrueAppointments));
    EXPECT_EQ(rows("SELECT centre_id, referral_id, state FROM referral_states"), rows(kTrueReferrals));
    EXPECT_EQ(rows("SELECT person_key, milestone, centre_id, month FROM women_milestones"), rows(kTrueWomen));
    expect_rollups_are_the_truth();
    expect_the_window_is_the_truth();
  }
  // The centres' window is the one of the aggregator's day and sensitive services, and equals the facts'.
  void expect_the_window_is_the_truth() {
    count_queued();
    const std::string out = pg.psql("SELECT win_key(ARRAY[" + quoted(window->leave_out) + "]::text[])::text");
    EXPECT_EQ(pg.psql("SELECT today || ' ' || leave_out::text FROM win_state"), window->today + " " + out);
    EXPECT_EQ(rows("SELECT * FROM win_waits"), rows(true_window_waits(window->today, out)));
    EXPECT_EQ(rows("SELECT * FROM win_centres"), rows(true_window_centres(window->today, out)));
  }
  static std::string quoted(const std::vector<std::string>& services) {
    std::string q;
    for (const auto& s : services) q += (q.empty() ? "'" : ", '") + s + "'";
    return q;
  }
  void expect_rollups_are_the_truth() {
    EXPECT_EQ(rows("SELECT * FROM roll_visits"),
              rows(regional("SELECT centre_id, day, coalesce(service, '') AS service, 1 AS n FROM ticket_events "
                            "WHERE event = 'issued'", "day, service")));
    EXPECT_EQ(rows("SELECT * FROM roll_waits"),
              rows(regional(std::string("SELECT centre_id, day, coalesce AS service, b AS bucket, 1 AS n FROM (") +
                                kTrueWaits + ") w",
                            "day, service, bucket")));
    EXPECT_EQ(rows("SELECT * FROM roll_appointments"),
              rows(regional("SELECT centre_id, day, service, event, 1 AS n FROM appointment_events",
                            "day, service, event")));
    EXPECT_EQ(rows("SELECT * FROM roll_referrals"),
              rows(regional("SELECT DISTINCT ON (centre_id, referral_id) centre_id, from_service, event AS state, "
                            "1 AS n FROM referral_events ORDER BY centre_id, referral_id, at DESC, record_id DESC",
                            "from_service, state")));
    EXPECT_EQ(rows("SELECT * FROM roll_women"),
              rows(regional(std::string("SELECT centre_id, date_trunc AS month, milestone, 1 AS n FROM (") +
                                kTrueWomen + ") w",
                            "month, milestone")));
  }
};

TEST_F(DashboardAggregates, EveryAggregateEqualsAGroupByOverTheFacts) {
  ASSERT_EQ(store_batch(*store, visits("MA-CAS-01", "2026-11-30", "legal", 40, short_wait)), 120);
  ASSERT_EQ(store_batch(*store, visits("MA-CAS-01", "2026-11-30", "jisr", 12, long_wait)), 36);
  ASSERT_EQ(store_batch(*store, visits("MA-MRK-01", "2026-11-29", "legal", 7, short_wait)), 21);
  std::vector<OpenedRecord> acc;
  std::string a1 = store::new_uuid_v4(), a2 = store::new_uuid_v4(), r1 = store::new_uuid_v4();
  acc.push_back(appointment("MA-CAS-01", a1, "booked", "jisr", utc("2026-11-28", 0)));
  acc.push_back(appointment("MA-CAS-01", a1, "kept", "jisr", utc("2026-11-30", 0)));
  acc.push_back(appointment("MA-CAS-01", a2, "missed", "jisr", utc("2026-11-30", 5)));
  acc.push_back(referral("MA-CAS-01", r1, "proposed", "jisr", utc("2026-11-30", 0)));
  acc.push_back(referral("MA-CAS-01", r1, "accepted", "jisr", utc("2026-11-30", 30)));
  ASSERT_EQ(store_batch(*store, acc), 5);
  // The referral's last event arrives in a later batch; an older one after it must not go back.
  ASSERT_EQ(store_batch(*store, {referral("MA-CAS-01", r1, "completed", "jisr", utc("2026-12-01", 0))}), 1);
  ASSERT_EQ(store_batch(*store, {referral("MA-CAS-01", r1, "declined", "jisr", utc("2026-11-30", 10))}), 1);
  expect_aggregates_are_the_truth();
  EXPECT_EQ(pg.psql("SELECT state FROM referral_states"), "completed");
  count_queued();
  EXPECT_EQ(pg.psql("SELECT sum(n) FROM agg_waits"), "59");
  EXPECT_EQ(pg.psql("SELECT string_agg(centre_id, ',' ORDER BY centre_id) FROM centres"), "MA-CAS-01,MA-MRK-01");
}

TEST_F(DashboardAggregates, ADuplicateBatchFromASecondReceiverIsNotCountedTwice) {
  std::vector<OpenedRecord> batch = visits("MA-CAS-01", "2026-11-30", "legal", 30, short_wait);
  ASSERT_EQ(store_batch(*store, batch), 90);
  ReceiverStore second(pg.conninfo());
  EXPECT_EQ(store_batch(second, batch), 0);  // another Idempotency-Key, the same records: all duplicate
  // Half old, half new: only the new half counts.
  std::vector<OpenedRecord> mixed(batch.begin(), batch.begin() + 45);
  auto fresh = visits("MA-CAS-01", "2026-11-30", "legal", 5, short_wait);
  mixed.insert(mixed.end(), fresh.begin(), fresh.end());
  EXPECT_EQ(store_batch(second, mixed), 15);
  count_queued();
  EXPECT_EQ(pg.psql("SELECT sum(visits) FROM agg_visits"), "35");
  EXPECT_EQ(pg.psql("SELECT sum(n) FROM agg_waits"), "35");
  expect_aggregates_are_the_truth();
}

TEST_F(DashboardAggregates, AWaitWhoseCallArrivesBeforeItsIssueIsCountedOnceInTheRightBucket) {
  std::string t = store::new_uuid_v4();
  ASSERT_EQ(store_batch(*store, {ticket_event("MA-CAS-01", t, "called", "legal", utc("2026-11-30", 75))}), 1);
  count_queued();
  EXPECT_EQ(pg.psql("SELECT count(*) FROM agg_waits"), "0");
  ASSERT_EQ(store_batch(*store, {ticket_event("MA-CAS-01", t, "issued", "legal", utc("2026-11-30", 3))}), 1);
  count_queued();
  EXPECT_EQ(pg.psql("SELECT bucket || ':' || n FROM agg_waits"), "70:1");  // 72 minutes: the 5-minute bucket 70
  // An earlier call of the same ticket arriving later moves her wait to its bucket.
  ASSERT_EQ(store_batch(*store, {ticket_event("MA-CAS-01", t, "called", "legal", utc("2026-11-30", 13))}), 1);
  count_queued();
  EXPECT_EQ(pg.psql("SELECT string_agg(bucket || ':' || n, ',' ORDER BY bucket) FROM agg_waits WHERE n <> 0"), "10:1");
  expect_aggregates_are_the_truth();
}

TEST_F(DashboardAggregates, ConcurrentBatchesOnTheSameGroupsNeitherDeadlockNorLoseCounts) {
  constexpr int kBatches = 25;
  std::vector<std::vector<OpenedRecord>> mine(kBatches);
  for (auto& b : mine)
    for (const char* service : {"legal", "jisr", "health", "work", "family"}) {
      auto v = visits("MA-CAS-01", "2026-11-30", service, 4, short_wait);
      b.insert(b.end(), v.begin(), v.end());
    }
  std::latch go(2);
  std::atomic<int> stored{0};
  auto worker = [&](bool reversed) {
    ReceiverStore st(pg.conninfo());
    go.arrive_and_wait();
    for (int i = 0; i < kBatches; ++i) {
      auto b = mine[reversed ? kBatches - 1 - i : i];  // the same batches, met in the other order
      if (reversed) std::reverse(b.begin(), b.end());
      stored += store_batch(st, b);
    }
  };
  std::thread a(worker, false), b(worker, true);
  a.join();
  b.join();
  EXPECT_EQ(stored.load(), kBatches * 5 * 4 * 3);  // each record stored once, by one of them
  EXPECT_EQ(pg.psql("SELECT sum(deadlocks) FROM pg_stat_database"), "0");
  count_queued();
  EXPECT_EQ(pg.psql("SELECT sum(visits) FROM agg_visits"), std::to_string(kBatches * 5 * 4));
  expect_aggregates_are_the_truth();
}

TEST_F(DashboardAggregates, AMilestoneCountsHerWhicheverOfItAndHerRegistrationComesFirst) {
  const std::string c = "MA-CAS-01";
  ASSERT_EQ(store_batch(*store, {milestone(c, "v1", "trained", utc("2026-10-05", 0))}), 1);
  count_queued();
  EXPECT_EQ(pg.psql("SELECT count(*) FROM women_milestones"), "0");  // no woman yet: her registration is not here
  ASSERT_EQ(store_batch(*store, {registration(c, "v1", "pk-A", "jisr", utc("2026-10-01", 0))}), 1);
  ASSERT_EQ(store_batch(*store, {registration(c, "v2", "pk-B", "jisr", utc("2026-10-01", 0))}), 1);
  ASSERT_EQ(store_batch(*store, {milestone(c, "v2", "trained", utc("2026-11-02", 0))}), 1);
  // The same woman again, as another visitor at another centre, later: still one woman, first reached in October.
  ASSERT_EQ(store_batch(*store, {registration("MA-MRK-01", "v3", "pk-A", "jisr", utc("2026-11-01", 0)),
                                 milestone("MA-MRK-01", "v3", "trained", utc("2026-11-20", 0))}),
            2);
  count_queued();
  EXPECT_EQ(rows("SELECT person_key, centre_id, to_char(month, 'YYYY-MM') FROM women_milestones"),
            "(pk-A,MA-CAS-01,2026-10);(pk-B,MA-CAS-01,2026-11)");
  expect_aggregates_are_the_truth();
}

TEST_F(DashboardAggregates, ARegistrationAndItsMilestoneStoredAtOnceByTwoReceiversAreJoined) {
  constexpr int kWomen = 60;
  std::barrier step(2);  // each woman's two records are stored at the same moment
  auto worker = [&](bool registrations) {
    ReceiverStore st(pg.conninfo());
    for (int i = 0; i < kWomen; ++i) {
      step.arrive_and_wait();
      std::string v = "v" + std::to_string(i);
      if (registrations) store_batch(st, {registration("MA-CAS-01", v, "pk-" + v, "jisr", utc("2026-11-30", 0))});
      else store_batch(st, {milestone("MA-CAS-01", v, "coached", utc("2026-11-30", 1))});
    }
  };
  while_aggregating([&] {
    std::thread a(worker, true), b(worker, false);
    a.join();
    b.join();
  });
  count_queued();
  EXPECT_EQ(pg.psql("SELECT count(*) FROM women_milestones"), std::to_string(kWomen));
  expect_aggregates_are_the_truth();
}

TEST_F(DashboardAggregates, AnIssueAndItsCallStoredAtOnceByTwoReceiversAreCounted) {
  constexpr int kTickets = 60;
  std::barrier step(2);  // each ticket's two events are stored at the same moment, by two receivers
  std::vector<std::string> tickets;
  for (int i = 0; i < kTickets; ++i) tickets.push_back(store::new_uuid_v4());
  auto worker = [&](const char* event, int minute) {
    ReceiverStore st(pg.conninfo());
    for (const std::string& t : tickets) {
      step.arrive_and_wait();
      store_batch(st, {ticket_event("MA-CAS-01", t, event, "legal", utc("2026-11-30", minute))});
    }
  };
  while_aggregating([&] {
    std::thread a(worker, "issued", 0), b(worker, "called", 12);
    a.join();
    b.join();
  });
  count_queued();
  EXPECT_EQ(pg.psql("SELECT string_agg(bucket || ':' || n, ',') FROM agg_waits WHERE n <> 0"),
            "12:" + std::to_string(kTickets));
  expect_aggregates_are_the_truth();
}

TEST_F(DashboardAggregates, OneReceiverCountsAtATimeAndAnotherTakesOverWhenItStops) {
  auto c1 = std::make_unique<upstream::pg::Connection>(pg.conninfo());
  upstream::pg::Connection c2(pg.conninfo());
  auto first = std::make_unique<upstream::pg::Aggregator>(*c1);
  upstream::pg::Aggregator second(c2);
  ASSERT_EQ(store_batch(*store, visits("MA-CAS-01", "2026-11-30", "legal", 4, short_wait)), 12);
  EXPECT_EQ(first->step(), 12);
  ASSERT_EQ(store_batch(*store, visits("MA-CAS-01", "2026-11-30", "legal", 5, short_wait)), 15);
  EXPECT_EQ(second.step(), std::nullopt);  // the first one counts: the second waits its turn
  EXPECT_EQ(pg.psql("SELECT sum(visits) FROM agg_visits"), "4");
  first.reset();  // its receiver stops (its session ending would do the same)
  c1.reset();
  EXPECT_EQ(second.step(), 15);
  EXPECT_EQ(pg.psql("SELECT sum(visits) FROM agg_visits"), "9");
  // A step outside the aggregator's session is refused: a stray call cannot count anything twice.
  upstream::pg::Connection stray(pg.conninfo());
  upstream::pg::Transaction tx(stray, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  EXPECT_THROW(stray.exec("SELECT dash_aggregate(10)"), upstream::pg::DatabaseError);
}

TEST_F(DashboardAggregates, MigratingADatabaseThatAlreadyHasRecordsCountsThem) {
  // Drop back to version 2 with facts in it, then migrate: the aggregates are filled from what is there.
  store_batch(*store, visits("MA-CAS-01", "2026-11-30", "legal", 9, long_wait));
  store_batch(*store, {registration("MA-CAS-01", "v1", "pk-A", "jisr", utc("2026-11-01", 0)),
                       milestone("MA-CAS-01", "v1", "trained", utc("2026-11-02", 0))});
  drop_back_to_version_4();
  pg.psql("DROP TRIGGER dash_records ON records; DROP TRIGGER dash_health ON kiosk_health; "
          "DROP TABLE regions, centres, agg_visits, agg_visits_day, agg_outcomes, agg_waits, agg_appointments, "
          "referral_states, women_milestones, agg_queue; DROP INDEX ticket_events_by_ticket; "
          "DROP FUNCTION wait_bucket, wait_bucket_of_minutes, dash_records, dash_health, dash_aggregate, "
          "dash_count_tickets, dash_count_waits, dash_count_accompaniment; "
          "ALTER TABLE kiosk_health DROP COLUMN previous_pending, DROP COLUMN previous_seen; "
          "DELETE FROM schema_migrations WHERE version = 3");
  ASSERT_EQ(upstream::pg::migrate(*conn), upstream::pg::latest_schema_version());
  count_queued();
  EXPECT_EQ(pg.psql("SELECT sum(visits) FROM agg_visits"), "9");
  EXPECT_EQ(pg.psql("SELECT count(*) FROM women_milestones"), "1");
  expect_aggregates_are_the_truth();
}

// A centre's region set after its records were counted, then changed again and again while the aggregator counts
// more of its records: every row of the centre, in every rollup, follows it to its region; nothing lost or doubled.
TEST_F(DashboardAggregates, TheRegionRollupsFollowARegionSetOrChangedAfterTheRecordsWereCounted) {
  const std::string c = "MA-CAS-01";
  ASSERT_EQ(store_batch(*store, visits(c, "2026-11-30", "legal", 20, short_wait)), 60);
  ASSERT_EQ(store_batch(*store, visits("MA-MRK-01", "2026-11-30", "legal", 7, long_wait)), 21);
  const std::string a1 = store::new_uuid_v4(), r1 = store::new_uuid_v4();
  ASSERT_EQ(store_batch(*store, {appointment(c, a1, "booked", "jisr", utc("2026-11-28", 0)),
                                 referral(c, r1, "proposed", "jisr", utc("2026-11-30", 0)),
                                 registration(c, "v1", "pk-A", "jisr", utc("2026-11-01", 0)),
                                 milestone(c, "v1", "trained", utc("2026-11-02", 0))}),
            4);
  count_queued();
  const char* kByRegion = "SELECT string_agg(region_code || ':' || v, ',' ORDER BY region_code) FROM "
                          "(SELECT region_code, sum(visits) AS v FROM roll_visits GROUP BY 1) r";
  EXPECT_EQ(pg.psql(kByRegion), ":27");  // no region set yet
  set_region(c, "06");
  count_queued();
  EXPECT_EQ(pg.psql(kByRegion), ":7,06:20");
  expect_aggregates_are_the_truth();
  while_aggregating([&] {
    for (int i = 0; i < 6; ++i) {
      set_region(c, i % 2 ? "06" : "07");
      store_batch(*store, visits(c, "2026-11-29", "jisr", 3, short_wait));
    }
  });
  count_queued();
  EXPECT_EQ(pg.psql(kByRegion), ":7,06:38");
  expect_aggregates_are_the_truth();
  EXPECT_EQ(pg.psql("SELECT region_code FROM roll_regions WHERE centre_id = 'MA-CAS-01'"), "06");
}

// Migration 5 on a database counted before it: the rollups are summed from the aggregates, by region.
TEST_F(DashboardAggregates, MigratingToTheRollupsSumsWhatWasCountedBefore) {
  set_region("MA-CAS-01", "06");
  store_batch(*store, visits("MA-CAS-01", "2026-11-30", "legal", 9, long_wait));
  store_batch(*store, visits("MA-MRK-01", "2026-11-29", "jisr", 6, short_wait));
  store_batch(*store, {registration("MA-CAS-01", "v1", "pk-A", "jisr", utc("2026-11-01", 0)),
                       milestone("MA-CAS-01", "v1", "trained", utc("2026-11-02", 0)),
                       referral("MA-CAS-01", store::new_uuid_v4(), "accepted", "jisr", utc("2026-11-30", 0)),
                       appointment("MA-MRK-01", store::new_uuid_v4(), "kept", "jisr", utc("2026-11-30", 0))});
  count_queued();
  drop_back_to_version_4();
  set_region("MA-MRK-01", "07");  // set while no rollup existed
  ASSERT_EQ(upstream::pg::migrate(*conn), upstream::pg::latest_schema_version());
  EXPECT_EQ(pg.psql("SELECT string_agg(region_code || ':' || visits, ',' ORDER BY region_code) FROM roll_visits"),
            "06:9,07:6");
  expect_aggregates_are_the_truth();
}

// The centres' window equals the truth from the facts while the aggregator counts, step after step, records stored in
// any order: days on both edges of the window and after it, the sensitive service, many waits in one bucket (the
// aggregates' UPDATE path), a call stored before its issue and an earlier call after both (a wait moved to another
// bucket). Then when it moves to the next day, and when the sensitive services change.
TEST_F(DashboardAggregates, TheCentresWindowIsTheTruthAsRecordsComeAndAsItMovesToTheNextDay) {
  count_queued();  // nothing stored yet: an empty window, for that day
  EXPECT_EQ(pg.psql("SELECT today || ' ' || leave_out::text || ' ' || (SELECT count(*) FROM win_centres) FROM "
                    "win_state"), "2026-11-30 {listening} 0");
  for (int i = 0; i < 2; ++i) {  // the same buckets in two steps: the aggregates' UPDATE path
    ASSERT_EQ(store_batch(*store, visits("MA-MRK-01", "2026-11-20", "legal", 10, short_wait)), 30);
    count_queued();
  }
  EXPECT_EQ(pg.psql("SELECT string_agg(n::text, ',' ORDER BY bucket) FROM win_waits"), "2,2,2,2,2,2,2,2,2,2");
  const std::string t = store::new_uuid_v4();
  while_aggregating([&] {
    ASSERT_EQ(store_batch(*store, visits("MA-CAS-01", "2026-11-30", "legal", 25, short_wait)), 75);
    ASSERT_EQ(store_batch(*store, visits("MA-CAS-01", "2026-11-01", "jisr", 12, long_wait)), 36);  // its first day
    ASSERT_EQ(store_batch(*store, visits("MA-CAS-01", "2026-10-31", "legal", 8, short_wait)), 24);  // the day before
    ASSERT_EQ(store_batch(*store, visits("MA-CAS-02", "2026-11-15", "listening", 9, short_wait)), 27);
    ASSERT_EQ(store_batch(*store, visits("MA-CAS-02", "2026-12-01", "legal", 6, long_wait)), 18);  // tomorrow
    for (int i = 0; i < 2; ++i)
      ASSERT_EQ(store_batch(*store, visits("MA-MRK-01", "2026-11-20", "legal", 10, short_wait)), 30);
  });
  expect_the_window_is_the_truth();
  // One ticket's events each counted in a step of its own: a call before its issue (no wait yet), the issue (a wait
  // of 72 minutes), an earlier call (her wait moves to 10 minutes, another bucket).
  ASSERT_EQ(store_batch(*store, {ticket_event("MA-MRK-01", t, "called", "health", utc("2026-11-29", 75))}), 1);
  count_queued();
  ASSERT_EQ(store_batch(*store, {ticket_event("MA-MRK-01", t, "issued", "health", utc("2026-11-29", 3))}), 1);
  count_queued();
  const std::string waits_of_mrk = "SELECT string_agg(bucket || ':' || n, ',' ORDER BY bucket) FROM win_waits WHERE "
                                   "centre_id = 'MA-MRK-01'";
  const std::string with_72 = pg.psql(waits_of_mrk);
  expect_the_window_is_the_truth();
  ASSERT_EQ(store_batch(*store, {ticket_event("MA-MRK-01", t, "called", "health", utc("2026-11-29", 13))}), 1);
  expect_the_window_is_the_truth();
  EXPECT_NE(pg.psql(waits_of_mrk), with_72) << "her wait moved to a shorter bucket";
  EXPECT_EQ(pg.psql("SELECT string_agg(centre_id || ':' || visits, ',' ORDER BY centre_id) FROM win_centres"),
            "MA-CAS-01:37,MA-MRK-01:41");  // 25 + 12; 40 + 1
  window->today = "2026-12-01";  // the aggregator's first step after midnight
  expect_the_window_is_the_truth();
  window->leave_out = {"legal", "listening", "legal"};  // a catalogue that marks legal sensitive too
  expect_the_window_is_the_truth();
  EXPECT_EQ(pg.psql("SELECT leave_out::text FROM win_state"), "{legal,listening}");
  EXPECT_EQ(pg.psql("SELECT string_agg(centre_id || ':' || visits, ',' ORDER BY centre_id) FROM win_centres"),
            "MA-MRK-01:1");  // jisr's first day is out of the window now; health's one ticket stays
}

TEST_F(DashboardAggregates, RegionsAreTheReferenceFile) {
  std::ifstream f(std::string(SHUBBAK_SOURCE_DIR) + "/config/national/regions.conf");
  ASSERT_TRUE(f) << "config/national/regions.conf";
  std::string line, expected;
  while (std::getline(f, line))
    if (!line.empty() && line[0] != '#') expected += (expected.empty() ? "" : "\n") + line;
  EXPECT_EQ(pg.psql("SELECT code, name_ar, name_fr FROM regions ORDER BY code"), expected);
  EXPECT_EQ(pg.psql("SELECT count(*) FROM regions"), "12");
}

}  // namespace
}  // namespace shubbak::testing
