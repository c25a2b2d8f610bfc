// shubbak-upstream migrate, token and export against a real PostgreSQL: facts without identities, identities only
// with the registry key and always audited first, a wrong key an error with words.
#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "upstream/pg/migrations.hpp"
#include "tests/national/pg_cluster.hpp"
#include "tests/national/pg_records.hpp"
#include "upstream/pg/receiver_store.hpp"

namespace shubbak::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace upstream;

std::vector<json> lines_of(const std::string& out) {
  std::vector<json> v;
  std::istringstream in(out);
  for (std::string l; std::getline(in, l);) v.push_back(json::parse(l));
  return v;
}

store::Bytes key_file(const fs::path& p) {
  std::ifstream f(p);
  std::string line;
  std::getline(f, line);
  return *store::from_base64(line);
}

class PgCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    keys = pg.dir / "keys", offline = pg.dir / "offline";
    Ran k = run_program({upstream_bin(), "keygen", "--out", keys, "--registry-out", offline});
    ASSERT_EQ(k.exit_code, 0) << k.err;
    Ran m = run_program({upstream_bin(), "migrate", "--db", pg.conninfo()});
    ASSERT_EQ(m.exit_code, 0) << m.err;
  }
  void store_records(int n) {
    pg::ReceiverStore st(pg.conninfo());
    st.receive_batch(kKiosk, "k1", [&] { return prepared(0, n, key_file(keys / "registry.pub")); });
  }
  PgCluster pg;
  fs::path keys, offline;
};

TEST_F(PgCommands, MigrateTwicePrintsTheSchemaVersion) {
  Ran again = run_program({upstream_bin(), "migrate", "--db", pg.conninfo()});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  const std::string latest = std::to_string(upstream::pg::latest_schema_version());
  EXPECT_EQ(again.out, "schema version " + latest + " (already up to date)\n");
  EXPECT_EQ(pg.psql("SELECT max(version) FROM schema_migrations"), latest);
}

TEST_F(PgCommands, MigrateWithTheDatabaseAwaySaysSoAndExitsStore) {
  pg.stop_immediately();
  Ran r = run_program({upstream_bin(), "migrate", "--db", pg.conninfo()});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find("the database is not reachable"), std::string::npos) << r.err;
  pg.start();
}

