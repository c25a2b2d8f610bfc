// Staff accounts and the counter's actions on a real store, with a fake clock.
#include <gtest/gtest.h>

#include <filesystem>

#include "kiosk/store/counter_store.hpp"
#include "store/data_dir.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "store/outbox.hpp"
#include "kiosk/store/staff_store.hpp"
#include "store/uuid.hpp"

using namespace shubbak;
namespace fs = std::filesystem;

class CounterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("shubbak-counter-" + store::new_uuid_v4());
    cfg.settings.sync.seal_public_key = store::to_base64(store::make_seal_keypair().public_key);
    db.emplace(store::open_store(dir.string()));
    kiosk.emplace(*db, cfg.catalogue, cfg.settings);
    counter.emplace(*db, cfg.catalogue, cfg.settings);
  }
  void TearDown() override {
    counter.reset();
    kiosk.reset();
    db.reset();
    fs::remove_all(dir);
  }
  IssuedTicket issue(const std::string& service, bool priority = false) {
    IssueRequest r{service, std::nullopt, "", priority};
    IssuedTicket t = kiosk->issue(r, clock.now());
    clock.advance(Seconds(60));
    return t;
  }
  std::string id_of(const std::string& number) {
    auto st = db->prepare("SELECT id FROM tickets WHERE number=?");
    st.bind(1, number);
    st.step();
    return st.text(0);
  }
  int64_t audit_count(const std::string& action) {
    auto st = db->prepare("SELECT count(*) FROM audit_log WHERE action=?");
    st.bind(1, action);
    st.step();
    return st.integer(0);
  }
  fs::path dir;
  CentreConfig cfg = CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
  ManualClock clock{from_local(2026, 11, 30, 9, 0, cfg.settings.zone), cfg.settings.zone};
  std::optional<store::Database> db;
  std::optional<KioskStore> kiosk;
  std::optional<CounterStore> counter;
};

