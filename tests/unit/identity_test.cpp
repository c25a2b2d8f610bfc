// Format 3 at the kiosk (docs/sync-protocol.md): with the registry key and the national key configured, what the
// kiosk seals for the ministry holds no name, phone, CIN, birth year or staff note in clear; her identity opens
// only with the registry secret, and the same woman always gets the same person_key.
#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/centre_settings.hpp"
#include "common/config_file.hpp"
#include "kiosk/store/counter_store.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "store/data_dir.hpp"
#include "store/identity.hpp"
#include "store/seal.hpp"
#include "store/uuid.hpp"

using namespace shubbak;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

void write_key_file(const fs::path& p, const store::Bytes& key, mode_t mode = 0600) {
  std::ofstream(p) << store::to_base64(key) << "\n";
  ::chmod(p.c_str(), mode);
}

class Format3Test : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("shubbak-identity-" + store::new_uuid_v4());
    fs::create_directories(dir);
    seal = store::make_seal_keypair();
    registry = store::make_seal_keypair();
    national.assign(32, 0);
    randombytes_buf(national.data(), national.size());
    write_key_file(dir / "national.key", national);
    cfg.settings.sync.seal_public_key = store::to_base64(seal.public_key);
    cfg.settings.sync.registry_public_key = store::to_base64(registry.public_key);
    cfg.settings.sync.national_key_file = (dir / "national.key").string();
  }
  void TearDown() override { fs::remove_all(dir); }

  // Every outbox record of this kind, opened with the receivers' seal key: (format byte, JSON).
  std::vector<std::pair<int, json>> opened(store::Database& db, const std::string& kind) {
    std::vector<std::pair<int, json>> out;
    auto st = db.prepare("SELECT payload FROM outbox WHERE kind=? ORDER BY seq");
    st.bind(1, kind);
    store::Opener opener(seal);
    while (st.step()) {
      auto p = opener.open(st.blob(0), 64u << 10);
      EXPECT_TRUE(p) << "the seal key opens every record";
      if (p) out.emplace_back(p->format, json::parse(p->json));
    }
    return out;
  }

  fs::path dir;
  store::KeyPair seal, registry;
  store::Bytes national;
  CentreConfig cfg = CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
};

const VisitorDetails kCanary{"Canary Fatima", "0611223344", "AB123456", "1990", "Anfa", ContactPreference::Sms};

TEST_F(Format3Test, ARegistrationCarriesNoIdentityInClearAndTheRegistryKeyGivesItBack) {
  store::Database db = store::open_store((dir / "data").string());
  KioskStore ks(db, cfg.catalogue, cfg.settings);
  TimePoint now{};
  ASSERT_TRUE(parse_rfc3339_utc("2026-11-29T09:10:02Z", now));
  ks.issue(IssueRequest{"jisr", kCanary, "", false}, now);
  auto regs = opened(db, "registration");
  ASSERT_EQ(regs.size(), 1u);
  auto& [format, r] = regs[0];
  EXPECT_EQ(format, 3);
  std::string clear = r.dump();
  for (const char* secret : {"Canary", "0611223344", "611223344", "AB123456", "1990"})
    EXPECT_EQ(clear.find(secret), std::string::npos) << secret << " in clear in " << clear;
  EXPECT_FALSE(r.contains("visitor"));
  EXPECT_EQ(r["age_band"], "35-44");
  EXPECT_EQ(r["commune"], "Anfa");
  EXPECT_EQ(r["contact"], "sms");
  EXPECT_EQ(r["service"], "jisr");
  auto sealed = store::from_base64(r["identity"].get<std::string>());
  ASSERT_TRUE(sealed);
  EXPECT_FALSE(store::open_identity(*sealed, seal)) << "the receivers' key must not open her identity";
  auto identity = store::open_identity(*sealed, registry);
  ASSERT_TRUE(identity);
  json id = json::parse(*identity);
  EXPECT_EQ(id["name"], "Canary Fatima");
  EXPECT_EQ(id["phone"], "0611223344");
  EXPECT_EQ(id["cin"], "AB123456");
  EXPECT_EQ(id["birth_year"], "1990");
  // Her ticket event is format 3 too.
  auto events = opened(db, "ticket_event");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].first, 3);
}