TEST_F(PgCommands, ExportAndTokenOnADatabaseNeverMigratedSayWhatToRun) {
  pg.psql("CREATE DATABASE empty");
  std::string empty = pg.conninfo();
  empty.replace(empty.find("dbname=postgres"), 15, "dbname=empty");
  for (const auto& argv : {std::vector<std::string>{upstream_bin(), "export", "--db", empty},
                           std::vector<std::string>{upstream_bin(), "token", "add", "k", "--centre", "c", "--db",
                                                    empty}}) {
    Ran r = run_program(argv);
    EXPECT_NE(r.exit_code, 0) << argv[1];
    EXPECT_NE(r.err.find("run shubbak-upstream migrate first"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
  }
}

TEST_F(PgCommands, TokenAddPrintsItOnceAndStoresOnlyItsHash) {
  Ran r = run_program({upstream_bin(), "token", "add", "kiosk-09", "--centre", "centre-oujda-01", "--db",
                       pg.conninfo()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string token = r.out.substr(0, r.out.find('\n'));
  EXPECT_EQ(token.size(), 43u);
  pg::ReceiverStore st(pg.conninfo());
  auto owner = st.token_owner(token);
  ASSERT_TRUE(owner);
  EXPECT_EQ(owner->centre_id, "centre-oujda-01");
  std::string dump = run_program({"/usr/bin/pg_dump", "-d", pg.conninfo()}).out;
  EXPECT_NE(dump.find("kiosk-09"), std::string::npos);
  EXPECT_EQ(dump.find(token), std::string::npos);
}

TEST_F(PgCommands, NoNamePhoneOrCinAnywhereInTheDatabase) {
  store_records(20);
  Ran dump = run_program({"/usr/bin/pg_dump", "--inserts", "-d", pg.conninfo()});
  ASSERT_EQ(dump.exit_code, 0) << dump.err;
  EXPECT_NE(dump.out.find("Sidi Moumen"), std::string::npos);  // the facts are there
  for (const char* canary : {kCanaryName, kCanaryPhone, kCanaryCin, "Canary"})
    EXPECT_EQ(dump.out.find(canary), std::string::npos) << canary;
}

TEST_F(PgCommands, ExportWithoutIdentitiesHasFactsAndNoIdentity) {
  store_records(6);
  Ran r = run_program({upstream_bin(), "export", "--db", pg.conninfo()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 6u);
  for (const json& l : lines) {
    EXPECT_FALSE(l.contains("identity"));
    EXPECT_EQ(l["kiosk_id"], "kiosk-01");
    EXPECT_EQ(l["centre_id"], "centre-casa-01");
    EXPECT_EQ(l["format"], 3);
    EXPECT_TRUE(l["received_at"].get<std::string>().ends_with("Z"));
  }
  json reg = lines[0]["kind"] == "registration" ? lines[0] : lines[1];
  EXPECT_EQ(reg["facts"]["age_band"], "25-34");
  EXPECT_EQ(reg["facts"]["day"], "2026-11-30");
  EXPECT_EQ(r.out.find(kCanaryName), std::string::npos);
  EXPECT_EQ(pg.psql("SELECT count(*) FROM identity_exports"), "0");
}

TEST_F(PgCommands, ExportWithTheRegistryKeyFindsHerAndIsAudited) {
  store_records(6);
  Ran r = run_program({upstream_bin(), "export", "--db", pg.conninfo(), "--identities", "--registry-key",
                       offline / "registry.key", "--reason", "court order 2026-117"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  int found = 0;
  for (const json& l : lines_of(r.out))
    if (l.contains("identity")) {
      EXPECT_EQ(l["identity"]["name"], kCanaryName);
      EXPECT_EQ(l["identity"]["phone"], kCanaryPhone);
      EXPECT_EQ(l["identity"]["cin"], kCanaryCin);
      ++found;
    }
  EXPECT_EQ(found, 3);
  EXPECT_EQ(pg.psql("SELECT os_user, records, reason, opened, failed FROM identity_exports"),
            "root|6|court order 2026-117|3|0");
}

TEST_F(PgCommands, ExportWithAWrongRegistryKeyFailsWithWordsAndIsStillAudited) {
  store_records(4);
  fs::path other = pg.dir / "other";
  ASSERT_EQ(run_program({upstream_bin(), "keygen", "--out", other / "k", "--registry-out", other / "o"}).exit_code, 0);
  Ran r = run_program({upstream_bin(), "export", "--db", pg.conninfo(), "--identities", "--registry-key",
                       other / "o" / "registry.key"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("2 of 2 identities could not be opened"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find(kCanaryName), std::string::npos);
  EXPECT_EQ(pg.psql("SELECT records, reason, opened, failed FROM identity_exports"), "4|(no reason given)|0|2");
}

TEST_F(PgCommands, TheAuditRowIsCommittedBeforeTheFirstLineIsPrinted) {
  store_records(2000);  // far more output than a pipe holds: the export waits for us to read
  std::string cmd = upstream_bin() + " export --db '" + pg.conninfo() + "' --identities --registry-key " +
                    (offline / "registry.key").string();
  FILE* out = ::popen(cmd.c_str(), "r");
  ASSERT_TRUE(out);
  char first[8192];
  ASSERT_TRUE(std::fgets(first, sizeof first, out));
  // The export is under way (blocked on the pipe): its audit row is already there, its outcome not yet.
  EXPECT_EQ(pg.psql("SELECT records, opened IS NULL FROM identity_exports"), "2000|t");
  size_t lines = 1;
  while (std::fgets(first, sizeof first, out)) ++lines;
  EXPECT_EQ(::pclose(out), 0);
  EXPECT_EQ(lines, 2000u);
  EXPECT_EQ(pg.psql("SELECT opened, failed FROM identity_exports"), "1000|0");
}

}  // namespace
}  // namespace shubbak::testing
