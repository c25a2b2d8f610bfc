// One log line per kind of refusal (status and reason), at most one every kEverySeconds per kind with how many
// there were in between: a flood of bad requests cannot flood the journal. Never a body, a token or a header value.
#pragma once
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace shubbak::http {

class RefusalLog {
 public:
  static constexpr int kEverySeconds = 10;
  // `reason`: fixed words of the code, never text from the request. `detail` (e.g. the peer's address) is shown
  // in the line, not counted as a kind of its own. `status` 0: a connection refused before any HTTP.
  void note(int status, const std::string& reason, const std::string& detail = "");

 private:
  struct Seen {
    std::chrono::steady_clock::time_point last;
    long long since = 0;
  };
  std::mutex mu_;
  std::map<std::pair<int, std::string>, Seen> seen_;
};

}  // namespace shubbak::http