TEST_F(Format3Test, TheSameWomanGetsTheSamePersonKeyAndAnotherWomanAnother) {
  store::Database db = store::open_store((dir / "data").string());
  KioskStore ks(db, cfg.catalogue, cfg.settings);
  auto now = std::chrono::system_clock::now();
  VisitorDetails same_cin = kCanary, phone_only{"Amina", "0622334455", "", "1985", "", std::nullopt};
  same_cin.phone = "0699887766";  // another phone, the same CIN
  VisitorDetails same_phone = phone_only, other{"Khadija", "0633445566", "", "1985", "", std::nullopt};
  same_phone.name = "Amina B.";
  for (const VisitorDetails& v : {kCanary, same_cin, phone_only, same_phone, other})
    ks.issue(IssueRequest{"jisr", v, "", false}, now);
  auto regs = opened(db, "registration");
  ASSERT_EQ(regs.size(), 5u);
  std::vector<std::string> keys, visitors;
  for (auto& [f, r] : regs) {
    keys.push_back(r["person_key"]);
    visitors.push_back(r["visitor_id"]);
  }
  EXPECT_NE(visitors[0], visitors[1]) << "two registrations, two visitor ids";
  EXPECT_EQ(keys[0], keys[1]) << "same CIN";
  EXPECT_EQ(keys[2], keys[3]) << "same phone, no CIN";
  EXPECT_NE(keys[0], keys[2]);
  EXPECT_NE(keys[2], keys[4]);
  EXPECT_EQ(keys[0], store::person_key(national, "AB123456", "", "")) << "the documented identifier";
}

TEST_F(Format3Test, AStaffNoteTravelsOnlyInsideTheSealedIdentity) {
  store::Database db = store::open_store((dir / "data").string());
  KioskStore ks(db, cfg.catalogue, cfg.settings);
  CounterStore cs(db, cfg.catalogue, cfg.settings);
  auto now = std::chrono::system_clock::now();
  ks.issue(IssueRequest{"jisr", std::nullopt, "", false}, now);
  auto called = cs.call_next({}, 1, "staff1", now);
  ASSERT_TRUE(called);
  cs.served(called->id, cfg.catalogue.outcomes().front().id, "she fears her husband", "staff1", now);
  auto events = opened(db, "ticket_event");
  ASSERT_EQ(events.size(), 3u);  // issued, called, served
  for (auto& [format, e] : events) {
    EXPECT_EQ(format, 3);
    EXPECT_EQ(e.dump().find("husband"), std::string::npos) << e.dump();
    EXPECT_FALSE(e.contains("note"));
  }
  EXPECT_EQ(events[2].second["event"], "served");
}

TEST_F(Format3Test, WithoutTheRegistryKeyTheKioskWritesFormat2AsBefore) {
  cfg.settings.sync.registry_public_key.clear();
  cfg.settings.sync.national_key_file.clear();
  store::Database db = store::open_store((dir / "data").string());
  KioskStore ks(db, cfg.catalogue, cfg.settings);
  ks.issue(IssueRequest{"jisr", kCanary, "", false}, std::chrono::system_clock::now());
  auto regs = opened(db, "registration");
  ASSERT_EQ(regs.size(), 1u);
  EXPECT_EQ(regs[0].first, 2);
  EXPECT_EQ(regs[0].second["visitor"]["name"], "Canary Fatima");
}

