// ReceiverStore against a real PostgreSQL: exactly once, idempotent answers, conflicts, races between receivers,
// a lost database, tokens, heartbeats, the naive baseline.
#include <gtest/gtest.h>
#include <sodium.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/national/pg_cluster.hpp"
#include "tests/national/pg_records.hpp"
#include "upstream/pg/connection.hpp"
#include "upstream/pg/migrations.hpp"
#include "upstream/pg/receiver_store.hpp"
#include "upstream/pg/tokens.hpp"

namespace shubbak::testing {
namespace {

using namespace upstream;
using nlohmann::json;

class PgStore : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    registry = store::make_seal_keypair();
    pg::Connection c(pg.conninfo());
    ASSERT_EQ(pg::migrate(c), pg::latest_schema_version());
  }
  std::string count(const std::string& table) { return pg.psql("SELECT count(*) FROM " + table); }
  // Posts records first..first+n-1 under `key`, counting the calls of prepare.
  pg::BatchAnswer post(pg::ReceiverStore& st, const std::string& key, int first, int n, const std::string& v = "") {
    return st.receive_batch(kKiosk, key, [&] {
      ++prepares;
      return prepared(first, n, registry.public_key, v);
    });
  }
  static std::map<std::string, std::string> statuses(const std::string& answer) {
    std::map<std::string, std::string> m;
    json parsed = json::parse(answer);
    for (const auto& r : parsed["results"]) m[r["id"].get<std::string>()] = r["status"].get<std::string>();
    return m;
  }

  PgCluster pg;
  store::KeyPair registry;
  std::atomic<int> prepares{0};
};

TEST_F(PgStore, MigrationsTwiceAreANoOp) {
  pg::Connection c(pg.conninfo());
  EXPECT_EQ(pg::migrate(c), pg::latest_schema_version());
  EXPECT_EQ(pg.psql("SELECT count(*) FROM schema_migrations"), std::to_string(pg::latest_schema_version()));
  EXPECT_EQ(pg.psql("SELECT to_regclass('records') IS NOT NULL AND to_regclass('unique_women') IS NOT NULL"), "t");
}

TEST_F(PgStore, FiveHundredRecordsStoredWithFactsAndSealedIdentities) {
  pg::ReceiverStore st(pg.conninfo());
  pg::BatchAnswer a = post(st, "k1", 0, 500);
  EXPECT_FALSE(a.replayed);
  EXPECT_EQ(a.stored, 500);
  EXPECT_EQ(a.duplicate + a.rejected + a.conflict, 0);
  auto s = statuses(a.json);
  ASSERT_EQ(s.size(), 500u);
  for (const auto& [id, status] : s) EXPECT_EQ(status, "stored") << id;
  EXPECT_EQ(count("records"), "500");
  EXPECT_EQ(count("registrations"), "250");
  EXPECT_EQ(count("ticket_events"), "250");
  EXPECT_EQ(count("identities"), "250");
  // 23:30 UTC on the 29th is 00:30 on the 30th in Casablanca (UTC+1).
  EXPECT_EQ(pg.psql("SELECT DISTINCT day || ' ' || hour FROM registrations"), "2026-11-30 0");
  EXPECT_EQ(pg.psql("SELECT count(DISTINCT xmin::text) FROM records"), "1");  // one transaction
  EXPECT_EQ(pg.psql("SELECT women FROM unique_women WHERE centre_id = 'centre-casa-01'"), "125");
  EXPECT_EQ(pg.psql("SELECT count(*) FROM records WHERE centre_id = 'centre-casa-01' AND kiosk_id = 'kiosk-01'"),
            "500");
}

TEST_F(PgStore, SameKeyGetsTheEarlierAnswerWithoutOpeningAgain) {
  pg::ReceiverStore st(pg.conninfo());
  pg::BatchAnswer first = post(st, "k1", 0, 50);
  pg::BatchAnswer again = post(st, "k1", 0, 50);
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.json, first.json);
  EXPECT_EQ(prepares.load(), 1);
  EXPECT_EQ(count("records"), "50");
}

TEST_F(PgStore, AnswersPastTheirRetentionArePurgedAndTheirBatchIsStillConfirmed) {
  pg::ReceiverStore st(pg.conninfo());
  post(st, "old", 0, 20);
  post(st, "recent", 20, 20);
  pg.psql("UPDATE answers SET at = now() - interval '8 days' WHERE idempotency_key = 'old'");
  EXPECT_EQ(st.purge_answers(7), 1);
  EXPECT_EQ(count("answers"), "1");
  EXPECT_EQ(st.purge_answers(7), 0);
  // The kiosk repeats the old batch months later: answered again, every record confirmed as a duplicate.
  pg::BatchAnswer again = post(st, "old", 0, 20);
  EXPECT_FALSE(again.replayed);
  EXPECT_EQ(again.duplicate, 20);
  for (const auto& [id, status] : statuses(again.json)) EXPECT_EQ(status, "duplicate") << id;
  EXPECT_EQ(count("records"), "40");
}

