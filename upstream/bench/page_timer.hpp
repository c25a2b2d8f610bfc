// Timing what a dashboard page costs, in the style of the other benches: warm-up runs, then `runs` timed runs,
// p50/p95/max. A page is any callable: the figures calls today (upstream/bench/dashboard_bench.cpp); an HTTP GET
// through nginx when the pages land (the hook: pass a callable that fetches the page's URL).
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace shubbak::upstream::bench {

struct PageTiming {
  std::string name;
  std::vector<double> ms;  // the timed runs, in the order run
  double quantile(double q) const;  // nearest rank over ms
  double max() const;
};

PageTiming time_page(const std::string& name, int warmup, int runs, const std::function<void()>& page);

// "name p50_ms=1.2 p95_ms=3.4 max_ms=5.6 runs=50"
std::string timing_line(const PageTiming& t);

}  // namespace shubbak::upstream::bench
