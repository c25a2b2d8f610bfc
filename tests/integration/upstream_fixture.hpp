// A test with a data folder, a config folder and the national side on loopback (scripts/hub: PostgreSQL, receivers,
// nginx with TLS), and client-side test certificates made once per suite (openssl at test time).
#pragma once
#include <gtest/gtest.h>

#include "tests/integration/helpers.hpp"
#include "tests/national/hub_fixture.hpp"

namespace shubbak::testing {

class UpstreamTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    certs_dir_ = new TempDir();
    certs_ = new Certs(make_certs(certs_dir_->path));
  }
  static void TearDownTestSuite() {
    delete certs_;
    delete certs_dir_;
    certs_ = nullptr;
    certs_dir_ = nullptr;
  }
  const Certs& certs() const { return *certs_; }
  std::string data() const { return (t.path / "data").string(); }
  std::string cfg() const { return (t.path / "cfg").string(); }
  // The national side (scripts/hub up EXTRA...) and a token for kiosk-01; writes cfg/centre.conf pointing at it
  // through nginx if absent.
  Hub upstream(const std::vector<std::string>& extra = {}) {
    Hub hub = Hub::up(t.path / "hub", 1, extra);
    if (!fs::exists(t.path / "cfg/centre.conf")) make_hub_sync_config(t.path / "cfg", hub);
    return hub;
  }
  // Every record the national side holds, one JSON object a line (shubbak-upstream export).
  std::string exported(const Hub& hub) {
    Result r = run({bin("shubbak-upstream"), "export", "--db", hub.db});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  TempDir t;
  static inline TempDir* certs_dir_ = nullptr;
  static inline Certs* certs_ = nullptr;
};

}  // namespace shubbak::testing
