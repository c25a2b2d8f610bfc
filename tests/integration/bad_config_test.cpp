// Bad configuration ends in a clear message naming file, line and key, and a non-zero exit: never a crash.
#include <gtest/gtest.h>

#include <regex>

#include "common/exit_codes.hpp"
#include "tests/integration/helpers.hpp"

using namespace shubbak::testing;

class BadConfig : public ::testing::Test {
 protected:
  void SetUp() override { make_config(cfg()); }
  fs::path cfg() const { return t.path / "cfg"; }
  Result start() {
    return run({bin("shubbak-kiosk"), "--headless", "--data", (t.path / "data").string(), "--config", cfg().string(),
                "--script", "/dev/null", "--shots", (t.path / "shots").string()});
  }
  void edit(const std::string& file, const std::string& from, const std::string& to) {
    std::string s = read_file(cfg() / file);
    ASSERT_NE(s.find(from), std::string::npos);
    s.replace(s.find(from), from.size(), to);
    write_file(cfg() / file, s);
  }
  TempDir t;
};

TEST_F(BadConfig, GoodConfigStarts) { EXPECT_EQ(start().exit_code, 0); }

TEST_F(BadConfig, MissingFile) {
  fs::remove(cfg() / "catalog.conf");
  Result r = start();
  EXPECT_EQ(r.exit_code, shubbak::exit_code::kConfig);
  EXPECT_NE(r.err.find("catalog.conf: cannot open the file"), std::string::npos) << r.err;
}

TEST_F(BadConfig, SyntaxError) {
  edit("centre.conf", "idle_seconds = 60", "idle_seconds 60");
  Result r = start();
  EXPECT_EQ(r.exit_code, shubbak::exit_code::kConfig);
  EXPECT_TRUE(std::regex_search(r.err, std::regex("centre.conf:[0-9]+: expected 'key = value'"))) << r.err;
}

TEST_F(BadConfig, UnknownServiceField) {
  edit("catalog.conf", "icon = lightbulb", "icon = lightbulb\ncolour = red");
  Result r = start();
  EXPECT_EQ(r.exit_code, shubbak::exit_code::kConfig);
  EXPECT_TRUE(std::regex_search(r.err, std::regex("catalog.conf:[0-9]+: \\[service incubator\\] colour: unknown key")))
      << r.err;
}

TEST_F(BadConfig, DuplicateTicketPrefix) {
  edit("catalog.conf", "prefix = B", "prefix = A");
  Result r = start();
  EXPECT_EQ(r.exit_code, shubbak::exit_code::kConfig);
  EXPECT_TRUE(std::regex_search(r.err, std::regex("catalog.conf:[0-9]+: \\[service incubator\\] prefix: 'A' is already used")))
      << r.err;
}

TEST_F(BadConfig, BadSealingKey) {
  std::string s = read_file(cfg() / "centre.conf");
  s = std::regex_replace(s, std::regex("seal_public_key = .*"), "seal_public_key = short");
  write_file(cfg() / "centre.conf", s);
  Result r = start();
  EXPECT_EQ(r.exit_code, shubbak::exit_code::kConfig);
  EXPECT_NE(r.err.find("sealing key"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("terminate"), std::string::npos) << "must not crash";
}

TEST_F(BadConfig, MissingFontIsAClearStartupError) {
  setenv("SHUBBAK_FONT_DIR", (t.path / "no-fonts").c_str(), 1);
  Result r = start();
  unsetenv("SHUBBAK_FONT_DIR");
  EXPECT_EQ(r.exit_code, shubbak::exit_code::kConfig);
  EXPECT_NE(r.err.find("font file missing"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("fonts-noto-core"), std::string::npos) << r.err;
}
