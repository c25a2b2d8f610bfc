// The SMS tests' centre (issue 18): the accompaniment store (demo catalogue, fake clock in Casablanca) with [sms]
// set, a real gammu-smsd with the dummy driver in the same temporary folder, and the notifier on its own
// connection, as shubbak-sms runs it.
#pragma once
#include <optional>
#include <vector>

#include "common/i18n.hpp"
#include "kiosk/store/sms_queue.hpp"
#include "sms/notifier.hpp"
#include "sms/spool.hpp"
#include "tests/sms/gammu_daemon.hpp"
#include "tests/unit/accompaniment_fixture.hpp"

namespace shubbak::testing {

// Every regular file under `root` that holds `needle` (as bytes, or as UTF-16 as gammu writes texts).
inline std::vector<std::string> files_holding(const fs::path& root, const std::string& needle) {
  std::vector<std::string> out;
  const std::string wide = sms::utf16be_with_bom(needle).substr(2);
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    const std::string bytes = slurp(e.path());
    if (bytes.find(needle) != std::string::npos || bytes.find(wide) != std::string::npos) out.push_back(e.path().string());
    if (e.path().filename().string().find(needle) != std::string::npos) out.push_back(e.path().string());
  }
  return out;
}

struct SentMessage {
  std::string file, text;
};

class SmsTest : public AccompanimentTest {
 protected:
  SmsTest() : AccompanimentTest(StoreStart{2026, 12, 1, 9, 0, true}) {}

  void SetUp() override {
    AccompanimentTest::SetUp();
    gammu.emplace(dir / "gammu");
    SmsSettings& s = cfg.settings.sms;
    s.enabled = true;
    s.spool = gammu->spool().string();
    s.name = {{"ar", "مركز الحي الحسني"}, {"fr", "Centre Hay Hassani"}, {"zgh", "ⴰⵎⵙⵉⵡⴰⴹ ⵍⵃⵉ ⵍⵃⴰⵙⴰⵏⵉ"}};
    s.modem_silent_seconds = 2;
    s.retry_seconds = 5;
    tr = Translations::load(SHUBBAK_SOURCE_DIR "/assets/i18n");
    sms_db.emplace(store::open_store((dir / "data").string()));
    notifier.emplace(*sms_db, cfg, tr, clock);
  }
  void TearDown() override {
    notifier.reset();
    sms_db.reset();
    gammu.reset();
    AccompanimentTest::TearDown();
  }

  // A woman registers at the kiosk in `lang` with her SMS answer and takes a ticket for `service`; her visitor id.
  std::string woman(const std::string& phone, bool sms_yes, const std::string& lang = "fr",
                    const std::string& service = "jisr") {
    IssueRequest r{service, VisitorDetails{"Canary", phone, "", "1990", "Anfa", ContactPreference::Sms}, "", false};
    r.consents = {{ConsentPurpose::Sms, sms_yes}};
    r.lang = lang;
    kiosk->issue(r, clock.now());
    clock.advance(Seconds(30));
    return db->scalar_text("SELECT id FROM visitors ORDER BY rowid DESC LIMIT 1");
  }
  // The next ticket is called and served: one person fewer ahead of everyone.
  void call_next(const std::string& service = "jisr") {
    auto t = counter->call_next({service}, 1, "salma", clock.now());
    ASSERT_TRUE(t);
    counter->served(t->id, cfg.catalogue.outcomes().front().id, "", "salma", clock.now());
    clock.advance(Seconds(30));
  }
  // Every ticket of the day served (the appointment tests: no "turn near" message in the way).
  void everyone_served() { db->prepare("UPDATE tickets SET state='served'").run(); }
  // Rounds of the notifier until every message it wrote has been sent by gammu and recorded (or the deadline):
  // returns what gammu put in sent/, read before the notifier deleted it.
  std::vector<SentMessage> deliver() {
    std::vector<SentMessage> out;
    notifier->round();
    const sms::Spool spool(cfg.settings.sms.spool);
    auto spooled = [&] { return count("SELECT count(*) FROM sms_queue WHERE state='spooled'"); };
    EXPECT_TRUE(wait_until([&] { return spool.ours(sms::Where::Outbox).empty(); }, std::chrono::seconds(60)))
        << "gammu-smsd did not take the messages";
    for (const auto& f : spool.ours(sms::Where::Sent))
      out.push_back({f.name, sms::utf8_from_utf16_file(slurp(gammu->spool() / "sent" / f.name))});
    notifier->round();
    EXPECT_EQ(spooled(), 0);
    return out;
  }
  std::vector<std::string> states(const std::string& visitor_id) {
    std::vector<std::string> out;
    for (const auto& q : SmsQueue(*db).of_visitor(visitor_id)) out.push_back(q.kind + ":" + q.state);
    return out;
  }

  Translations tr;
  std::optional<GammuDaemon> gammu;
  std::optional<store::Database> sms_db;
  std::optional<sms::Notifier> notifier;
};

}  // namespace shubbak::testing
