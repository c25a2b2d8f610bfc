// The plug-in HTTP server (tests/national/http_plugin_server.cpp) started for one test, on a free loopback port,
// and what the tests read of its /metrics.
#pragma once
#include <chrono>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/helpers.hpp"
#include "tests/national/http_client.hpp"

namespace shubbak::testing {

inline Server start_plugin_server(const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv = {bin("http-plugin-server")};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return start_server(argv);
}

// The value of the sample `name_and_labels` (exactly as exposed) in a /metrics text, or -1 if absent.
inline double metric_sample(const std::string& text, const std::string& name_and_labels) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(name_and_labels + " ", 0) == 0) return std::stod(line.substr(name_and_labels.size() + 1));
  return -1;
}

inline double metric(int port, const std::string& name_and_labels) {
  return metric_sample(http_request(port, "GET", "/metrics").body, name_and_labels);
}

// Waits (asking /metrics every few milliseconds) until the sample equals `value`; false if `seconds` pass first.
inline bool metric_reaches(int port, const std::string& name_and_labels, double value, int seconds = 10) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (metric(port, name_and_labels) != value) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace shubbak::testing
