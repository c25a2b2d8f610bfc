// shubbak-loadgen: many kiosks at once against the national side, over real TLS, as shubbak-sync sends
// (docs/performance.md, "National ingest"). Everything is sealed and batched before the clock starts.
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <fstream>
#include <latch>
#include <sstream>
#include <thread>

#include "common/exit_codes.hpp"
#include "sync/loadgen/kiosk_player.hpp"
#include "sync/loadgen/options.hpp"
#include "sync/loadgen/report.hpp"

using namespace shubbak;
using namespace shubbak::loadgen;

namespace {

std::vector<KioskIdentity> read_tokens(const std::string& path, int want) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the tokens file " + path);
  std::vector<KioskIdentity> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    KioskIdentity k;
    if (!(words >> k.kiosk_id >> k.centre_id >> k.token))
      throw std::runtime_error(path + ":" + std::to_string(n) + ": want KIOSK_ID CENTRE_ID TOKEN");
    out.push_back(k);
  }
  if (want > static_cast<int>(out.size()))
    throw std::runtime_error(path + " has " + std::to_string(out.size()) + " kiosks, --kiosks asks for " +
                             std::to_string(want));
  if (want > 0) out.resize(want);
  if (out.empty()) throw std::runtime_error(path + " names no kiosk");
  return out;
}

std::string read_key_file(const std::string& path) {
  std::ifstream in(path);
  std::string key;
  if (!(in >> key)) throw std::runtime_error("cannot read the national key file " + path);
  return key;
}

// Seals every backlog and builds every batch, on a few threads; one sealer per thread (as one per kiosk process).
std::vector<std::unique_ptr<KioskPlayer>> prepare(const Options& o, const std::vector<KioskIdentity>& kiosks,
                                                  Totals& totals) {
  SealKeys keys{o.format, o.seal_public_key, o.registry_public_key,
                o.format == 3 ? read_key_file(o.national_key_file) : ""};
  PlayRules rules{o.url, o.max_records, o.max_bytes, o.backoff_base_seconds, o.backoff_cap_seconds};
  transport::Timeouts timeouts;
  timeouts.total_seconds = std::min<long>(timeouts.total_seconds, o.deadline_seconds);
  std::vector<std::unique_ptr<KioskPlayer>> players(kiosks.size());
  for (size_t i = 0; i < kiosks.size(); ++i)  // curl handles made on one thread
    players[i] = std::make_unique<KioskPlayer>(kiosks[i], std::vector<SealedRecord>{}, rules,
                                               std::make_unique<transport::HttpsClient>(
                                                   transport::TlsOptions{o.ca_file, "", "", ""}, timeouts),
                                               totals);
  auto start = std::chrono::system_clock::now() - std::chrono::minutes(o.backlog / 5 + 1);
  std::vector<std::thread> threads;
  std::exception_ptr failed;
  std::mutex mu;
  for (int t = 0; t < o.seal_threads; ++t)
    threads.emplace_back([&, t] {
      try {
        auto sealer = make_sealer(keys);
        for (size_t i = t; i < kiosks.size(); i += o.seal_threads)
          players[i]->prepare(seal_backlog(kiosks[i], o.backlog, start, *sealer));
      } catch (...) {
        std::lock_guard<std::mutex> lock(mu);
        failed = std::current_exception();
      }
    });
  for (auto& th : threads) th.join();
  if (failed) std::rethrow_exception(failed);
  return players;
}

// Every kiosk thread waits for the same start, so the clock measures only the sending (and, with --cold, the
// opening of the connections).
Steady::duration play(std::vector<std::unique_ptr<KioskPlayer>>& players, int deadline_seconds, bool cold) {
  std::mutex mu;
  std::condition_variable go;
  bool started = false;
  Steady::time_point start, deadline;
  std::latch connected(static_cast<std::ptrdiff_t>(players.size()));
  std::vector<std::thread> threads;
  for (auto& p : players)
    threads.emplace_back([&, player = p.get()] {
      if (!cold) player->connect();
      connected.count_down();
      {
        std::unique_lock<std::mutex> lock(mu);
        go.wait(lock, [&] { return started; });
      }
      player->run(start, deadline);
    });
  const auto t0 = Steady::now();
  connected.wait();
  if (cold)
    std::fprintf(stderr, "shubbak-loadgen: sending (the connections are opened inside the clock)\n");
  else
    std::fprintf(stderr, "shubbak-loadgen: %zu connections opened in %.1f s; sending\n", players.size(),
                 std::chrono::duration<double>(Steady::now() - t0).count());
  {
    std::lock_guard<std::mutex> lock(mu);
    start = Steady::now();
    deadline = start + std::chrono::seconds(deadline_seconds);
    started = true;
  }
  go.notify_all();
  for (auto& th : threads) th.join();
  return Steady::now() - start;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  try {
    o = parse_options(argc, argv);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "shubbak-loadgen: %s\n%s", e.what(), kUsage);
    return exit_code::kUsage;
  }
  if (o.help) {
    std::fputs(kUsage, stdout);
    return exit_code::kOk;
  }
  try {
    auto kiosks = read_tokens(o.tokens_file, o.kiosks);
    Totals totals;
    auto players = prepare(o, kiosks, totals);
    std::fprintf(stderr, "shubbak-loadgen: %zu kiosks x %d records sealed (format %d) and batched\n",
                 players.size(), o.backlog, o.format);
    auto wall = play(players, o.deadline_seconds, o.cold);
    return report(players, totals, wall, o.deadline_seconds);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "shubbak-loadgen: %s\n", e.what());
    return exit_code::kNotDone;
  }
}