TEST_F(CounterTest, PinsAreHashedAndFiveWrongOnesLockWithAGrowingDelay) {
  StaffStore staff(*db);
  staff.add("salma", "Salma B.", "4821", clock.now());
  EXPECT_EQ(db->scalar_text("SELECT pin_hash FROM staff").rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(db->scalar_text("SELECT pin_hash FROM staff").find("4821"), std::string::npos);
  EXPECT_EQ(staff.sign_in("salma", "4821", clock.now()).result, SignIn::Ok);
  for (int i = 1; i <= 4; ++i) {
    SignIn r = staff.sign_in("salma", "0000", clock.now());
    EXPECT_EQ(r.result, SignIn::WrongPin);
    EXPECT_EQ(r.attempts_left, 5 - i);
  }
  SignIn locked = staff.sign_in("salma", "0000", clock.now());
  ASSERT_EQ(locked.result, SignIn::Locked);
  EXPECT_EQ(locked.locked_until - clock.now(), std::chrono::minutes(1));
  EXPECT_EQ(staff.sign_in("salma", "4821", clock.now()).result, SignIn::Locked) << "even the right PIN waits";
  EXPECT_EQ(audit_count("pin_lockout"), 1);
  clock.advance(Seconds(61));
  SignIn again = staff.sign_in("salma", "1111", clock.now());
  ASSERT_EQ(again.result, SignIn::Locked);
  EXPECT_EQ(again.locked_until - clock.now(), std::chrono::minutes(2)) << "the delay grows";
  clock.advance(Seconds(121));
  EXPECT_EQ(staff.sign_in("salma", "4821", clock.now()).result, SignIn::Ok);
  EXPECT_EQ(audit_count("sign_in"), 2);
  EXPECT_THROW(staff.add("x", "X", "12a4", clock.now()), std::invalid_argument);
  staff.remove("salma", clock.now());
  EXPECT_EQ(staff.sign_in("salma", "4821", clock.now()).result, SignIn::Unknown);
}

TEST_F(CounterTest, CallNextTakesPriorityFirstThenArrivalAndWritesEvents) {
  issue("jisr");
  issue("jisr");
  issue("jisr", /*priority=*/true); // A-003, pregnant: first
  issue("literacy");                // D-001, another counter's service
  int64_t outbox_before = store::outbox_counts(*db).pending;
  auto a = counter->call_next({"jisr"}, 2, "salma", clock.now());
  ASSERT_TRUE(a);
  EXPECT_EQ(a->number, "A-003");
  EXPECT_EQ(a->counter, 2);
  EXPECT_EQ(counter->call_next({"jisr"}, 1, "amal", clock.now())->number, "A-001");
  EXPECT_EQ(counter->call_next({"jisr"}, 2, "salma", clock.now())->number, "A-002");
  EXPECT_FALSE(counter->call_next({"jisr"}, 2, "salma", clock.now())) << "nobody else waits for jisr";
  EXPECT_EQ(store::outbox_counts(*db).pending, outbox_before + 3) << "each call is a ticket event for upstream";
  EXPECT_EQ(audit_count("called"), 3);
}

TEST_F(CounterTest, RecallNoShowTransferAndServed) {
  issue("jisr");
  issue("legal");       // F-001
  issue("legal");       // F-002
  auto a = counter->call_next({"jisr"}, 1, "salma", clock.now());
  counter->recall(a->id, "salma", clock.now());
  EXPECT_EQ(audit_count("recalled"), 1);
  // Transfer A-001 to legal: it keeps its number and goes before F-001 and F-002 (it arrived first).
  counter->transfer(a->id, "legal", "salma", clock.now());
  auto q = counter->queue({"legal"}, clock.now());
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].number, "A-001");
  EXPECT_EQ(q[1].number, "F-001");
  // A new ticket for jisr does not reuse A-001's number.
  EXPECT_EQ(issue("jisr").number, "A-002");
  auto b = counter->call_next({"legal"}, 4, "amal", clock.now());
  EXPECT_EQ(b->number, "A-001");
  counter->served(b->id, "legal_referred", "", "amal", clock.now());
  auto c = counter->call_next({"legal"}, 4, "amal", clock.now());
  counter->no_show(c->id, "amal", clock.now());
  EXPECT_THROW(counter->served(c->id, "info_given", "", "amal", clock.now()), std::invalid_argument);
  EXPECT_THROW(counter->served(b->id, "made_up_outcome", "", "amal", clock.now()), std::invalid_argument);
  EXPECT_EQ(db->scalar_text("SELECT state || '/' || outcome FROM tickets WHERE number='A-001'"),
            "served/legal_referred");
  EXPECT_EQ(db->scalar_text("SELECT state FROM tickets WHERE number='F-001'"), "no_show");
}

TEST_F(CounterTest, DetailsAreShownOnlyWhileSheIsServedAndEachViewIsAudited) {
  IssueRequest r{"jisr", VisitorDetails{"Canary", "0611223344", "", "1990", "Anfa", ContactPreference::Sms}, "", false};
  IssuedTicket t = kiosk->issue(r, clock.now());
  std::string id = id_of(t.number);
  EXPECT_FALSE(counter->visitor_details(id, "salma", clock.now())) << "not while she waits";
  counter->call_next({"jisr"}, 1, "salma", clock.now());
  auto d = counter->visitor_details(id, "salma", clock.now());
  ASSERT_TRUE(d);
  EXPECT_EQ(d->name, "Canary");
  EXPECT_EQ(audit_count("view_details"), 1);
  counter->served(id, "info_given", "", "salma", clock.now());
  EXPECT_FALSE(counter->visitor_details(id, "salma", clock.now())) << "not after she was served";
  // The audit log names the ticket, never her.
  EXPECT_EQ(db->scalar("SELECT count(*) FROM audit_log WHERE coalesce(subject,'') || coalesce(detail,'') LIKE '%Canary%'"), 0);
}

