// The allow-list (ServerOptions::allow): a peer outside it is closed before anything is read and counted; IPv4
// clients of a dual-stack socket are matched as IPv4; a unix socket is always allowed. And what the handler is told
// of the peer and the query string.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "tests/national/http_client.hpp"
#include "tests/national/http_fixture.hpp"

namespace shubbak::testing {
namespace {

const std::string kRefused = "shubbak_refused_connections_total";

// True once a connection to `address` succeeds (the server listens), false if `seconds` pass first.
bool accepts_within(const std::string& address, int seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  for (;;) {
    try {
      RawConnection probe(address);
      return true;
    } catch (const std::runtime_error&) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
}

TEST(HttpAllow, APeerOutsideTheListIsClosedWithoutAnAnswer) {
  Server s = start_plugin_server({"--allow", "10.0.0.0/8, 127.0.0.1/32"});
  HttpAnswer inside = http_request(s.port, "GET", "/request?a=1&b=%20x");
  ASSERT_EQ(inside.status, 200) << inside.head;
  EXPECT_NE(inside.body.find("\"peer\":\"127.0.0.1\""), std::string::npos) << inside.body;
  EXPECT_NE(inside.body.find("\"query\":\"a=1&b=%20x\""), std::string::npos) << inside.body;  // undecoded
  EXPECT_NE(inside.body.find("\"path\":\"/request\""), std::string::npos) << inside.body;
  EXPECT_EQ(metric(s.port, kRefused), 0);

  RawConnection outsider(s.port, "127.0.0.2");
  EXPECT_TRUE(outsider.closed_within(5));  // closed before it even asked
  outsider.send_get("/request");
  EXPECT_EQ(outsider.read_answer(2).status, 0);
  EXPECT_EQ(metric(s.port, kRefused), 1);
}

TEST(HttpAllow, IPv4ClientsOfADualStackSocketAreMatchedAsIPv4) {
  Server s = start_plugin_server({"--listen", "[::]:0", "--allow", "127.0.0.1/32"});
  HttpAnswer inside = http_request(s.port, "GET", "/request");
  ASSERT_EQ(inside.status, 200) << inside.head;
  EXPECT_NE(inside.body.find("\"peer\":\"127.0.0.1\""), std::string::npos) << inside.body;  // not ::ffff:127.0.0.1
  RawConnection outsider(s.port, "127.0.0.2");
  EXPECT_TRUE(outsider.closed_within(5));
  EXPECT_EQ(metric(s.port, kRefused), 1);
}

TEST(HttpAllow, AUnixSocketIsAlwaysAllowed) {
  TempDir dir;
  const std::string address = "unix:" + (dir.path / "http.sock").string();
  Process server = spawn({bin("http-plugin-server"), "--listen", address, "--allow", "10.0.0.0/8"});
  EXPECT_TRUE(accepts_within(address, 10));
  HttpAnswer a = http_request(address, "GET", "/request?x");
  ASSERT_EQ(a.status, 200) << a.head;
  EXPECT_NE(a.body.find("\"peer\":\"unix\""), std::string::npos) << a.body;
  EXPECT_NE(a.body.find("\"query\":\"x\""), std::string::npos) << a.body;
}

TEST(HttpAllow, WithoutAListEveryPeerIsServed) {
  Server s = start_plugin_server();
  RawConnection other(s.port, "127.0.0.2");
  other.send_get("/request");
  HttpAnswer a = other.read_answer(5);
  ASSERT_EQ(a.status, 200) << a.head;
  EXPECT_NE(a.body.find("\"peer\":\"127.0.0.2\""), std::string::npos) << a.body;
  EXPECT_NE(a.body.find("\"query\":\"\""), std::string::npos) << a.body;
}

}  // namespace
}  // namespace shubbak::testing
