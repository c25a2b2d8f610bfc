#include "upstream/bench/page_timer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace shubbak::upstream::bench {

double PageTiming::quantile(double q) const {
  if (ms.empty()) return 0;
  std::vector<double> s = ms;
  std::sort(s.begin(), s.end());
  const size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(s.size())));
  return s[std::clamp<size_t>(rank, 1, s.size()) - 1];
}

double PageTiming::max() const { return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end()); }

PageTiming time_page(const std::string& name, int warmup, int runs, const std::function<void()>& page) {
  for (int i = 0; i < warmup; ++i) page();
  PageTiming t{name, {}};
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    page();
    t.ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  return t;
}

std::string timing_line(const PageTiming& t) {
  char b[256];
  std::snprintf(b, sizeof b, "%s p50_ms=%.1f p95_ms=%.1f max_ms=%.1f runs=%zu", t.name.c_str(), t.quantile(0.5),
                t.quantile(0.95), t.max(), t.ms.size());
  return b;
}

}  // namespace shubbak::upstream::bench
