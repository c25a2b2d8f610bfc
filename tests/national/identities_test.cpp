// Identities never in clear on the national side: a canary registered at kiosks writing record format 3 and at
// one still on format 2 is in no table and no dump of PostgreSQL, nor in its files; the registry key opens her
// (audited); and she is counted once however many times she registers.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/national/fleet.hpp"

namespace shubbak::testing {
namespace {

const char* kCanaryParts[] = {"Canaryname", "Zzqx", "0699887766", "ZZ987654"};

std::string registration(const std::string& name, const std::string& phone, const std::string& cin) {
  return "tap lang.fr\ntap service.jisr\ntap action.register\ntype " + name + "\ntap form.next\ntype " + phone +
         "\ntap form.next\ntype " + cin + "\ntap form.next\ntype 1991\ntap form.next\ntype Anfa\ntap form.next\n"
         "tap contact.sms\ntap form.next\ntap consent.yes\ntap consent.yes\ntap consent.yes\nexpect screen ticket\n";
}

void register_at(const fs::path& dir, const fs::path& data, const fs::path& cfg, const std::string& script) {
  static int n = 0;
  fs::path file = dir / ("script-" + std::to_string(++n));
  write_file(file, script);
  Result r = run({bin("shubbak-kiosk"), "--headless", "--data", data.string(), "--config", cfg.string(), "--script",
                  file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

// Every file under `dir` holding one of the canary's parts.
std::vector<std::string> files_with_canary(const fs::path& dir) {
  std::vector<std::string> hits;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string bytes = read_file(e.path());
    for (const char* part : kCanaryParts)
      if (bytes.find(part) != std::string::npos) hits.push_back(e.path().string() + ": " + part);
  }
  return hits;
}

TEST(Identities, TheCanaryIsSealedAtRestOpenedOnlyWithTheRegistryKeyAndCountedOnce) {
  TempDir t;
  Hub hub = Hub::up(t.path / "hub", 1);
  // kiosk-01 and kiosk-02 write format 3; kiosk-03 is not yet configured for it (format 2).
  struct K { std::string id; bool format3; } kiosks[] = {{"kiosk-01", true}, {"kiosk-02", true}, {"kiosk-03", false}};
  for (const auto& k : kiosks) {
    fs::path cfg = t.path / k.id / "cfg", data = t.path / k.id / "data";
    make_hub_sync_config(cfg, hub, k.id, k.format3);
    // The canary registers at every kiosk (three centres' desks, one woman); another woman at the first.
    register_at(t.path, data, cfg, registration("Canaryname Zzqx", "0699887766", "ZZ987654"));
    if (k.id == "kiosk-01") register_at(t.path, data, cfg, registration("Autre Femme", "0611223344", "QQ112233"));
    Result s = run({bin("shubbak-sync"), "--data", data.string(), "--config", cfg.string(), "--once"});
    ASSERT_EQ(s.exit_code, 0) << s.err;
  }
  ASSERT_EQ(hub.count("SELECT count(*) FROM registrations"), 4);
  const char* visits = "kind IN ('registration', 'ticket_event')";
  EXPECT_EQ(hub.count(std::string("SELECT count(*) FROM records WHERE format = 3 AND ") + visits), 6)
      << "kiosk-01 and -02 wrote format 3";
  EXPECT_EQ(hub.count(std::string("SELECT count(*) FROM records WHERE format = 2 AND ") + visits), 2);
  // Her answers for SMS and sharing (asked at the kiosk after `keep`) arrive as consent facts, without identity.
  EXPECT_EQ(hub.count("SELECT count(*) FROM consent_changes"), 8) << "4 registrations x (sms, share)";

  // Unique women: two, across centres and formats (the receiver's hash of a format-2 record is the kiosk's).
  EXPECT_EQ(hub.count("SELECT count(DISTINCT person_key) FROM registrations"), 2);
  EXPECT_EQ(hub.count("SELECT count(*) FROM registrations WHERE person_key IS NULL OR age_band IS NULL"), 0);

  // Not in any table: the whole database dumped, and not in PostgreSQL's own files (tables, WAL, logs).
  Result dump = run({"/usr/lib/postgresql/15/bin/pg_dump", "--data-only", "-d", hub.db});
  ASSERT_EQ(dump.exit_code, 0) << dump.err;
  ASSERT_NE(dump.out.find("registrations"), std::string::npos) << "the dump holds the tables";
  for (const char* part : kCanaryParts) EXPECT_EQ(dump.out.find(part), std::string::npos) << part << " in pg_dump";
  auto hits = files_with_canary(hub.dir / "pg");
  EXPECT_TRUE(hits.empty()) << hits.front();

  // The registry key opens her, and the opening is audited before anything is printed.
  Result ex = run({bin("shubbak-upstream"), "export", "--db", hub.db, "--identities", "--registry-key",
                   hub.registry_key_file, "--reason", "court order 2026/117"});
  ASSERT_EQ(ex.exit_code, 0) << ex.err;
  EXPECT_NE(ex.out.find("Canaryname Zzqx"), std::string::npos);
  EXPECT_NE(ex.out.find("ZZ987654"), std::string::npos);
  EXPECT_NE(ex.out.find("0699887766"), std::string::npos);
  EXPECT_EQ(hub.count("SELECT count(*) FROM identity_exports WHERE reason = 'court order 2026/117'"), 1);

  // Another registry key opens nothing: the export says so and fails.
  TempDir other;
  ASSERT_EQ(run({bin("shubbak-upstream"), "keygen", "--out", (other.path / "k").string(), "--registry-out",
                 (other.path / "r").string()}).exit_code, 0);
  Result wrong = run({bin("shubbak-upstream"), "export", "--db", hub.db, "--identities", "--registry-key",
                      (other.path / "r/registry.key").string(), "--reason", "test"});
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_EQ(wrong.out.find("Canaryname"), std::string::npos);
  EXPECT_FALSE(wrong.err.empty());
}

}  // namespace
}  // namespace shubbak::testing