TEST_F(PgStore, SameRecordsUnderAnotherKeyAreDuplicates) {
  pg::ReceiverStore st(pg.conninfo());
  post(st, "k1", 0, 50);
  pg::BatchAnswer again = post(st, "k2", 0, 50);
  EXPECT_FALSE(again.replayed);
  EXPECT_EQ(again.duplicate, 50);
  EXPECT_EQ(again.stored + again.conflict, 0);
  for (const auto& [id, status] : statuses(again.json)) EXPECT_EQ(status, "duplicate") << id;
  EXPECT_EQ(count("records"), "50");
  EXPECT_EQ(count("conflicts"), "0");
}

TEST_F(PgStore, AnIdReusedWithOtherContentIsADuplicateAndAConflict) {
  pg::ReceiverStore st(pg.conninfo());
  post(st, "k1", 0, 10);
  pg::BatchAnswer b = post(st, "k2", 9, 2, "-changed");  // record 9 again, changed; record 10 new
  EXPECT_EQ(b.stored, 1);
  EXPECT_EQ(b.duplicate, 1);
  EXPECT_EQ(b.conflict, 1);
  EXPECT_EQ(statuses(b.json)[record_id(9)], "duplicate");
  EXPECT_EQ(pg.psql("SELECT record_id FROM conflicts"), record_id(9));
  EXPECT_EQ(pg.psql("SELECT service FROM ticket_events WHERE record_id = '" + record_id(9) + "'"), "legal");
}

TEST_F(PgStore, RepeatedIdInsideOneBatchIsStoredOnce) {
  pg::ReceiverStore st(pg.conninfo());
  pg::BatchAnswer a = st.receive_batch(kKiosk, "k1", [&] {
    auto p = prepared(0, 3, registry.public_key);
    p.opened.push_back(opened_record(1, registry.public_key));
    return p;
  });
  EXPECT_EQ(a.stored, 3);
  EXPECT_EQ(a.duplicate, 1);
  EXPECT_EQ(a.conflict, 0);
  EXPECT_EQ(count("ticket_events"), "1");
}

TEST_F(PgStore, AMalformedRecordIsRejectedAndTheOthersStored) {
  pg::ReceiverStore st(pg.conninfo());
  pg::BatchAnswer a = st.receive_batch(kKiosk, "k1", [&] {
    auto p = prepared(0, 3, registry.public_key);
    p.opened[1].created_at = "2026-02-30T10:00:00Z";
    p.opened[2].id = "not-a-uuid";
    return p;
  });
  EXPECT_EQ(a.stored, 1);
  EXPECT_EQ(a.rejected, 2);
  EXPECT_EQ(count("records"), "1");
}

TEST_F(PgStore, TwoReceiversPostingTheSameKeyAtOnceAnswerOnce) {
  pg::ReceiverStore a(pg.conninfo()), b(pg.conninfo());
  std::latch go(2);
  pg::BatchAnswer ra, rb;
  std::thread ta([&] { go.arrive_and_wait(), ra = post(a, "same", 0, 500); });
  std::thread tb([&] { go.arrive_and_wait(), rb = post(b, "same", 0, 500); });
  ta.join(), tb.join();
  EXPECT_EQ(ra.json, rb.json);
  EXPECT_NE(ra.replayed, rb.replayed);
  EXPECT_EQ(prepares.load(), 1);
  EXPECT_EQ(ra.stored + rb.stored, 500);
  EXPECT_EQ(count("records"), "500");
  EXPECT_EQ(count("registrations"), "250");
}

TEST_F(PgStore, OverlappingBatchesUnderDifferentKeysStoreEachIdOnce) {
  pg::ReceiverStore a(pg.conninfo()), b(pg.conninfo());
  for (int round = 0; round < 5; ++round) {
    std::latch go(2);
    pg::BatchAnswer ra, rb;
    int base = round * 1000;
    std::thread ta([&] { go.arrive_and_wait(), ra = post(a, "a" + std::to_string(round), base, 400); });
    std::thread tb([&] { go.arrive_and_wait(), rb = post(b, "b" + std::to_string(round), base + 100, 400); });
    ta.join(), tb.join();
    EXPECT_EQ(ra.stored + rb.stored, 500) << "round " << round;
    EXPECT_EQ(ra.duplicate + rb.duplicate, 300) << "round " << round;
    EXPECT_EQ(ra.conflict + rb.conflict, 0);
  }
  EXPECT_EQ(count("records"), "2500");
  EXPECT_EQ(pg.psql("SELECT count(*) FROM (SELECT record_id FROM registrations GROUP BY 1 HAVING count(*) > 1) d"),
            "0");
}

