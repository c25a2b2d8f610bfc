// Parked requests (Reply::park, Server::wake): long polling that holds no worker. The plug-in server's
// /park?until=N parks until its counter (bumped by /bump, which wakes the parked) reaches N.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/national/http_client.hpp"
#include "tests/national/http_fixture.hpp"

namespace shubbak::testing {
namespace {

using Clock = std::chrono::steady_clock;
const std::string kParked = "shubbak_parked_requests", kInflight = "shubbak_inflight_requests";

long long ms_since(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
}

// `n` connections, each with a parked GET /park?until=`until`, once the server counts them all parked.
std::vector<std::unique_ptr<RawConnection>> park(int port, int n, int until = 1) {
  std::vector<std::unique_ptr<RawConnection>> parked;
  for (int i = 0; i < n; ++i) {
    parked.push_back(std::make_unique<RawConnection>(port));
    parked.back()->send_get("/park?until=" + std::to_string(until));
  }
  EXPECT_TRUE(metric_reaches(port, kParked, n)) << "parked: " << metric(port, kParked);
  return parked;
}

TEST(HttpPark, AWakeAnswersAParkedRequestAtOnce) {
  Server s = start_plugin_server({"--park", "--workers", "2"});
  auto parked = park(s.port, 1, 2);
  EXPECT_EQ(http_request(s.port, "GET", "/bump").status, 200);  // counter 1: woken, parked again (until=2)
  EXPECT_TRUE(metric_reaches(s.port, kParked, 1));
  const auto t0 = Clock::now();
  EXPECT_EQ(http_request(s.port, "GET", "/bump").status, 200);
  HttpAnswer a = parked[0]->read_answer(5);
  const long long ms = ms_since(t0);
  ASSERT_EQ(a.status, 200) << a.head;
  EXPECT_EQ(a.body, "{\"counter\":2,\"timeout\":false}");
  EXPECT_LT(ms, 100) << "the wake reached the parked request after " << ms << " ms";
  EXPECT_EQ(metric(s.port, kParked), 0);
  parked[0]->send_get("/park?until=2");  // the same connection, kept alive: answered at once now
  EXPECT_EQ(parked[0]->read_answer(5).body, "{\"counter\":2,\"timeout\":false}");
}

TEST(HttpPark, TimesOutAfterParkSecondsWithParkedTimeout) {
  Server s = start_plugin_server({"--park", "--park-seconds", "1"});
  const auto t0 = Clock::now();
  auto parked = park(s.port, 1, 99);
  HttpAnswer a = parked[0]->read_answer(5);
  const long long ms = ms_since(t0);
  ASSERT_EQ(a.status, 200) << a.head;
  EXPECT_EQ(a.body, "{\"counter\":0,\"timeout\":true}");
  EXPECT_GE(ms, 1000);
  EXPECT_LT(ms, 2000);
}

TEST(HttpPark, NeitherTheIdleTimeoutNorTheBodyDeadlineCutsAParkedRequest) {
  Server s = start_plugin_server({"--park", "--park-seconds", "3", "--idle-seconds", "1", "--body-seconds", "1"});
  RawConnection idle(s.port);  // the same timeouts do cut a connection that sends nothing
  const auto t0 = Clock::now();
  auto parked = park(s.port, 1, 99);
  EXPECT_TRUE(idle.closed_within(5));
  HttpAnswer a = parked[0]->read_answer(10);
  EXPECT_EQ(a.body, "{\"counter\":0,\"timeout\":true}") << a.head;
  EXPECT_GE(ms_since(t0), 3000);
}

TEST(HttpPark, FiftyParkedHoldNoWorker) {
  Server s = start_plugin_server({"--park", "--workers", "2", "--max-queued", "64"});
  auto parked = park(s.port, 50);
  const auto t0 = Clock::now();
  HttpAnswer echo = http_request(s.port, "GET", "/echo", "", "", 5);
  EXPECT_EQ(echo.status, 200);
  EXPECT_LT(ms_since(t0), 500) << "a request beside 50 parked ones waited";
  EXPECT_EQ(http_request(s.port, "GET", "/bump").status, 200);
  for (auto& c : parked) EXPECT_EQ(c->read_answer(5).body, "{\"counter\":1,\"timeout\":false}");
}

TEST(HttpPark, BeyondMaxParkedBusyAndAClosedClientFreesItsPlace) {
  Server s = start_plugin_server({"--park", "--max-parked", "2"});
  auto parked = park(s.port, 2);
  HttpAnswer third = http_request(s.port, "GET", "/park?until=1", "", "", 5);
  EXPECT_EQ(third.status, 503);
  EXPECT_FALSE(third.header("retry-after").empty()) << third.head;

  parked[0].reset();  // the client goes away while its request is parked
  EXPECT_TRUE(metric_reaches(s.port, kParked, 1));
  EXPECT_TRUE(metric_reaches(s.port, kInflight, 2));  // the other parked one, and this /metrics request
  RawConnection again(s.port);
  again.send_get("/park?until=1");
  EXPECT_TRUE(metric_reaches(s.port, kParked, 2));  // its place was free
  EXPECT_EQ(http_request(s.port, "GET", "/bump").status, 200);
  EXPECT_EQ(parked[1]->read_answer(5).body, "{\"counter\":1,\"timeout\":false}");
  EXPECT_EQ(again.read_answer(5).body, "{\"counter\":1,\"timeout\":false}");
}

TEST(HttpPark, StopAnswersParkedRequestsPromptly) {
  Server s = start_plugin_server({"--park", "--park-seconds", "60"});
  auto parked = park(s.port, 5, 99);
  const auto t0 = Clock::now();
  ASSERT_EQ(kill(s.pid, SIGTERM), 0);
  for (auto& c : parked) EXPECT_EQ(c->read_answer(5).body, "{\"counter\":0,\"timeout\":true}");
  int status = -1;
  while (waitpid(s.pid, &status, WNOHANG) == 0 && ms_since(t0) < 5000)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_TRUE(WIFEXITED(status)) << "still running " << ms_since(t0) << " ms after SIGTERM";
  s.pid = -1;
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_LT(ms_since(t0), 2000);
}

}  // namespace
}  // namespace shubbak::testing
