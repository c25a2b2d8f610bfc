// A test with a data folder, a config folder and the reference upstream on loopback, with certificates made once
// per suite (openssl at test time).
#pragma once
#include <gtest/gtest.h>

#include "tests/integration/helpers.hpp"

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
  // The reference upstream, its keys and a token for kiosk-01; writes cfg/centre.conf pointing at it if absent.
  Server upstream(const fs::path& cert = {}, const fs::path& key = {}, const std::vector<std::string>& extra = {},
                  const fs::path& err_file = {}) {
    return start_reference_upstream(t.path / "up", certs(), t.path / "cfg", token_, cert, key, extra, err_file);
  }

  TempDir t;
  std::string token_;
  static inline TempDir* certs_dir_ = nullptr;
  static inline Certs* certs_ = nullptr;
};

}  // namespace shubbak::testing
