// Slow clients cost a socket, never a worker; requests are answered in parallel (no global lock); SIGTERM lets
// the requests in progress finish.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "tests/national/http_client.hpp"
#include "tests/national/http_fixture.hpp"
#include "upstream/limits.hpp"

namespace shubbak::testing {
namespace {

using Clock = std::chrono::steady_clock;
namespace limits = upstream::limits;

TEST(HttpConcurrency, TricklingClientsDoNotDelayOthersAndAreClosedAtTheDeadline) {
  Server s = start_plugin_server();
  const int kTricklers = 50;
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < kTricklers; ++i) slow.push_back(std::make_unique<RawConnection>(s.port));
  const std::string request = "POST /echo HTTP/1.1\r\nHost: a\r\nX-Padding: " + std::string(200, 'p') + "\r\n";
  std::atomic<bool> stop{false};
  std::vector<Clock::time_point> closed_at(kTricklers);
  auto start = Clock::now();
  // One byte a second on each connection (the pace is the attack itself), until the server hangs up.
  std::thread trickle([&] {
    std::vector<bool> open(kTricklers, true);
    for (size_t at = 0; !stop && at < request.size(); ++at) {
      for (int i = 0; i < kTricklers; ++i)
        if (open[i] && !slow[i]->send_all(request.substr(at, 1))) open[i] = false, closed_at[i] = Clock::now();
      for (int i = 0; i < kTricklers; ++i)
        if (open[i] && slow[i]->closed_within(0)) open[i] = false, closed_at[i] = Clock::now();
      if (std::none_of(open.begin(), open.end(), [](bool o) { return o; })) return;
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  });
  for (int i = 0; i < 20; ++i) {
    auto t0 = Clock::now();
    HttpAnswer a = http_request(s.port, "POST", "/echo", "{\"records\":[]}", "", 5);
    double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    EXPECT_EQ(a.status, 200);
    EXPECT_LT(seconds, 1.0) << "request " << i << " waited behind the trickling clients";
  }
  // Every trickling connection is closed by the server after the idle deadline (plus the watch's 1 s tick).
  auto deadline = start + std::chrono::seconds(limits::kIdleTimeoutSeconds + 5);
  for (int i = 0; i < kTricklers; ++i) {
    auto left = std::chrono::duration_cast<std::chrono::seconds>(deadline - Clock::now()).count();
    EXPECT_TRUE(slow[i]->closed_within(static_cast<int>(std::max<long long>(left, 0)))) << "trickler " << i;
  }
  stop = true;
  trickle.join();
  for (int i = 0; i < kTricklers; ++i) {
    double after = std::chrono::duration<double>(closed_at[i] - start).count();
    if (closed_at[i] != Clock::time_point{}) {
      EXPECT_GE(after, limits::kIdleTimeoutSeconds - 1) << "closed before its deadline";
    }
  }
}

struct Stamped {
  int status = 0;
  long long start = 0, end = 0;
};

std::vector<Stamped> post_at_once(int port, int n) {
  std::vector<Stamped> out(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&, i] {
      HttpAnswer a = http_request(port, "POST", "/echo", "x", "", 10);
      out[i].status = a.status;
      if (a.status != 200) return;
      auto j = nlohmann::json::parse(a.body);
      out[i].start = j["start"], out[i].end = j["end"];
    });
  for (auto& t : threads) t.join();
  return out;
}

TEST(HttpConcurrency, SlowHandlersRunInParallel) {
  Server s = start_plugin_server({"--workers", "8", "--sleep-ms", "200"});
  std::vector<Stamped> r = post_at_once(s.port, 8);
  for (const auto& x : r) ASSERT_EQ(x.status, 200);
  long long last_start = 0, first_end = r[0].end;
  for (const auto& x : r) last_start = std::max(last_start, x.start), first_end = std::min(first_end, x.end);
  // All eight were being handled at the same moment: the last one started before the first one ended.
  EXPECT_LT(last_start, first_end) << "the handlers ran one after another (a global lock?)";
}

// More requests than the workers and their short queue: the excess is answered 503 with Retry-After at once, not
// after waiting behind all the others (what keeps an answered batch quick when 300 kiosks send together).
TEST(HttpConcurrency, BeyondTheWorkersAndTheirQueueRequestsAreToldToComeBackAtOnce) {
  const int queued = 2;
  Server s = start_plugin_server({"--workers", "1", "--sleep-ms", "1000", "--max-queued", std::to_string(queued)});
  const int n = 1 + queued + 3;  // one answered, two waiting, three too many
  std::vector<int> status(n);
  std::vector<double> seconds(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&, i] {
      auto t0 = Clock::now();
      status[i] = http_request(s.port, "POST", "/echo", "x", "", 20).status;
      seconds[i] = std::chrono::duration<double>(Clock::now() - t0).count();
    });
  for (auto& t : threads) t.join();
  int ok = 0, busy = 0;
  for (int i = 0; i < n; ++i) {
    if (status[i] == 200) ++ok;
    if (status[i] == 503) {
      ++busy;
      EXPECT_LT(seconds[i], 1.0) << "a refused request waited for a worker first";
    }
  }
  EXPECT_EQ(ok, 1 + queued) << "the worker's queue was not used";
  EXPECT_EQ(busy, 3);
}

TEST(HttpConcurrency, SigtermFinishesRequestsInProgressThenExitsZero) {
  Server s = start_plugin_server({"--sleep-ms", "1000"});
  Stamped answer;
  std::thread client([&] { answer = post_at_once(s.port, 1)[0]; });
  // The request is in progress once its body (1 byte) is counted: unlike "2 in flight", which a /metrics request
  // whose end the server has not yet seen could also make.
  ASSERT_TRUE(metric_reaches(s.port, "shubbak_buffered_body_bytes", 1)) << "the request never showed in flight";
  kill(s.pid, SIGTERM);
  client.join();
  EXPECT_EQ(answer.status, 200) << "a request in progress was dropped at SIGTERM";
  int status = 0;
  ASSERT_EQ(waitpid(s.pid, &status, 0), s.pid);
  s.pid = -1;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

}  // namespace
}  // namespace shubbak::testing