TEST_F(CounterTest, TheDaysFiguresMatchASeededDay) {
  // jisr: 4 tickets; waits until called 2, 4, 6 minutes; 2 served (info_given, jisr_registered), 1 no-show, 1 waiting.
  std::vector<std::string> ids;
  TimePoint start = clock.now();
  for (int i = 0; i < 4; ++i) {
    kiosk->issue({"jisr", std::nullopt, "", false}, start);
  }
  auto q = counter->queue({"jisr"}, start);
  ASSERT_EQ(q.size(), 4u);
  auto call_at = [&](int minutes) {
    return counter->call_next({"jisr"}, 1, "salma", start + std::chrono::minutes(minutes));
  };
  auto t1 = call_at(2);
  counter->served(t1->id, "info_given", "", "salma", start + std::chrono::minutes(10));
  auto t2 = call_at(4);
  counter->served(t2->id, "jisr_registered", "", "salma", start + std::chrono::minutes(20));
  auto t3 = call_at(6);
  counter->no_show(t3->id, "salma", start + std::chrono::minutes(8));
  auto figs = counter->figures(local_day(start, clock.zone()));
  auto it = std::find_if(figs.begin(), figs.end(), [](const ServiceFigures& f) { return f.service_id == "jisr"; });
  ASSERT_NE(it, figs.end());
  EXPECT_EQ(it->tickets, 4);
  EXPECT_EQ(it->served, 2);
  EXPECT_EQ(it->no_shows, 1);
  EXPECT_EQ(it->waiting, 1);
  EXPECT_DOUBLE_EQ(it->median_wait_minutes, 4);
  EXPECT_DOUBLE_EQ(it->p90_wait_minutes, 6);
  EXPECT_EQ(it->outcomes.at("info_given"), 1);
  EXPECT_EQ(it->outcomes.at("jisr_registered"), 1);
}

// A counter serving two services shows the median of all their waits, not the larger of the two medians.
TEST_F(CounterTest, ACountersMedianWaitIsTheMedianOfAllItsServicesWaits) {
  TimePoint start = clock.now();
  for (int i = 0; i < 3; ++i) kiosk->issue({"jisr", std::nullopt, "", false}, start);
  kiosk->issue({"legal", std::nullopt, "", false}, start);
  for (int minutes : {10, 20, 30})
    ASSERT_TRUE(counter->call_next({"jisr"}, 1, "salma", start + std::chrono::minutes(minutes)));
  ASSERT_TRUE(counter->call_next({"legal"}, 1, "salma", start + std::chrono::minutes(50)));
  ServiceFigures both = counter->figures(local_day(start, cfg.settings.zone), {"jisr", "legal"});
  EXPECT_EQ(both.tickets, 4);
  EXPECT_DOUBLE_EQ(both.median_wait_minutes, 20) << "waits 10, 20, 30 and 50 minutes";  // the larger median: 50
  EXPECT_DOUBLE_EQ(counter->figures(local_day(start, cfg.settings.zone), {"legal"}).median_wait_minutes, 50);
}

// "Seen" on the console acknowledges the calls for staff only: a kiosk still running on its last good catalogue
// stays on the console's line until a catalogue is accepted; and that state is one row, however often it starts.
TEST_F(CounterTest, SeeingTheCallsForStaffLeavesOtherAlertsOpen) {
  kiosk->raise_alert("call_staff", "k1", clock.now());
  kiosk->raise_alert_once("catalogue_fallback", "k1", clock.now());
  kiosk->raise_alert_once("catalogue_fallback", "k1", clock.now());  // a second start on the fallback
  EXPECT_EQ(db->scalar("SELECT count(*) FROM alerts WHERE kind='catalogue_fallback'"), 1);
  counter->resolve_alerts("salma", clock.now());
  EXPECT_EQ(db->scalar("SELECT count(*) FROM alerts WHERE kind='call_staff' AND resolved_at IS NULL"), 0);
  EXPECT_EQ(db->scalar("SELECT count(*) FROM alerts WHERE kind='catalogue_fallback' AND resolved_at IS NULL"), 1);
}
