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
  std::string line;
  auto put = [&](const char* key, double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%s=%.*f", line.empty() ? "" : " ", key, decimals, v);
    line += buf;
  };
  put("records_per_s", elapsed > 0 ? confirmed / elapsed : 0.0, 0);
  put("steady_records_per_s", totals.steady_rate(elapsed), 0);
  put("p50_ms", p50, 1);
  put("p99_ms", p99, 1);
  put("max_ms", pmax, 1);
  // Of those, the batches that had to open a connection first, and how long that took (TCP and TLS).
  std::vector<double> con = totals.connects();
  put("connects", static_cast<double>(con.size()), 0);
  put("connect_p99_ms", quantile(con, 0.99), 1);
  put("connect_max_ms", con.empty() ? 0.0 : con.back(), 1);
  put("batches", totals.batches, 0);
  put("retries", totals.retries, 0);
  put("answers_503", totals.answers_503, 0);
  put("answers_429", totals.answers_429, 0);
  put("answers_413", totals.answers_413, 0);
  put("answers_400", totals.answers_400, 0);
  put("answers_other", totals.answers_5xx, 0);
  put("transfer_errors", totals.transfer_errors, 0);
  put("requests", totals.requests, 0);
  put("elapsed_s", elapsed, 2);
  put("kiosks", static_cast<double>(players.size()), 0);
  put("records", static_cast<double>(records), 0);
  put("confirmed", static_cast<double>(confirmed), 0);
  put("rejected", totals.rejected, 0);
  put("unconfirmed", static_cast<double>(unconfirmed), 0);
  std::printf("%s\n", line.c_str());
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
