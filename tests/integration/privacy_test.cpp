// Privacy by design, proven with a canary visitor: her details leave no trace in the data folder once purged,
// none in any log at the most verbose level, and the visitor's kiosk never opens a network socket.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "store/database.hpp"
#include "tests/integration/upstream_fixture.hpp"

using namespace shubbak::testing;

namespace {

// Strings that appear nowhere else: each must be found before the purge (so the search can fail) and never after.
const char* const kName = "Zorbaqa Canarixa";
const char* const kPhone = "0698765432";
const char* const kPhoneDigits = "698765432";  // the number in any other format (+212..., 212...)
const char* const kCin = "ZK918273";
const char* const kCommune = "Canarixville";

std::string canary_registration(const std::string& lang) {
  return "tap lang." + lang + "\ntap service.jisr\ntap action.register\nexpect screen form\ntype " + kName +
         "\ntap form.next\ntype " + kPhone + "\ntap form.next\ntype " + kCin + "\ntap form.next\ntype 1988\n"
         "tap form.next\ntype " + kCommune + "\ntap form.next\ntap contact.sms\ntap form.next\nexpect screen consent\n"
         "tap consent.yes\ntap consent.yes\ntap consent.yes\nexpect screen ticket\nexpect text ticket.number A-001\n";
}

// Every canary string found in `text`.
std::vector<std::string> canaries_in(const std::string& text) {
  std::vector<std::string> found;
  for (const char* c : {kName, "Zorbaqa", "Canarixa", kPhoneDigits, kCin, kCommune})
    if (text.find(c) != std::string::npos) found.push_back(c);
  return found;
}

// file -> canaries found in it, over every file under `dir`.
std::map<std::string, std::vector<std::string>> canaries_under(const fs::path& dir) {
  std::map<std::string, std::vector<std::string>> hits;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file())
      if (auto f = canaries_in(read_file(e.path())); !f.empty()) hits[e.path().filename().string()] = f;
  return hits;
}

std::string describe(const std::map<std::string, std::vector<std::string>>& hits) {
  std::string s;
  for (const auto& [file, found] : hits) {
    s += file + ":";
    for (const auto& f : found) s += " " + f;
    s += "\n";
  }
  return s;
}

}  // namespace

class Privacy : public UpstreamTest {
 protected:
  std::vector<std::string> kiosk_argv(const std::string& role, const std::string& script) {
    write_file(t.path / (role + ".txt"), script);
    return {bin("shubbak-kiosk"), "--headless", "--role", role, "--lang", "fr", "--data", data(), "--config", cfg(),
            "--script", (t.path / (role + ".txt")).string(), "--log-level", "debug"};
  }
  Result admin(const std::vector<std::string>& args, const std::string& in = "", const std::string& wrapper = "") {
    std::vector<std::string> argv;
    // faketime preloads itself: an ASan build must be told not to insist on coming first (scripts/test-sanitize).
    if (!wrapper.empty()) argv = {"/usr/bin/env", "ASAN_OPTIONS=verify_asan_link_order=0", "/usr/bin/faketime", "-f", wrapper};
    for (const auto& s : {bin("shubbak-admin"), std::string("--data"), data(), std::string("--config"), cfg()})
      argv.push_back(s);
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv, in);
  }
  Result sync_once() {
    return run({bin("shubbak-sync"), "--data", data(), "--config", cfg(), "--once", "--backoff-cap", "1",
                "--max-failures", "3", "--log-level", "debug"});
  }
  std::string q(const std::string& sql) {
    auto db = shubbak::store::Database::open(data() + "/shubbak.db");
    return db.scalar_text(sql);
  }
};

