// The plug-in HTTP server (tests/national/http_plugin_server.cpp) started for one test, on a free loopback port.
#pragma once
#include <string>
#include <vector>

#include "tests/integration/helpers.hpp"

namespace shubbak::testing {

inline Server start_plugin_server(const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv = {bin("http-plugin-server")};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return start_server(argv);
}

}  // namespace shubbak::testing
