#include "kiosk/app/frame_stats.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace shubbak::app {

static double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

void FrameStats::write(const std::string& renderer) const {
  if (!on()) return;
  nlohmann::json j = {{"renderer", renderer},
                      {"first_frame_ms", first_frame_ms_},
                      {"frames", frame_ms_.size()},
                      {"frame_p50_ms", percentile(frame_ms_, 0.50)},
                      {"frame_p95_ms", percentile(frame_ms_, 0.95)},
                      {"frame_max_ms", percentile(frame_ms_, 1.0)},
                      {"taps", tap_ms_.size()},
                      {"tap_p50_ms", percentile(tap_ms_, 0.50)},
                      {"tap_p95_ms", percentile(tap_ms_, 0.95)},
                      {"tap_max_ms", percentile(tap_ms_, 1.0)}};
  if (FILE* f = std::fopen(path_.c_str(), "w")) {
    std::string s = j.dump(0) + "\n";
    std::fwrite(s.data(), 1, s.size(), f);
    std::fclose(f);
  }
}

}  // namespace shubbak::app
