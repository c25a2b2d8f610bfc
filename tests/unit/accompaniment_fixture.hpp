// The accompaniment tests' store (issue 16): a centre's real SQLite file in a temporary folder with the demo
// catalogue, a fake clock in Casablanca, the stores the kiosk and the desks use (kiosk, counter, appointments,
// consents, staff), and the upstream's test key to open the sealed outbox records. Record format 3 (identities
// sealed to a registry key, a national key for person keys) unless a test suite asks for format 2.
// AccompanimentTest starts on Tuesday 1 December 2026 09:00 in format 3; AppointmentTest on Monday 30 November
// 08:30 in format 2.
#pragma once
#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/store/appointment_store.hpp"
#include "kiosk/store/consent_store.hpp"
#include "kiosk/store/counter_store.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/store/staff_store.hpp"
#include "store/data_dir.hpp"
#include "store/outbox.hpp"
#include "store/seal.hpp"
#include "store/uuid.hpp"

namespace shubbak::testing {

namespace fs = std::filesystem;

// Where a suite's clock starts (local time at the centre) and which record format its kiosk writes.
struct StoreStart {
  int year = 2026, month = 12, day = 1, hour = 9, minute = 0;
  bool format3 = true;
};

class AccompanimentTest : public ::testing::Test {
 protected:
  explicit AccompanimentTest(StoreStart start = {})
      : start_(start),
        clock{from_local(start.year, start.month, start.day, start.hour, start.minute, cfg.settings.zone),
              cfg.settings.zone} {}

  void SetUp() override {
    dir = fs::temp_directory_path() / ("shubbak-accompaniment-" + store::new_uuid_v4());
    fs::create_directories(dir);
    seal = store::make_seal_keypair();
    cfg.settings.sync.seal_public_key = store::to_base64(seal.public_key);
    if (start_.format3) use_format3();
    db.emplace(store::open_store((dir / "data").string()));
    kiosk.emplace(*db, cfg.catalogue, cfg.settings);
    counter.emplace(*db, cfg.catalogue, cfg.settings);
    appointments.emplace(*db, cfg.catalogue, cfg.settings);
    consents.emplace(*db, cfg.settings);
  }
  void TearDown() override {
    consents.reset();
    appointments.reset();
    counter.reset();
    kiosk.reset();
    db.reset();
    fs::remove_all(dir);
  }

