// scripts/hub: the national side comes up, answers through nginx with TLS, and goes down.
#include <gtest/gtest.h>
#include <signal.h>

#include "tests/integration/helpers.hpp"
#include "tests/national/hub_fixture.hpp"

namespace shubbak::testing {
namespace {

TEST(Hub, ComesUpWithTlsInFrontOfItsReceiversAndGoesDown) {
  TempDir t;
  pid_t receiver = 0;
  {
    Hub hub = Hub::up(t.path / "hub", 2);
    ASSERT_EQ(hub.receivers.size(), 2u);
    EXPECT_EQ(hub.url.rfind("https://127.0.0.1:", 0), 0u) << hub.url;
    EXPECT_EQ(hub.seal_public_key.size(), 44u);
    EXPECT_FALSE(hub.registry_public_key.empty());
    EXPECT_EQ(hub.count("SELECT count(*) FROM records"), 0);
    // Through nginx with the hub's CA: a request without a token is refused by a receiver (401), so TLS, nginx and
    // a receiver all answered.
    Result r = run({"/usr/bin/curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", hub.ca_file, "-X",
                    "POST", "--data", "{}", hub.url + "/v1/records"});
    EXPECT_EQ(r.out, "401") << r.err;
    // Without the CA, TLS is not verified: curl refuses (the kiosk would too).
    Result no_ca = run({"/usr/bin/curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", hub.url + "/v1/records"});
    EXPECT_NE(no_ca.exit_code, 0);
    receiver = hub.receiver_pid(1);
    EXPECT_EQ(kill(receiver, 0), 0);
    EXPECT_FALSE(hub.token("kiosk-07").empty());
  }
  // Down: the receivers are gone.
  EXPECT_NE(kill(receiver, 0), 0);
}

}  // namespace
}  // namespace shubbak::testing
