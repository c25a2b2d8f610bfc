// (consents and appointments) A real store on a temporary folder with the demo centre, a fake clock on Monday 30 November 2026 08:30 in
// Casablanca, and the upstream's test key to open the sealed outbox records (consents, appointments: issue 16).
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/store/appointment_store.hpp"
#include "kiosk/store/consent_store.hpp"
#include "kiosk/store/counter_store.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "store/data_dir.hpp"
#include "store/outbox.hpp"
#include "store/uuid.hpp"

class AppointmentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() / ("shubbak-accompaniment-" + shubbak::store::new_uuid_v4());
    keys = shubbak::store::make_seal_keypair();
    cfg.settings.sync.seal_public_key = shubbak::store::to_base64(keys.public_key);
    db.emplace(shubbak::store::open_store(dir.string()));
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
    std::filesystem::remove_all(dir);
  }
  shubbak::TimePoint at(int day, int hour, int minute) {
    return shubbak::from_local(2026, 11, 30, hour, minute, cfg.settings.zone) + std::chrono::hours(24) * day;
  }
  // Registers a woman at the kiosk (her `keep` consent; a literacy ticket, not in the jisr queue): her visitor id.
  std::string register_woman(const std::string& phone, std::map<shubbak::ConsentPurpose, bool> answers = {}) {
    shubbak::IssueRequest r{"literacy", shubbak::VisitorDetails{"Canary", phone, "", "1990", "Anfa", std::nullopt}, "", false};
    r.consents = std::move(answers);
    kiosk->issue(r, clock.now());
    auto id = kiosk->find_visitor(shubbak::IdentityKind::Phone, phone);
    EXPECT_TRUE(id);
    return id.value_or("");
  }
  // A walk-in ticket for `service` at `when`; returns its number.
  std::string walk_in(shubbak::TimePoint when, const std::string& service = "jisr", bool priority = false) {
    return kiosk->issue(shubbak::IssueRequest{service, std::nullopt, "", priority}, when).number;
  }
  shubbak::Appointment booked(const shubbak::Booking& b) {
    EXPECT_TRUE(std::holds_alternative<shubbak::Appointment>(b)) << "the slot was full";
    return std::holds_alternative<shubbak::Appointment>(b) ? std::get<shubbak::Appointment>(b) : shubbak::Appointment{};
  }
  // Every outbox record of this kind, opened with the upstream's key (fails the test if one does not open).
  std::vector<nlohmann::json> records(const std::string& kind) {
    std::vector<nlohmann::json> out;
    auto st = db->prepare("SELECT payload FROM outbox WHERE kind=? ORDER BY seq");
    st.bind(1, kind);
    while (st.step()) {
      auto opened = shubbak::store::open_sealed(st.blob(0), keys);
      EXPECT_TRUE(opened) << kind << " record does not open with the upstream's key";
      if (opened) out.push_back(nlohmann::json::parse(*opened));
    }
    return out;
  }
  int64_t count(const std::string& sql) { return db->scalar(sql); }

  std::filesystem::path dir;
  shubbak::store::KeyPair keys;
  shubbak::CentreConfig cfg = shubbak::CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
  shubbak::ManualClock clock{shubbak::from_local(2026, 11, 30, 8, 30, cfg.settings.zone), cfg.settings.zone};
  std::optional<shubbak::store::Database> db;
  std::optional<shubbak::KioskStore> kiosk;
  std::optional<shubbak::CounterStore> counter;
  std::optional<shubbak::AppointmentStore> appointments;
  std::optional<shubbak::ConsentStore> consents;
};
