#include "sync/loadgen/report.hpp"

#include <cstdio>
#include <string>

#include "common/exit_codes.hpp"

namespace shubbak::loadgen {

int report(const std::vector<std::unique_ptr<KioskPlayer>>& players, const Totals& totals, Steady::duration wall,
           int deadline_seconds) {
  int64_t records = 0, unconfirmed = 0;
  int stopped = 0;
  std::string stop_words;
  for (const auto& p : players) {
    records += p->records();
    unconfirmed += p->unconfirmed();
    if (!p->stopped().empty()) {
      ++stopped;
      stop_words = p->stopped();
    }
  }
  const int64_t confirmed = totals.confirmed.load();
  // Until the last record was confirmed; the whole run when some never were.
  const double elapsed = unconfirmed == 0 && totals.last_done_ms > 0 ? totals.last_done_ms.load() / 1000.0
                                                                     : std::chrono::duration<double>(wall).count();
  std::vector<double> lat = totals.latencies();
  const double p50 = quantile(lat, 0.50), p99 = quantile(lat, 0.99), pmax = lat.empty() ? 0 : lat.back();
  std::printf("records_per_s=%.0f steady_records_per_s=%.0f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f batches=%lld retries=%lld answers_503=%lld "
              "answers_429=%lld answers_413=%lld answers_400=%lld answers_5xx=%lld transfer_errors=%lld "
              "requests=%lld elapsed_s=%.2f kiosks=%zu records=%lld confirmed=%lld rejected=%lld unconfirmed=%lld\n",
              elapsed > 0 ? confirmed / elapsed : 0.0, totals.steady_rate(elapsed), p50, p99, pmax, (long long)totals.batches.load(),
              (long long)totals.retries.load(), (long long)totals.answers_503.load(),
              (long long)totals.answers_429.load(), (long long)totals.answers_413.load(),
              (long long)totals.answers_400.load(), (long long)totals.answers_5xx.load(),
              (long long)totals.transfer_errors.load(), (long long)totals.requests.load(), elapsed, players.size(),
              (long long)records, (long long)confirmed, (long long)totals.rejected.load(), (long long)unconfirmed);
  std::fflush(stdout);
  if (unconfirmed == 0 && totals.rejected == 0) return exit_code::kOk;
  std::fprintf(stderr, "shubbak-loadgen: %lld of %lld records were not confirmed by the server", 
               (long long)(records - confirmed), (long long)records);
  if (totals.rejected > 0) std::fprintf(stderr, " (%lld rejected)", (long long)totals.rejected.load());
  if (stopped > 0) std::fprintf(stderr, "; %d kiosks stopped: %s", stopped, stop_words.c_str());
  else if (unconfirmed > 0) std::fprintf(stderr, " within the %d s deadline", deadline_seconds);
  const std::string last = totals.last_error();
  if (!last.empty()) std::fprintf(stderr, "; last failure: %s", last.c_str());
  std::fprintf(stderr, "\n");
  return exit_code::kNotDone;
}

}  // namespace shubbak::loadgen
