// shubbak-upstream keygen: never over existing keys (files unchanged, exit 1, words), private files and folders
// whatever the umask.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "tests/national/pg_cluster.hpp"

namespace shubbak::testing {
namespace {

namespace fs = std::filesystem;

struct Dir {
  Dir() {
    char tmpl[] = "/tmp/shubbak-keygen-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~Dir() { fs::remove_all(path); }
  fs::path path;
};

std::map<std::string, std::string> contents(const fs::path& dir) {
  std::map<std::string, std::string> m;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) {
      std::ifstream f(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << f.rdbuf();
      m[e.path().string()] = ss.str();
    }
  return m;
}

mode_t mode_of(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}

TEST(PgKeygen, WritesEveryKeyPrivateWhateverTheUmask) {
  Dir d;
  fs::path keys = d.path / "etc" / "keys", offline = d.path / "usb" / "offline";
  Ran r = run_program({upstream_bin(), "keygen", "--out", keys, "--registry-out", offline}, "umask 000");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* f : {"seal.pub", "seal.key", "sign.pub", "sign.key", "registry.pub", "national.key"}) {
    ASSERT_TRUE(fs::exists(keys / f)) << f;
    EXPECT_EQ(mode_of(keys / f), 0600u) << f;
  }
  for (const char* f : {"registry.key", "registry.pub"}) EXPECT_EQ(mode_of(offline / f), 0600u) << f;
  EXPECT_FALSE(fs::exists(keys / "registry.key"));  // the registry's secret never sits with the receivers' keys
  for (const fs::path& dir : {keys, keys.parent_path(), offline, offline.parent_path()})
    EXPECT_EQ(mode_of(dir), 0700u) << dir;
  auto c = contents(d.path);
  EXPECT_EQ(c[(keys / "registry.pub").string()], c[(offline / "registry.pub").string()]);
  EXPECT_NE(r.out.find("registry_public_key=" + c[(keys / "registry.pub").string()]), std::string::npos) << r.out;
}

TEST(PgKeygen, ASecondRunChangesNothingAndSaysWhy) {
  Dir d;
  fs::path keys = d.path / "keys", offline = d.path / "offline";
  ASSERT_EQ(run_program({upstream_bin(), "keygen", "--out", keys, "--registry-out", offline}).exit_code, 0);
  auto before = contents(d.path);
  Ran again = run_program({upstream_bin(), "keygen", "--out", keys, "--registry-out", offline});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
  EXPECT_EQ(contents(d.path), before);
}

TEST(PgKeygen, OneExistingFileAnywhereIsEnoughToRefuse) {
  Dir d;
  fs::path keys = d.path / "keys", offline = d.path / "offline";
  fs::create_directories(offline);
  std::ofstream(offline / "registry.key") << "an older registry key\n";
  Ran r = run_program({upstream_bin(), "keygen", "--out", keys, "--registry-out", offline});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("registry.key already exists"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(keys / "seal.key"));
  EXPECT_EQ(contents(d.path).size(), 1u);
}

}  // namespace
}  // namespace shubbak::testing
