// What migration 3's triggers cost on ingest: the same 500-record batches stored through receive_batch into a
// database with the triggers and into one without (dropped after migrating), alternating, records/s printed both
// ways (docs/performance.md, "National ingest"). $SHUBBAK_DASH_BENCH_BATCHES batches each way (default 40; the
// figure in performance.md used 1,000). $SHUBBAK_DASH_BENCH_DROP names the triggers dropped (comma-separated, e.g.
// "dash_waits"; default all): one at a time tells what each costs. Asserts only what was stored.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "store/uuid.hpp"
#include "tests/national/dashboard_fixture.hpp"

namespace shubbak::testing {
namespace {

using upstream::pg::ReceiverStore;

struct Trigger {
  const char* name;
  const char* table;
};
const Trigger kTriggers[] = {{"dash_counts", "ticket_events"},        {"dash_waits", "ticket_events"},
                             {"dash_appointments", "appointment_events"}, {"dash_referrals", "referral_events"},
                             {"dash_milestones", "milestones"},         {"dash_registrations", "registrations"},
                             {"dash_centres", "records"}};

std::string drop_triggers(const char* only) {
  std::string sql, wanted = only ? "," + std::string(only) + "," : "";
  for (const Trigger& t : kTriggers)
    if (!only || wanted.find("," + std::string(t.name) + ",") != std::string::npos)
      sql += "DROP TRIGGER " + std::string(t.name) + " ON " + t.table + ";";
  return sql;
}

// A centre's batch as the field sends it: per visit a registration (every other one), issued, called, served; an
// accompaniment record now and then. 500 records.
std::vector<OpenedRecord> field_batch(int b) {
  std::vector<OpenedRecord> out;
  std::string centre = "MA-C-" + std::to_string(b % 300), day = b % 2 ? "2026-11-30" : "2026-11-29";
  static const char* kServices[] = {"legal", "jisr", "health", "work", "family"};
  for (int k = 0; out.size() < 500; ++k) {
    std::string t = store::new_uuid_v4(), v = store::new_uuid_v4(), service = kServices[k % 5];
    if (k % 2 == 0) out.push_back(registration(centre, v, "pk-" + v, service, utc(day, k)));
    out.push_back(ticket_event(centre, t, "issued", service, utc(day, k)));
    out.push_back(ticket_event(centre, t, "called", service, utc(day, k + k % 40)));
    out.push_back(ticket_event(centre, t, "served", service, utc(day, k + k % 40 + 10), "advice"));
    if (k % 10 == 0) out.push_back(milestone(centre, v, "coached", utc(day, k + 20)));
  }
  out.resize(500);
  return out;
}

TEST(DashboardBench, TriggersCostOnIngest) {
  ASSERT_GE(sodium_init(), 0);
  const char* env = std::getenv("SHUBBAK_DASH_BENCH_BATCHES");
  const int batches = env ? std::atoi(env) : 40;
  PgCluster pg;
  pg.psql("CREATE DATABASE plain");
  const std::string with = pg.conninfo(), without = with.substr(0, with.rfind("dbname=")) + "dbname=plain";
  for (const std::string& db : {with, without}) {
    upstream::pg::Connection c(db);
    upstream::pg::migrate(c);
  }
  {
    upstream::pg::Connection c(without);
    const char* only = std::getenv("SHUBBAK_DASH_BENCH_DROP");
    std::string sql = drop_triggers(only);
    ASSERT_FALSE(sql.empty()) << "no trigger named in SHUBBAK_DASH_BENCH_DROP=" << only;
    c.exec_script(sql);
  }
  ReceiverStore st_with(with), st_without(without);
  std::chrono::duration<double> t_with{0}, t_without{0};
  for (int b = 0; b < batches; ++b) {
    std::vector<OpenedRecord> batch = field_batch(b);
    bool first_with = b % 2 == 0;  // alternate which goes first (the cache, the checkpoints)
    for (int turn = 0; turn < 2; ++turn) {
      bool triggers = (turn == 0) == first_with;
      auto t0 = std::chrono::steady_clock::now();
      EXPECT_EQ(store_batch(triggers ? st_with : st_without, batch), 500);
      (triggers ? t_with : t_without) += std::chrono::steady_clock::now() - t0;
    }
  }
  double records = batches * 500.0;
  const char* dropped = std::getenv("SHUBBAK_DASH_BENCH_DROP");
  std::printf("%d batches of 500: with the dashboard triggers %.0f records/s, without %s %.0f records/s "
              "(%.1f%% slower)\n",
              batches, records / t_with.count(), dropped ? dropped : "any", records / t_without.count(),
              100.0 * (t_with.count() / t_without.count() - 1));
  EXPECT_EQ(pg.psql("SELECT count(*) FROM records"), std::to_string(batches * 500));
}

}  // namespace
}  // namespace shubbak::testing
