// What the dashboard costs on ingest (docs/performance.md, "The dashboard's aggregates on ingest"): the same
// 500-record batches stored through receive_batch into a database with migration 3 (each batch queues its ids for
// the aggregator) and into one without its trigger, alternating, records/s printed both ways; then how fast the
// aggregator counts what was queued (records/s, in steps as a receiver takes them), without and with the centres'
// window of migration 6 (a third database, the same batches; $SHUBBAK_DASH_BENCH_WINDOW_FIRST swaps the order the
// two are counted in). $SHUBBAK_DASH_BENCH_BATCHES
// batches each way (default 40; the figure in performance.md used 300). Asserts only what was stored and counted.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "store/uuid.hpp"
#include "upstream/pg/aggregate.hpp"
#include "tests/national/dashboard_fixture.hpp"

namespace shubbak::testing {
namespace {

using upstream::pg::ReceiverStore;

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

TEST(DashboardBench, QueueCostOnIngestAndCountingSpeed) {
  ASSERT_GE(sodium_init(), 0);
  const char* env = std::getenv("SHUBBAK_DASH_BENCH_BATCHES");
  const int batches = env ? std::atoi(env) : 40;
  PgCluster pg;
  pg.psql("CREATE DATABASE plain");
  pg.psql("CREATE DATABASE windowed");
  const std::string with = pg.conninfo(), without = with.substr(0, with.rfind("dbname=")) + "dbname=plain",
                    windowed = with.substr(0, with.rfind("dbname=")) + "dbname=windowed";
  for (const std::string& db : {with, without, windowed}) {
    upstream::pg::Connection c(db);
    upstream::pg::migrate(c);
  }
  {
    upstream::pg::Connection c(without);
    c.exec_script("DROP TRIGGER dash_records ON records");
  }
  const upstream::pg::CentreWindow window{"2026-11-30", {"listening"}};
  {
    upstream::pg::Connection c(windowed);
    upstream::pg::aggregate_everything(c, window);  // the window made, empty, before any record
  }
  ReceiverStore st_with(with), st_without(without), st_windowed(windowed);
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
    EXPECT_EQ(store_batch(st_windowed, batch), 500);
  }
  double records = batches * 500.0;
  // The database counted second finds the cluster warmer: $SHUBBAK_DASH_BENCH_WINDOW_FIRST=1 counts the windowed
  // one first, so that runs in both orders can be compared.
  const bool window_first = std::getenv("SHUBBAK_DASH_BENCH_WINDOW_FIRST") != nullptr;
  upstream::pg::Connection c(with), cw(windowed);
  long long counted = 0, counted_windowed = 0;
  std::chrono::duration<double> t_count{0}, t_windowed{0};
  for (int turn = 0; turn < 2; ++turn) {
    const bool plain = (turn == 0) != window_first;
    auto t0 = std::chrono::steady_clock::now();
    if (plain) counted = upstream::pg::aggregate_everything(c);
    else counted_windowed = upstream::pg::aggregate_everything(cw, window);
    (plain ? t_count : t_windowed) = std::chrono::steady_clock::now() - t0;
  }
  std::printf("%d batches of 500: stored %.0f records/s with the dashboard's queue, %.0f records/s without "
              "(%.1f%% slower); the aggregator counted them at %.0f records/s, %.0f records/s with the centres' "
              "window (%s first)\n",
              batches, records / t_with.count(), records / t_without.count(),
              100.0 * (t_with.count() / t_without.count() - 1), counted / t_count.count(),
              counted_windowed / t_windowed.count(), window_first ? "the window" : "without it");
  EXPECT_EQ(counted, batches * 500);
  EXPECT_EQ(counted_windowed, batches * 500);
  EXPECT_EQ(cw.exec("SELECT count(*) FROM win_centres").text(0, 0), std::to_string(std::min(batches, 300)));
  EXPECT_EQ(pg.psql("SELECT count(*) FROM records"), std::to_string(batches * 500));
}

}  // namespace
}  // namespace shubbak::testing
