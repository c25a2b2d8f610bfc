// The real processes (issue 18): shubbak-sms and gammu-smsd, each SIGKILLed at random moments while 200 messages
// go out — every message is sent exactly once (counted as gammu moves files into its sent folder) and every copy of
// gammu's is deleted; and the canary's number is in no file of the data folder, the spool or the logs after the
// purge.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "store/privacy.hpp"
#include "tests/sms/sms_fixture.hpp"

namespace shubbak::testing {
namespace {

// shubbak-sms as a child process, its log into a file of the test.
class NotifierProcess {
 public:
  NotifierProcess(fs::path config, fs::path data, fs::path log) : config_(config), data_(data), log_(log) {}
  ~NotifierProcess() { kill9(); }
  void start(bool once = false) {
    pid_ = ::fork();
    if (pid_ == 0) {
      FILE* f = std::freopen(log_.c_str(), "a", stderr);
      (void)f;
      const std::string bin = std::string(SHUBBAK_BIN_DIR) + "/shubbak-sms";
      if (once)
        ::execl(bin.c_str(), "shubbak-sms", "--config", config_.c_str(), "--data", data_.c_str(), "--assets",
                SHUBBAK_SOURCE_DIR "/assets", "--log-level", "debug", "--once", static_cast<char*>(nullptr));
      else
        ::execl(bin.c_str(), "shubbak-sms", "--config", config_.c_str(), "--data", data_.c_str(), "--assets",
                SHUBBAK_SOURCE_DIR "/assets", "--log-level", "debug", static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  int wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  void kill9() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  fs::path config_, data_, log_;
  pid_t pid_ = -1;
};

class SmsProcessTest : public SmsTest {
 protected:
  void SetUp() override {
    SmsTest::SetUp();
    // The demo centre's configuration with [sms] pointing at this test's gammu spool.
    fs::create_directories(dir / "config");
    for (const char* f : {"centre.conf", "catalog.conf"})
      fs::copy_file(fs::path(SHUBBAK_SOURCE_DIR "/config/demo") / f, dir / "config" / f);
    std::ofstream(dir / "config" / "centre.conf", std::ios::app)
        << "\n[sms]\nspool = " << gammu->spool().string()
        << "\nname.ar = مركز الحي الحسني\nname.fr = Centre Hay Hassani\nname.zgh = ⴰⵎⵙⵉⵡⴰⴹ ⵍⵃⵉ ⵍⵃⴰⵙⴰⵏⵉ\n"
        << "poll_ms = 100\nquiet_start = 00:00\nquiet_end = 00:00\n";
    fs::create_directories(dir / "logs");
  }
  NotifierProcess process() { return NotifierProcess(dir / "config", dir / "data", dir / "logs" / "shubbak-sms.log"); }
};

TEST_F(SmsProcessTest, KillingTheNotifierAndGammuAtRandomMomentsSendsEachOf200MessagesExactlyOnce) {
  constexpr int kMessages = 200;
  std::vector<std::string> tickets;
  for (int i = 0; i < kMessages; ++i) {
    char phone[16];
    std::snprintf(phone, sizeof phone, "06%08d", 10000000 + i);
    const std::string her = woman(phone, true, i % 3 == 0 ? "ar" : i % 3 == 1 ? "fr" : "zgh", "literacy");
    // Her "turn near" queued as the planner would (people ahead do not matter here).
    SmsQueue(*db).enqueue(her, "turn_near", latest_ticket(), clock.now(), clock.now());
  }
  ArrivalCounter sent_arrivals(gammu->spool() / "sent");
  NotifierProcess notifier_process = process();
  gammu->start();
  notifier_process.start();
  std::mt19937 rng(20261201);
  std::uniform_int_distribution<int> pause_ms(20, 1500);
  auto all_sent = [&] { return count("SELECT count(*) FROM sms_queue WHERE state='sent'") == kMessages; };
  int kills = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(8);
  while (!all_sent() && std::chrono::steady_clock::now() < deadline) {
    // A random moment (the kill's timing, not a synchronisation: the checks below wait on conditions).
    std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(rng)));
    if (rng() % 2) {
      notifier_process.kill9();
      notifier_process.start();
    } else {
      gammu->kill9();
      gammu->start();
    }
    ++kills;
  }
  ASSERT_TRUE(wait_until(all_sent, std::chrono::minutes(4)))
      << count("SELECT count(*) FROM sms_queue WHERE state='sent'") << " of " << kMessages << " sent after " << kills
      << " kills";
  const sms::Spool spool(cfg.settings.sms.spool);
  ASSERT_TRUE(wait_until([&] { return spool.ours(sms::Where::Sent).empty(); }, std::chrono::seconds(30)));
  notifier_process.kill9();
  gammu->stop();
  std::map<int64_t, int> per_row;
  for (const auto& [name, times] : sent_arrivals.arrivals())
    if (auto f = sms::Spool::parse_name(name)) per_row[f->row] += times;
  EXPECT_EQ(per_row.size(), static_cast<size_t>(kMessages)) << "every message reached gammu's sent folder";
  for (const auto& [row, times] : per_row) EXPECT_EQ(times, 1) << "message " << row << " was sent " << times << " times";
  EXPECT_TRUE(spool.ours(sms::Where::Outbox).empty());
  EXPECT_TRUE(spool.ours(sms::Where::Error).empty());
  EXPECT_GE(kills, 20) << "the kills did not happen during the sending";
  std::printf("200 messages, %d kills, each sent once\n", kills);
}

TEST_F(SmsProcessTest, TheCanarysNumberIsInNoFileOfTheDataTheSpoolOrTheLogsAfterThePurge) {
  const std::string canary = "0699887766";
  const std::string her = woman(canary, true, "fr");  // nobody ahead: her message is due at once
  const std::string ticket = latest_ticket();
  SmsQueue(*db).enqueue(her, "turn_near", ticket, clock.now(), clock.now());
  gammu->start();
  NotifierProcess p = process();
  ASSERT_TRUE(wait_until([&] {
    p.start(true);
    p.wait();
    return count("SELECT count(*) FROM sms_queue WHERE state='sent'") == 1;
  }, std::chrono::seconds(60)));
  gammu->stop();
  // The operator's count: shubbak-admin status.
  const std::string status_cmd = std::string(SHUBBAK_BIN_DIR) + "/shubbak-admin --data " + (dir / "data").string() +
                                 " --config " + (dir / "config").string() + " status";
  FILE* status = ::popen(status_cmd.c_str(), "r");
  ASSERT_TRUE(status);
  std::string said;
  for (char buf[512]; std::fgets(buf, sizeof buf, status);) said += buf;
  ::pclose(status);
  EXPECT_NE(said.find("SMS waiting: 0 (in gammu's outbox: 0), sent: 1, failed: 0"), std::string::npos) << said;
  p.start(true);  // passes gammu's last log lines on, masked
  EXPECT_EQ(p.wait(), 0);
  counter->call_next({"jisr"}, 1, "salma", clock.now());
  counter->served(ticket, cfg.catalogue.outcomes().front().id, "", "salma", clock.now());
  db->prepare("UPDATE outbox SET state='sent'").run();  // as if shubbak-sync had sent her sealed records
  const TimePoint later = clock.now() + std::chrono::hours(24) * (cfg.settings.sync.details_kept_days + 2);
  store::PurgeResult r = store::purge_personal_details(*db, later, cfg.settings.sync.details_kept_days, cfg.settings.zone);
  EXPECT_EQ(r.messages, 1);
  notifier.reset();
  sms_db.reset();
  db.reset();  // every connection closed: the WAL is checkpointed away
  for (const char* where : {"data", "gammu", "logs"})
    EXPECT_EQ(files_holding(dir / where, canary), std::vector<std::string>{}) << "her number is still in " << where;
  EXPECT_FALSE(slurp(dir / "logs" / "shubbak-sms.log").empty()) << "the notifier logged nothing: the check proves little";
}

}  // namespace
}  // namespace shubbak::testing