  // `hour`:`minute` local, `day` days after the suite's first day.
  TimePoint at(int day, int hour, int minute) const {
    return from_local(start_.year, start_.month, start_.day, hour, minute, cfg.settings.zone) +
           std::chrono::hours(24) * day;
  }
  // A registered woman (phone `phone`) takes a ticket for `service`; returns her visitor id.
  std::string register_woman(const std::string& service, const std::string& phone) {
    IssueRequest r{service, VisitorDetails{"Canary " + phone, phone, "", "1990", "Anfa", ContactPreference::Sms}, "",
                   false};
    kiosk->issue(r, clock.now());
    clock.advance(Seconds(60));
    return db->scalar_text("SELECT id FROM visitors ORDER BY rowid DESC LIMIT 1");
  }
  // She registers at the kiosk with her answers (`keep` and these; a literacy ticket, not in the jisr queue), now;
  // returns her visitor id, found by her phone as the kiosk finds her.
  std::string register_for_literacy(const std::string& phone, std::map<ConsentPurpose, bool> answers = {}) {
    IssueRequest r{"literacy", VisitorDetails{"Canary", phone, "", "1990", "Anfa", std::nullopt}, "", false};
    r.consents = std::move(answers);
    kiosk->issue(r, clock.now());
    auto id = kiosk->find_visitor(IdentityKind::Phone, phone);
    EXPECT_TRUE(id);
    return id.value_or("");
  }
  // She comes back (already registered) and takes a ticket; returns the ticket id.
  std::string ticket_for(const std::string& visitor_id, const std::string& service) {
    IssueRequest r{service, std::nullopt, visitor_id, false};
    kiosk->issue(r, clock.now());
    clock.advance(Seconds(60));
    return latest_ticket();
  }
  // A walk-in ticket for `service` at `when`; returns its number.
  std::string walk_in(TimePoint when, const std::string& service = "jisr", bool priority = false) {
    return kiosk->issue(IssueRequest{service, std::nullopt, "", priority}, when).number;
  }
  std::string latest_ticket() { return db->scalar_text("SELECT id FROM tickets ORDER BY rowid DESC LIMIT 1"); }
  // Calls her ticket at a counter of its service and serves it with this outcome and note.
  void serve(const std::string& ticket_id, const std::string& outcome, const std::string& note,
             const std::string& staff) {
    const std::string service = db->scalar_text("SELECT service_id FROM tickets WHERE id='" + ticket_id + "'");
    auto t = counter->call_next({service}, 1, staff, clock.now());
    ASSERT_TRUE(t && t->id == ticket_id);
    counter->served(ticket_id, outcome, note, staff, clock.now());
    clock.advance(Seconds(300));
  }
  // A consent row as a desk writes it (no outbox record: for tests of what reads consents).
  void consent(const std::string& visitor_id, const std::string& purpose, bool granted) {
    db->prepare("INSERT INTO consents(id, visitor_id, purpose, granted, text_version, at, channel, actor) "
                "VALUES(?,?,?,?,?,?,'desk','staff:salma')")
        .bind(1, store::new_uuid_v4()).bind(2, visitor_id).bind(3, purpose).bind(4, granted ? 1 : 0)
        .bind(5, purpose + "-2026-12").bind(6, to_rfc3339_utc(clock.now())).run();
    clock.advance(Seconds(1));
  }
  void add_staff(const std::string& login, const std::vector<std::string>& services) {
    StaffStore(*db).add(login, login, "4821", clock.now(), services);
  }
  Appointment booked(const Booking& b) {
    EXPECT_TRUE(std::holds_alternative<Appointment>(b)) << "the slot was full";
    return std::holds_alternative<Appointment>(b) ? std::get<Appointment>(b) : Appointment{};
  }
  int64_t count(const std::string& sql) { return db->scalar(sql); }
  // Every outbox record of this kind, opened with the upstream's key (fails the test if one does not open).
  std::vector<nlohmann::json> records(const std::string& kind) {
    std::vector<nlohmann::json> out;
    auto st = db->prepare("SELECT payload FROM outbox WHERE kind=? ORDER BY seq");
    st.bind(1, kind);
    store::Opener opener(seal);
    while (st.step()) {
      auto p = opener.open(st.blob(0), 64u << 10);
      EXPECT_TRUE(p) << kind << " record does not open with the upstream's key";
      if (p) out.push_back(nlohmann::json::parse(p->json));
    }
    return out;
  }

  StoreStart start_;
  fs::path dir;
  store::KeyPair seal, registry;
  CentreConfig cfg = CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
  ManualClock clock;
  std::optional<store::Database> db;
  std::optional<KioskStore> kiosk;
  std::optional<CounterStore> counter;
  std::optional<AppointmentStore> appointments;
  std::optional<ConsentStore> consents;

 private:
  // The registry key identities are sealed to, and the national key person keys are made with.
  void use_format3() {
    registry = store::make_seal_keypair();
    store::Bytes national(32, 0);
    randombytes_buf(national.data(), national.size());
    std::ofstream(dir / "national.key") << store::to_base64(national) << "\n";
    ::chmod((dir / "national.key").c_str(), 0600);
    cfg.settings.sync.registry_public_key = store::to_base64(registry.public_key);
    cfg.settings.sync.national_key_file = (dir / "national.key").string();
  }
};

// Appointments and consents: Monday 30 November 2026 08:30, record format 2.
class AppointmentTest : public AccompanimentTest {
 protected:
  AppointmentTest() : AccompanimentTest(StoreStart{2026, 11, 30, 8, 30, false}) {}
};

}  // namespace shubbak::testing