TEST_F(Privacy, AfterThePurgeTheCanaryIsInNoFileOfTheDataFolder) {
  Hub up = upstream();
  Result r = run(kiosk_argv("visitor", canary_registration("fr")));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The search works: before the purge her details are in the store (the counter needs them today).
  auto before = canaries_under(data());
  ASSERT_FALSE(before.empty()) << "the canary must be findable before the purge";

  // Not sent yet: even at the end of the day her details stay (the sealed copy is the only other one).
  r = admin({"purge"}, "", "+1d");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("kept 1 visitors whose records are not sent yet"), std::string::npos) << r.out;
  EXPECT_EQ(q("SELECT full_name FROM visitors"), kName);

  r = sync_once();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Sent, but still her day: the counter may call her this afternoon.
  r = admin({"purge"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(q("SELECT full_name FROM visitors"), kName);

  // The next day: purged everywhere, WAL included.
  r = admin({"purge"}, "", "+1d");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("purged the details of 1 visitors"), std::string::npos) << r.out;
  auto after = canaries_under(data());
  EXPECT_TRUE(after.empty()) << "canary found after the purge in:\n" << describe(after);
  EXPECT_EQ(q("SELECT count(*) FROM visitors WHERE purged_at IS NOT NULL AND full_name IS NULL AND phone IS NULL"
              " AND cin IS NULL AND commune IS NULL"), "1");
  EXPECT_EQ(q("PRAGMA integrity_check"), "ok");

  // She comes back: check-in by phone still finds her (keyed hash), and the counter sees the ticket is hers.
  std::string visitor = q("SELECT id FROM visitors");
  r = run(kiosk_argv("visitor", std::string("tap lang.fr\ntap service.social\ntap action.checkin\n"
                                            "expect screen checkin\ntype ") + kPhone +
                                    "\ntap form.next\nexpect screen ticket\n"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(q("SELECT visitor_id FROM tickets WHERE service_id='social'"), visitor);
  std::printf("canary searched in %zu files of the data folder after the purge: 0 hits\n",
              static_cast<size_t>(std::distance(fs::recursive_directory_iterator(data()), {})));
}

TEST_F(Privacy, TheCanaryIsInNoLogAtTheMostVerboseLevel) {
  ::setenv("SHUBBAK_LOG_LEVEL", "debug", 1);  // the hub's receivers inherit it
  Hub up = upstream();
  std::string logs;
  Result r = run(kiosk_argv("visitor", canary_registration("fr")));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  logs += r.out + r.err;
  // The desk that calls her and shows her details logs none of them either, at debug too:
  // DeskPrivacy.HerDetailsAndTheNoteAreInNoLogLineAndTheirPageIsNotCached (tests/desk).
  r = sync_once();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  logs += r.out + r.err;
  r = admin({"status", "--json"});
  logs += r.out + r.err;
  r = admin({"purge"}, "", "+1d");
  logs += r.out + r.err;
  ::unsetenv("SHUBBAK_LOG_LEVEL");
  // The national side: the receiver's log, PostgreSQL's, nginx's.
  for (const char* f : {"receiver.1.log", "pg.log", "nginx/error.log"}) logs += read_file(up.dir / f);
  // The logs are real and verbose: they name the screens she went through and what was sent.
  EXPECT_NE(logs.find("screen consent"), std::string::npos) << "debug logging did not happen";
  EXPECT_NE(logs.find("delivered"), std::string::npos);
  auto found = canaries_in(logs);
  EXPECT_TRUE(found.empty()) << "personal data in the logs: " << found.front();
  std::printf("searched %zu bytes of logs (kiosk, sync, admin, receiver at debug, PostgreSQL, nginx): no canary\n", logs.size());
}

// strace shows every socket a process and its threads open. The visitor's kiosk opens none but
// local ones; shubbak-sync, checked the same way, does open one: the check can fail.
TEST_F(Privacy, OnlyTheSyncProcessOpensANetworkSocket) {
  Hub up = upstream();
  fs::path trace = t.path / "kiosk.strace";
  // LeakSanitizer cannot run under ptrace: an ASan build (scripts/test-sanitize) skips only the leak check here.
  std::vector<std::string> argv = {"/usr/bin/env", "ASAN_OPTIONS=detect_leaks=0", "/usr/bin/strace", "-f", "-q", "-e",
                                   "trace=socket,connect", "-o", trace.string()};
  auto k = kiosk_argv("visitor", canary_registration("fr"));
  argv.insert(argv.end(), k.begin(), k.end());
  Result r = run(argv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::regex net(R"(socket\((AF_INET|AF_INET6|AF_PACKET|PF_INET|PF_INET6))");
  std::string kiosk_trace = read_file(trace);
  ASSERT_NE(kiosk_trace.find("exited with 0"), std::string::npos) << "strace did not follow the kiosk: " << kiosk_trace;
  EXPECT_FALSE(std::regex_search(kiosk_trace, net)) << kiosk_trace;

  fs::path sync_trace = t.path / "sync.strace";
  r = run({"/usr/bin/env", "ASAN_OPTIONS=detect_leaks=0", "/usr/bin/strace", "-f", "-q", "-e", "trace=socket,connect",
           "-o", sync_trace.string(), bin("shubbak-sync"),
           "--data", data(), "--config", cfg(), "--once"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::regex_search(read_file(sync_trace), net)) << "strace did not see the sync's own socket";
  EXPECT_EQ(q("SELECT count(*) FROM outbox WHERE state<>'sent'"), "0");
}
