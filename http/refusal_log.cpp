#include "http/refusal_log.hpp"

#include "common/log.hpp"

namespace shubbak::http {

void RefusalLog::note(int status, const std::string& reason, const std::string& detail) {
  auto now = std::chrono::steady_clock::now();
  long long skipped = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto [it, fresh] = seen_.try_emplace({status, reason});
    Seen& s = it->second;
    if (!fresh && now - s.last < std::chrono::seconds(kEverySeconds)) {
      ++s.since;
      return;
    }
    skipped = s.since;
    s.since = 0;
    s.last = now;
  }
  std::string line = (status ? "refused " + std::to_string(status) + ": " : "refused: ") + reason;
  if (!detail.empty()) line += " (" + detail + ")";
  if (skipped > 0) line += " (and " + std::to_string(skipped) + " more like it since the last line)";
  log::warn(line);
}

}  // namespace shubbak::http
