// A centre's store on a real SQLite file with the demo catalogue, format 3 keys (identities sealed to a registry
// key) and a fake clock, for the accompaniment tests (issue 16): registered women, their tickets served by staff.
#pragma once
#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kiosk/store/counter_store.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/store/staff_store.hpp"
#include "store/data_dir.hpp"
#include "store/seal.hpp"
#include "store/uuid.hpp"

namespace shubbak::testing {

namespace fs = std::filesystem;

class AccompanimentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("shubbak-accompaniment-" + store::new_uuid_v4());
    fs::create_directories(dir);
    seal = store::make_seal_keypair();
    registry = store::make_seal_keypair();
    store::Bytes national(32, 0);
    randombytes_buf(national.data(), national.size());
    std::ofstream(dir / "national.key") << store::to_base64(national) << "\n";
    ::chmod((dir / "national.key").c_str(), 0600);
    cfg.settings.sync.seal_public_key = store::to_base64(seal.public_key);
    cfg.settings.sync.registry_public_key = store::to_base64(registry.public_key);
    cfg.settings.sync.national_key_file = (dir / "national.key").string();
    db.emplace(store::open_store((dir / "data").string()));
    kiosk.emplace(*db, cfg.catalogue, cfg.settings);
    counter.emplace(*db, cfg.catalogue, cfg.settings);
  }
  void TearDown() override {
    counter.reset();
    kiosk.reset();
    db.reset();
    fs::remove_all(dir);
  }

  // A registered woman (phone `phone`) takes a ticket for `service`; returns her visitor id.
  std::string register_woman(const std::string& service, const std::string& phone) {
    IssueRequest r{service, VisitorDetails{"Canary " + phone, phone, "", "1990", "Anfa", ContactPreference::Sms}, "",
                   false};
    kiosk->issue(r, clock.now());
    clock.advance(Seconds(60));
    return db->scalar_text("SELECT id FROM visitors ORDER BY rowid DESC LIMIT 1");
  }
  // She comes back (already registered) and takes a ticket; returns the ticket id.
  std::string ticket_for(const std::string& visitor_id, const std::string& service) {
    IssueRequest r{service, std::nullopt, visitor_id, false};
    kiosk->issue(r, clock.now());
    clock.advance(Seconds(60));
    return db->scalar_text("SELECT id FROM tickets ORDER BY rowid DESC LIMIT 1");
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
  int64_t count(const std::string& sql) { return db->scalar(sql); }
  // Every outbox record of this kind, opened with the receivers' seal key.
  std::vector<nlohmann::json> records(const std::string& kind) {
    std::vector<nlohmann::json> out;
    auto st = db->prepare("SELECT payload FROM outbox WHERE kind=? ORDER BY seq");
    st.bind(1, kind);
    store::Opener opener(seal);
    while (st.step()) {
      auto p = opener.open(st.blob(0), 64u << 10);
      EXPECT_TRUE(p);
      if (p) out.push_back(nlohmann::json::parse(p->json));
    }
    return out;
  }

  fs::path dir;
  store::KeyPair seal, registry;
  CentreConfig cfg = CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
  ManualClock clock{from_local(2026, 12, 1, 9, 0, cfg.settings.zone), cfg.settings.zone};
  std::optional<store::Database> db;
  std::optional<KioskStore> kiosk;
  std::optional<CounterStore> counter;
};

}  // namespace shubbak::testing