TEST_F(PgStore, ALostDatabaseIsAnErrorNotAHangAndTheSameObjectRecovers) {
  pg::ReceiverStore st(pg.conninfo());
  post(st, "k1", 0, 10);
  pg.stop_immediately();
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_THROW(post(st, "k2", 10, 10), pg::DatabaseUnavailable);
  EXPECT_THROW(st.token_owner("x"), pg::DatabaseUnavailable);
  EXPECT_FALSE(st.healthy());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(3 * pg::kConnectTimeoutSeconds));
  pg.start();
  pg::BatchAnswer b = post(st, "k2", 10, 10);
  EXPECT_EQ(b.stored, 10);
  EXPECT_TRUE(st.healthy());
  EXPECT_EQ(count("records"), "20");
}

// A batch that cannot get its lock (here a maintenance session holds the records table) is given up after the
// statement timeout and reported as "database unavailable" (the kiosk gets 503 and comes back), not held forever;
// once the lock is gone the same store stores it.
TEST_F(PgStore, ABatchBlockedPastTheStatementTimeoutIsUnavailableNotAHang) {
  pg::ReceiverStore st(pg.conninfo(), 1);
  post(st, "k1", 0, 5);
  auto holder = std::make_unique<pg::Connection>(pg.conninfo());
  holder->exec("BEGIN");
  holder->exec("LOCK TABLE records IN ACCESS EXCLUSIVE MODE");
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_THROW(post(st, "k2", 5, 5), pg::DatabaseUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
  holder->exec("ROLLBACK");
  holder.reset();
  EXPECT_EQ(post(st, "k2", 5, 5).stored, 5);
  EXPECT_EQ(count("records"), "10");
}

TEST_F(PgStore, AStoreMadeWhileTheDatabaseIsAwayWorksOnceItIsBack) {
  pg.stop_immediately();
  pg::ReceiverStore st(pg.conninfo());
  EXPECT_FALSE(st.connected());
  EXPECT_THROW(post(st, "k1", 0, 5), pg::DatabaseUnavailable);
  pg.start();
  EXPECT_EQ(post(st, "k1", 0, 5).stored, 5);
}

TEST_F(PgStore, TokensUnknownRevokedAndTheirOwner) {
  pg::ReceiverStore st(pg.conninfo());
  pg::Connection c(pg.conninfo());
  std::string t1 = pg::add_token(c, "kiosk-07", "centre-fes-02");
  std::string t2 = pg::add_token(c, "kiosk-08", "centre-fes-02");
  EXPECT_EQ(st.token_owner("no-such-token"), std::nullopt);
  auto owner = st.token_owner(t1);
  ASSERT_TRUE(owner);
  EXPECT_EQ(owner->kiosk_id, "kiosk-07");
  EXPECT_EQ(owner->centre_id, "centre-fes-02");
  EXPECT_EQ(pg::revoke_tokens(c, "kiosk-07"), 1);
  EXPECT_EQ(st.token_owner(t1), std::nullopt);
  EXPECT_TRUE(st.token_owner(t2));
  EXPECT_EQ(pg.psql("SELECT count(*) FROM tokens WHERE position(convert_to('" + t1 + "', 'UTF8') in token_sha256) > 0"),
            "0");
}

TEST_F(PgStore, HeartbeatsKeepOneRowPerKioskUpToDate) {
  pg::ReceiverStore st(pg.conninfo());
  intake::Heartbeat beat{"kiosk-01", "centre-casa-01", "1.4.0", 12, 5000000000LL, "2026-11-29T09:10:02Z"};
  st.record_heartbeat(kKiosk, beat);
  beat.pending = 3, beat.version = "1.4.1", beat.last_success_at = "";
  st.record_heartbeat(kKiosk, beat);
  st.record_heartbeat({"kiosk-02", "centre-casa-01"}, beat);
  EXPECT_EQ(count("kiosk_health"), "2");
  EXPECT_EQ(pg.psql("SELECT pending, version, last_success_at IS NULL, free_disk_bytes FROM kiosk_health "
                    "WHERE kiosk_id = 'kiosk-01'"),
            "3|1.4.1|t|5000000000");
}

TEST_F(PgStore, NaiveModeGivesTheSameResultsOneCommitPerRecord) {
  pg::ReceiverStore st(pg.conninfo());
  st.set_naive(true);
  pg::BatchAnswer a = post(st, "k1", 0, 40);
  EXPECT_EQ(a.stored, 40);
  EXPECT_EQ(post(st, "k1", 0, 40).json, a.json);
  EXPECT_EQ(prepares.load(), 1);
  pg::BatchAnswer b = post(st, "k2", 30, 20, "-changed");
  EXPECT_EQ(b.stored, 10);
  EXPECT_EQ(b.duplicate, 10);
  EXPECT_EQ(b.conflict, 10);
  EXPECT_EQ(count("records"), "50");
  EXPECT_EQ(count("identities"), "25");
  // Each record was its own transaction: 50 different inserting transaction ids.
  EXPECT_EQ(pg.psql("SELECT count(DISTINCT xmin::text) FROM records"), "50");
}

}  // namespace
}  // namespace shubbak::testing