TEST_F(Format3Test, AnUnusableNationalKeyFileIsAConfigurationErrorInWords) {
  store::Database db = store::open_store((dir / "data").string());
  cfg.settings.sync.national_key_where = {"centre.conf", 12};
  auto error_of = [&] {
    try {
      KioskStore ks(db, cfg.catalogue, cfg.settings);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  cfg.settings.sync.national_key_file = (dir / "missing.key").string();
  EXPECT_NE(error_of().find("centre.conf:12"), std::string::npos) << error_of();
  EXPECT_NE(error_of().find("missing.key"), std::string::npos) << error_of();
  write_key_file(dir / "open.key", national, 0644);
  cfg.settings.sync.national_key_file = (dir / "open.key").string();
  EXPECT_NE(error_of().find("chmod 600"), std::string::npos) << error_of();
  cfg.settings.sync.national_key_file = (dir / "national.key").string();
  cfg.settings.sync.registry_key_where = {"centre.conf", 11};
  cfg.settings.sync.registry_public_key = store::to_base64(store::Bytes(32, 0));  // a low-order point: unusable
  EXPECT_NE(error_of().find("centre.conf:11: [sync] registry_public_key: the registry key is not a usable public key"),
            std::string::npos) << error_of();
  cfg.settings.sync.registry_public_key = store::to_base64(registry.public_key);
  std::ofstream(dir / "short.key") << "c2hvcnQ=\n";
  ::chmod((dir / "short.key").c_str(), 0600);
  cfg.settings.sync.national_key_file = (dir / "short.key").string();
  EXPECT_NE(error_of().find("32 bytes in base64"), std::string::npos) << error_of();
}

// centre.conf: the two keys go together, and the message names the file and the line.
std::string config_error(const std::string& sync_lines) {
  const std::string text = "[centre]\nid = C1\nkiosk_id = k1\nname.ar = مركز\nname.zgh = ⴰⵎⵙⵉⵡⴰⴹ\nname.fr = Centre\n"
                           "[sync]\nseal_public_key = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n" + sync_lines;
  try {
    Settings s = Settings::from_document(ConfigDocument::parse(text, "/etc/shubbak/centre.conf"));
    return "ok:" + s.sync.national_key_file;
  } catch (const ConfigError& e) {
    return e.what();
  }
}

TEST(Format3Config, TheRegistryKeyWithoutTheNationalKeyFileIsRefusedWithFileAndLine) {
  std::string err = config_error("registry_public_key = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
  EXPECT_EQ(err.rfind("/etc/shubbak/centre.conf:9: registry_public_key: ", 0), 0u) << err;
  EXPECT_NE(err.find("national_key_file"), std::string::npos) << err;
  err = config_error("national_key_file = national.key\n");
  EXPECT_EQ(err.rfind("/etc/shubbak/centre.conf:9: national_key_file: ", 0), 0u) << err;
  err = config_error("registry_public_key = nope\nnational_key_file = national.key\n");
  EXPECT_EQ(err.rfind("/etc/shubbak/centre.conf:9: registry_public_key: not a registry key", 0), 0u) << err;
  EXPECT_EQ(config_error("registry_public_key = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
                         "national_key_file = national.key\n"),
            "ok:/etc/shubbak/national.key");
  EXPECT_EQ(config_error(""), "ok:");
}

TEST(Identity, AgeBandsAgainstTheRecordsYear) {
  EXPECT_EQ(store::age_band("2010", "2026-11-29T09:10:02Z"), "0-17");
  EXPECT_EQ(store::age_band("2008", "2026-01-01T00:00:00Z"), "18-24");
  EXPECT_EQ(store::age_band("2002", "2026-01-01T00:00:00Z"), "18-24");
  EXPECT_EQ(store::age_band("2001", "2026-01-01T00:00:00Z"), "25-34");
  EXPECT_EQ(store::age_band("1982", "2026-01-01T00:00:00Z"), "35-44");
  EXPECT_EQ(store::age_band("1972", "2026-01-01T00:00:00Z"), "45-54");
  EXPECT_EQ(store::age_band("1962", "2026-01-01T00:00:00Z"), "55-64");
  EXPECT_EQ(store::age_band("1961", "2026-01-01T00:00:00Z"), "65+");
  EXPECT_EQ(store::age_band("", "2026-01-01T00:00:00Z"), "unknown");
  EXPECT_EQ(store::age_band("2030", "2026-01-01T00:00:00Z"), "unknown");
  EXPECT_EQ(store::age_band("19x0", "2026-01-01T00:00:00Z"), "unknown");
}

TEST(Identity, PhonesAndCinsAreNormalisedBeforeHashing) {
  store::Bytes key(32, 7);
  EXPECT_EQ(store::normalise_phone("+212 6 11 22 33 44"), "0611223344");
  EXPECT_EQ(store::normalise_phone("00212611223344"), "0611223344");
  EXPECT_EQ(store::normalise_cin("ab 123456"), "AB123456");
  EXPECT_EQ(store::person_identifier("", "", "v-1"), "visitor:v-1");
  EXPECT_EQ(store::person_key(key, "", "+212611223344", "a"), store::person_key(key, "", "0611223344", "b"));
  EXPECT_NE(store::person_key(key, "", "", "a"), store::person_key(key, "", "", "b"));
  EXPECT_NE(store::person_key(key, "AB1", "", ""), store::person_key(store::Bytes(32, 8), "AB1", "", ""))
      << "keyed: another national key gives another hash";
}

}  // namespace
