// The local store on a real SQLite file.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "store/data_dir.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "store/outbox.hpp"
#include "store/privacy.hpp"
#include "store/schema.hpp"
#include "store/seal.hpp"
#include "common/centre_settings.hpp"
#include "store/uuid.hpp"

using namespace shubbak;
namespace fs = std::filesystem;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("shubbak-store-" + store::new_uuid_v4());
    keys = store::make_seal_keypair();
    cfg.settings.sync.seal_public_key = store::to_base64(keys.public_key);
  }
  void TearDown() override { fs::remove_all(dir); }
  int64_t count(store::Database& db, const std::string& table) { return db.scalar("SELECT count(*) FROM " + table); }

  fs::path dir;
  store::KeyPair keys;
  CentreConfig cfg = CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
};

TEST_F(StoreTest, OpensWithDurableSettingsAndMigrates) {
  store::Database db = store::open_store(dir.string());
  EXPECT_EQ(db.scalar_text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(db.scalar("PRAGMA synchronous"), 2);
  EXPECT_EQ(db.scalar("PRAGMA foreign_keys"), 1);
  EXPECT_EQ(db.scalar("PRAGMA user_version"), store::known_schema_version());
  for (const char* t : {"visitors", "registrations", "tickets", "staff", "audit_log", "outbox", "alerts", "meta"})
    EXPECT_EQ(db.scalar(std::string("SELECT count(*) FROM sqlite_master WHERE name='") + t + "'"), 1) << t;
  EXPECT_EQ(store::migrate(db), store::known_schema_version());  // again: nothing to do
}

TEST_F(StoreTest, NewerSchemaIsRefusedAndLeftUntouched) {
  {
    store::Database db = store::open_store(dir.string());
    db.exec("PRAGMA user_version=99");
  }
  try {
    store::open_store(dir.string());
    FAIL() << "a newer schema must be refused";
  } catch (const store::StoreError& e) {
    EXPECT_EQ(e.fault, store::Fault::Schema);
    EXPECT_NE(std::string(e.what()).find("schema version 99, newer than this program knows"), std::string::npos);
  }
  store::Database raw = store::Database::open(store::db_path(dir.string()));
  EXPECT_EQ(raw.scalar("PRAGMA user_version"), 99);
}

TEST_F(StoreTest, RegistrationTicketAndOutboxAreWrittenTogether) {
  store::Database db = store::open_store(dir.string());
  KioskStore ks(db, cfg.catalogue, cfg.settings);
  IssueRequest req{"jisr", VisitorDetails{"Canary Fatima", "0611223344", "AB123456", "1990", "Anfa", ContactPreference::Sms}, "", false};
  IssuedTicket t = ks.issue(req, std::chrono::system_clock::now());
  EXPECT_EQ(t.number, "A-001");
  EXPECT_EQ(count(db, "visitors"), 1);
  EXPECT_EQ(count(db, "registrations"), 1);
  EXPECT_EQ(count(db, "tickets"), 1);
  EXPECT_EQ(count(db, "outbox"), 2);
  auto st = db.prepare("SELECT id, kind, payload, state FROM outbox ORDER BY seq");
  bool saw_registration = false;
  while (st.step()) {
    EXPECT_TRUE(store::is_uuid_v4(st.text(0)));
    EXPECT_EQ(st.text(3), "pending");
    store::Bytes payload = st.blob(2);
    std::string raw(payload.begin(), payload.end());
    EXPECT_EQ(raw.find("Canary"), std::string::npos) << "the outbox must hold no plain text";
    EXPECT_EQ(raw.find("0611223344"), std::string::npos);
    auto opened = store::open_sealed(payload, keys);
    ASSERT_TRUE(opened) << "the upstream key must open it";
    auto j = nlohmann::json::parse(*opened);
    if (st.text(1) == "registration") {
      saw_registration = true;
      EXPECT_EQ(j["visitor"]["name"], "Canary Fatima");
      EXPECT_EQ(j["ticket"], "A-001");
    }
  }
  EXPECT_TRUE(saw_registration);
}

TEST_F(StoreTest, AFailureMidWriteLeavesNothingHalfWritten) {
  store::Database db = store::open_store(dir.string());
  KioskStore ks(db, cfg.catalogue, cfg.settings);
  // The second outbox row (after visitor, registration, ticket and the first outbox row) fails.
  db.exec("CREATE TEMP TRIGGER fail_second BEFORE INSERT ON outbox WHEN (SELECT count(*) FROM outbox) >= 1 "
          "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
  IssueRequest req{"jisr", VisitorDetails{"N", "0611223344", "", "1990", "", std::nullopt}, "", false};
  EXPECT_THROW(ks.issue(req, std::chrono::system_clock::now()), store::StoreError);
  for (const char* t : {"visitors", "registrations", "tickets", "outbox"}) EXPECT_EQ(count(db, t), 0) << t;
  db.exec("DROP TRIGGER fail_second");
  EXPECT_EQ(ks.issue(req, std::chrono::system_clock::now()).number, "A-001");  // the number was not burnt
}

// Every statement the connection still holds, with the values bound to it (what stays in memory).
static std::string bound_values(store::Database& db) {
  std::string all;
  for (sqlite3_stmt* st = sqlite3_next_stmt(db.handle(), nullptr); st; st = sqlite3_next_stmt(db.handle(), st)) {
    if (char* sql = sqlite3_expanded_sql(st)) {
      all += sql;
      all += "\n";
      sqlite3_free(sql);
    }
  }
  return all;
}

TEST_F(StoreTest, AFailedSaveLeavesNoneOfHerDetailsBoundInMemory) {
  store::Database db = store::open_store(dir.string());
  KioskStore ks(db, cfg.catalogue, cfg.settings);
  // The visitor's own row fails (as on a full disk): the statement that carries her details throws mid-run.
  db.exec("CREATE TEMP TRIGGER fail_visitor BEFORE INSERT ON visitors BEGIN SELECT RAISE(ABORT, 'injected'); END");
  IssueRequest req{"jisr", VisitorDetails{"Canary Zineb", "0677889900", "ZX987654", "1991", "Anfa", ContactPreference::Sms}, "", false};
  EXPECT_THROW(ks.issue(req, std::chrono::system_clock::now()), store::StoreError);
  std::string held = bound_values(db);
  ASSERT_NE(held.find("INSERT INTO visitors"), std::string::npos) << "the cached statement is kept (the test looks)";
  EXPECT_EQ(held.find("Canary"), std::string::npos) << held;
  EXPECT_EQ(held.find("0677889900"), std::string::npos) << held;
  EXPECT_EQ(held.find("ZX987654"), std::string::npos) << held;
  // And after a good save too.
  db.exec("DROP TRIGGER fail_visitor");
  ks.issue(req, std::chrono::system_clock::now());
  held = bound_values(db);
  EXPECT_EQ(held.find("Canary"), std::string::npos) << held;
  EXPECT_EQ(held.find("0677889900"), std::string::npos) << held;
}

TEST_F(StoreTest, ACachedStatementIsLentToOneUserAtATime) {
  store::Database db = store::open_store(dir.string());
  auto first = db.cached("SELECT 1");
  EXPECT_THROW(db.cached("SELECT 1"), std::logic_error);
  first->step();
  EXPECT_EQ(first->integer(0), 1);
}

TEST_F(StoreTest, NumbersArePerServiceAndRestartAtLocalMidnight) {
  store::Database db = store::open_store(dir.string());
  KioskStore ks(db, cfg.catalogue, cfg.settings);
  TimePoint evening = from_local(2026, 11, 30, 23, 59, cfg.settings.zone);
  EXPECT_EQ(ks.issue({"jisr", {}, "", false}, evening).number, "A-001");
  EXPECT_EQ(ks.issue({"jisr", {}, "", false}, evening).number, "A-002");
  EXPECT_EQ(ks.issue({"literacy", {}, "", false}, evening).number, "D-001");
  IssuedTicket third = ks.issue({"jisr", {}, "", false}, evening);
  EXPECT_EQ(third.people_ahead, 2);
  EXPECT_EQ(third.wait_minutes, (2 * 15 + 1) / 2);  // 2 ahead, 15 min each, 2 counters
  TimePoint morning = from_local(2026, 12, 1, 0, 0, 30, cfg.settings.zone);
  EXPECT_EQ(ks.issue({"jisr", {}, "", false}, morning).number, "A-001");
}

// The centre's day, whatever TZ says: at 23:30 UTC it is already the next day on Kiritimati (UTC+14), and ticket
// numbers restart at its midnight (10:00 UTC), not at UTC's.
TEST_F(StoreTest, TheTicketDayIsTheCentresDayWhateverTzSays) {
  ::setenv("TZ", "America/Los_Angeles", 1);
  ::tzset();
  Settings settings = cfg.settings;
  settings.zone = TimeZone::load("Pacific/Kiritimati");
  store::Database db = store::open_store(dir.string());
  KioskStore ks(db, cfg.catalogue, settings);
  const TimeZone utc;
  EXPECT_EQ(ks.issue({"jisr", {}, "", false}, from_local(2026, 12, 1, 23, 30, utc)).number, "A-001");
  EXPECT_EQ(db.scalar_text("SELECT day FROM tickets"), "2026-12-02");
  EXPECT_EQ(ks.issue({"jisr", {}, "", false}, from_local(2026, 12, 2, 9, 59, utc)).number, "A-002");  // 23:59 there
  EXPECT_EQ(ks.issue({"jisr", {}, "", false}, from_local(2026, 12, 2, 10, 0, utc)).number, "A-001");  // midnight
  EXPECT_EQ(ks.tickets_today(from_local(2026, 12, 2, 10, 5, utc)), 1);
  ::unsetenv("TZ");
  ::tzset();
}

TEST_F(StoreTest, TwoConnectionsNeverShareANumber) {
  { store::open_store(dir.string()); }
  std::vector<std::string> a, b;
  auto worker = [&](std::vector<std::string>& out) {
    store::Database db = store::open_store(dir.string());
    KioskStore ks(db, cfg.catalogue, cfg.settings);
    for (int i = 0; i < 50; ++i) out.push_back(ks.issue({"jisr", {}, "", false}, std::chrono::system_clock::now()).number);
  };
  std::thread t1(worker, std::ref(a)), t2(worker, std::ref(b));
  t1.join();
  t2.join();
  std::set<std::string> all(a.begin(), a.end());
  all.insert(b.begin(), b.end());
  EXPECT_EQ(all.size(), 100u);
}

TEST_F(StoreTest, AuditLogIsAppendOnly) {
  store::Database db = store::open_store(dir.string());
  db.exec("INSERT INTO audit_log(at, actor, action) VALUES('2026-01-01T00:00:00Z', 'admin', 'test')");
  EXPECT_THROW(db.exec("UPDATE audit_log SET action='x'"), store::StoreError);
  EXPECT_THROW(db.exec("DELETE FROM audit_log"), store::StoreError);
  EXPECT_EQ(count(db, "audit_log"), 1);
}

TEST_F(StoreTest, BadSealingKeyIsAClearError) {
  cfg.settings.sync.seal_public_key = "not-a-key";
  store::Database db = store::open_store(dir.string());
  try {
    KioskStore ks(db, cfg.catalogue, cfg.settings);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("sealing key"), std::string::npos);
  }
}

TEST_F(StoreTest, OutboxLifecycleAndPayloadRetention) {
  store::Database db = store::open_store(dir.string());
  KioskStore ks(db, cfg.catalogue, cfg.settings);
  for (int i = 0; i < 3; ++i) ks.issue({"jisr", {}, "", false}, std::chrono::system_clock::now());
  TimePoint now = std::chrono::system_clock::now();
  auto batch = store::claim_batch(db, "b1", 2, 1 << 20, now);
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(store::outbox_counts(db).in_flight, 2);
  // A crash now: the batch becomes pending again at the next start.
  EXPECT_EQ(store::reset_in_flight(db), 2);
  batch = store::claim_batch(db, "b2", 10, 1 << 20, now);
  ASSERT_EQ(batch.size(), 3u);
  store::mark_sent(db, {batch[0].id}, now);
  store::quarantine(db, batch[1].id, "refused");
  store::release(db, {batch[2].id}, now + std::chrono::seconds(60), "later");
  EXPECT_TRUE(store::claim_batch(db, "b3", 10, 1 << 20, now).empty()) << "not before its next attempt";
  EXPECT_EQ(store::claim_batch(db, "b4", 10, 1 << 20, now + std::chrono::seconds(61)).size(), 1u);
  auto c = store::outbox_counts(db);
  EXPECT_EQ(c.sent, 1);
  EXPECT_EQ(c.quarantined, 1);
  EXPECT_EQ(c.in_flight, 1);
  // Retention: sent payloads go, the rows (and counts) stay.
  EXPECT_EQ(store::purge_sent_payloads(db, now - std::chrono::hours(1)), 0);
  EXPECT_EQ(store::purge_sent_payloads(db, now + std::chrono::hours(1)), 1);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM outbox WHERE payload IS NULL"), 1);
  EXPECT_EQ(store::outbox_counts(db).sent, 1);
}

// The purge keeps what the counter still needs and what has not reached upstream, and nothing else.
TEST_F(StoreTest, PurgeKeepsTodaysAndUnsentDetailsOnly) {
  store::Database db = store::open_store(dir.string());
  KioskStore ks(db, cfg.catalogue, cfg.settings);
  const TimeZone& zone = cfg.settings.zone;
  TimePoint monday = from_local(2026, 11, 30, 10, 0, zone), tuesday = from_local(2026, 12, 1, 9, 0, zone);
  ks.issue({"jisr", VisitorDetails{"Sent Monday", "0611000001", "", "1990", "", std::nullopt}, "", false}, monday);
  ks.issue({"jisr", VisitorDetails{"Unsent Monday", "0611000002", "", "1990", "", std::nullopt}, "", false}, monday);
  ks.issue({"jisr", VisitorDetails{"Sent Tuesday", "0611000003", "", "1990", "", std::nullopt}, "", false}, tuesday);
  db.exec("UPDATE tickets SET note='she asked about childcare' WHERE day='2026-11-30'");
  db.exec("UPDATE outbox SET state='sent' WHERE visitor_id IN (SELECT id FROM visitors WHERE full_name<>'Unsent Monday')");
  db.exec("UPDATE outbox SET state='sent' WHERE visitor_id IS NULL");

  store::PurgeResult r = store::purge_personal_details(db, tuesday, 0, zone);
  EXPECT_EQ(r.visitors, 1);
  EXPECT_EQ(r.waiting_send, 1);
  EXPECT_EQ(r.notes, 2);
  EXPECT_TRUE(r.checkpointed);
  EXPECT_EQ(db.scalar_text("SELECT group_concat(coalesce(full_name,'-'), ',') FROM "
                           "(SELECT full_name FROM visitors ORDER BY phone_hash)"),
            db.scalar_text("SELECT group_concat(coalesce(full_name,'-'), ',') FROM "
                           "(SELECT CASE WHEN full_name='Sent Monday' THEN NULL ELSE full_name END AS full_name "
                           "FROM visitors ORDER BY phone_hash)"));
  EXPECT_EQ(db.scalar("SELECT count(*) FROM visitors WHERE purged_at IS NOT NULL AND phone IS NULL"), 1);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM tickets WHERE note IS NOT NULL"), 0);
  // Check-in by phone still finds the purged visitor.
  EXPECT_TRUE(ks.find_visitor(IdentityKind::Phone, "0611000001"));
  // Kept one day longer when the centre says so.
  db.exec("UPDATE outbox SET state='sent'");
  EXPECT_EQ(store::purge_personal_details(db, tuesday, 1, zone).visitors, 0);
  EXPECT_EQ(store::purge_personal_details(db, tuesday, 0, zone).visitors, 1);
}
