// GET /metrics is Prometheus's text exposition format, and its counts move with what the server answers.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>

#include "tests/national/http_client.hpp"
#include "tests/national/http_fixture.hpp"

namespace shubbak::testing {
namespace {

TEST(HttpMetrics, ExpositionParsesAndCountsMove) {
  Server s = start_plugin_server();
  HttpAnswer first = http_request(s.port, "GET", "/metrics");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.header("content-type").rfind("text/plain", 0), 0u) << first.head;
  const std::regex comment(R"(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+)");
  const std::regex sample_line(
      R"([a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*")*\})? )"
      R"((-?[0-9.eE+-]+|\+Inf|-Inf|NaN))");
  std::istringstream in(first.body);
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) {
    ++lines;
    EXPECT_TRUE(std::regex_match(line, comment) || std::regex_match(line, sample_line)) << "line: " << line;
  }
  EXPECT_GT(lines, 10);
  for (const char* name : {"shubbak_requests_total", "shubbak_records_total", "shubbak_batch_seconds",
                           "shubbak_db_connections", "shubbak_inflight_requests", "shubbak_buffered_body_bytes",
                           "shubbak_refused_connections_total", "shubbak_parked_requests"})
    EXPECT_NE(first.body.find(std::string("# TYPE ") + name + " "), std::string::npos) << name;

  const std::string ok = "shubbak_requests_total{route=\"/echo\",status=\"200\"}";
  const std::string other = "shubbak_requests_total{route=\"other\",status=\"404\"}";
  EXPECT_EQ(http_request(s.port, "POST", "/echo", "abc").status, 200);
  EXPECT_EQ(http_request(s.port, "POST", "/echo", "abc").status, 200);
  EXPECT_EQ(http_request(s.port, "GET", "/random-path-1").status, 404);
  std::string after = http_request(s.port, "GET", "/metrics").body;
  EXPECT_EQ(metric_sample(after, ok), 2);
  EXPECT_EQ(metric_sample(after, other), 1);  // any unknown path is one label, not one per path
  EXPECT_EQ(metric_sample(after, "shubbak_requests_total{route=\"/metrics\",status=\"200\"}"), 1);
}

}  // namespace
}  // namespace shubbak::testing
