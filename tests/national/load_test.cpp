// shubbak-loadgen against the hub: every record it sends is confirmed and stored once; with the receivers down it
// gives up at its deadline with words and a non-zero exit.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <fstream>

#include "tests/integration/helpers.hpp"
#include "tests/national/hub_fixture.hpp"

namespace shubbak::testing {
namespace {

// K kiosks (load-0001 ...), each of its own centre, with tokens: the file shubbak-loadgen reads.
fs::path tokens_file(const Hub& hub, const fs::path& dir, int kiosks) {
  fs::path f = dir / "tokens";
  std::ofstream out(f);
  for (int i = 1; i <= kiosks; ++i) {
    char kiosk[32], centre[32];
    std::snprintf(kiosk, sizeof kiosk, "load-%04d", i);
    std::snprintf(centre, sizeof centre, "MA-LOAD-%04d", i);
    out << kiosk << ' ' << centre << ' ' << hub.token(kiosk, centre) << '\n';
  }
  return f;
}

std::vector<std::string> loadgen(const Hub& hub, const fs::path& tokens, int backlog, int deadline,
                                 const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv = {bin("shubbak-loadgen"), "--url", hub.url, "--ca-file", hub.ca_file,
                                   "--seal-public-key", hub.seal_public_key, "--tokens", tokens.string(),
                                   "--backlog", std::to_string(backlog), "--deadline", std::to_string(deadline)};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

TEST(LoadGenerator, FiveKiosksOfFiftyRecordsAreAllConfirmedAndStoredOnce) {
  TempDir t;
  Hub hub = Hub::up(t.path / "hub", 2);
  fs::path tokens = tokens_file(hub, t.path, 5);
  Result r = run(loadgen(hub, tokens, 50, 60, {"--batch-max-records", "20"}));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("confirmed=250 "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("unconfirmed=0"), std::string::npos) << r.out;
  EXPECT_EQ(hub.count("SELECT count(*) FROM records WHERE kiosk_id LIKE 'load-%'"), 250);
  EXPECT_EQ(hub.count("SELECT count(*) FROM registrations"), 50);   // one registration per visit of five records
  EXPECT_EQ(hub.count("SELECT count(*) FROM ticket_events"), 200);
}

TEST(LoadGenerator, FormatThreeRecordsAreConfirmedWithTheirIdentitiesSealed) {
  TempDir t;
  Hub hub = Hub::up(t.path / "hub", 1);
  fs::path tokens = tokens_file(hub, t.path, 2);
  Result r = run(loadgen(hub, tokens, 25, 60, {"--format", "3", "--registry-public-key", hub.registry_public_key,
                                               "--national-key-file", hub.national_key_file}));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(hub.count("SELECT count(*) FROM records WHERE format = 3"), 50);
  EXPECT_EQ(hub.count("SELECT count(*) FROM registrations WHERE person_key IS NOT NULL"), 10);
}

TEST(LoadGenerator, WithTheReceiversDownItStopsAtItsDeadlineWithWords) {
  TempDir t;
  Hub hub = Hub::up(t.path / "hub", 2);
  fs::path tokens = tokens_file(hub, t.path, 3);
  for (int i = 1; i <= 2; ++i) {
    pid_t pid = hub.receiver_pid(i);
    ASSERT_EQ(kill(pid, SIGKILL), 0);
  }
  const auto t0 = std::chrono::steady_clock::now();
  Result r = run(loadgen(hub, tokens, 10, 4, {"--backoff-base", "0", "--backoff-cap", "1"}));
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("30 of 30 records were not confirmed by the server within the 4 s deadline"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("last failure:"), std::string::npos) << r.err;
  EXPECT_LT(took, 4 + 5.0);  // the deadline, and a few seconds to seal, start and report
}

}  // namespace
}  // namespace shubbak::testing
