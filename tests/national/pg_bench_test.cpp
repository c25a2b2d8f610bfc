// How fast receive_batch stores 500-record batches here (printed; scripts/bench national measures the whole path),
// beside the naive one-INSERT-one-COMMIT-per-record baseline. Asserts only what was stored.
#include <gtest/gtest.h>
#include <sodium.h>

#include <chrono>
#include <cstdio>

#include "tests/national/pg_cluster.hpp"
#include "tests/national/pg_records.hpp"
#include "upstream/pg/connection.hpp"
#include "upstream/pg/migrations.hpp"
#include "upstream/pg/receiver_store.hpp"

namespace shubbak::testing {
namespace {

using namespace upstream;

double rows_per_second(pg::ReceiverStore& st, const store::KeyPair& registry, int first_batch, int batches) {
  std::vector<pg::PreparedBatch> ready;
  for (int b = 0; b < batches; ++b) ready.push_back(prepared((first_batch + b) * 500, 500, registry.public_key));
  auto t0 = std::chrono::steady_clock::now();
  for (int b = 0; b < batches; ++b) {
    pg::BatchAnswer a = st.receive_batch(kKiosk, "bench-" + std::to_string(first_batch + b),
                                         [&] { return std::move(ready[b]); });
    EXPECT_EQ(a.stored, 500);
  }
  std::chrono::duration<double> s = std::chrono::steady_clock::now() - t0;
  return batches * 500 / s.count();
}

TEST(PgBench, ReceiveBatchRowsPerSecond) {
  ASSERT_GE(sodium_init(), 0);
  PgCluster pg;
  {
    pg::Connection c(pg.conninfo());
    pg::migrate(c);
  }
  store::KeyPair registry = store::make_seal_keypair();
  pg::ReceiverStore st(pg.conninfo());
  double fast = rows_per_second(st, registry, 0, 40);
  st.set_naive(true);
  double naive = rows_per_second(st, registry, 40, 2);
  std::printf("receive_batch, 500-record batches: %.0f rows/s; naive (one INSERT + COMMIT per record): %.0f rows/s\n",
              fast, naive);
  EXPECT_EQ(pg.psql("SELECT count(*) FROM records"), "21000");
}

}  // namespace
}  // namespace shubbak::testing
