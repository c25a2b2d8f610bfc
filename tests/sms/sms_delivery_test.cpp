// Messages to her phone through a real gammu-smsd with the dummy driver (issue 18): her turn near, once per ticket,
// in her language, only with her consent and her number; appointment reminders at the configured hour and never
// in quiet hours; a moved or cancelled appointment; gammu-smsd stopped; gammu's copies deleted.
#include <gtest/gtest.h>

#include "kiosk/store/counter_session.hpp"
#include "tests/sms/sms_fixture.hpp"

namespace shubbak::testing {
namespace {

TEST_F(SmsTest, AQueueMovingPastThreeSendsOneTurnNearMessagePerTicketInHerLanguage) {
  gammu->start();
  for (int i = 0; i < 3; ++i) walk_in(clock.now());
  const std::string amina = woman("0612345601", true, "fr");   // 3 ahead of her
  const std::string fatima = woman("0612345602", true, "ar");  // 4 ahead
  const std::string khadija = woman("0612345603", false, "ar");  // said no to SMS
  const std::string zahra = woman("0612345604", true, "zgh");
  db->prepare("UPDATE visitors SET phone=NULL WHERE id=?").bind(1, zahra).run();  // she gave no number
  auto sent = deliver();
  ASSERT_EQ(sent.size(), 1u) << "only Amina has 3 people ahead";
  EXPECT_EQ(sent[0].text, "Centre Hay Hassani: votre tour approche, ticket A-004. Revenez.");
  EXPECT_NE(sent[0].file.find("_0612345601_"), std::string::npos) << "to her registered number";

  call_next();  // Fatima now has 3 ahead; Amina still waits: no second message for her
  sent = deliver();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].text, "مركز الحي الحسني: قربات نوبتك، الورقة A-005. رجعي دابا.");
  for (int i = 0; i < 4; ++i) call_next();  // everyone moves up
  EXPECT_TRUE(deliver().empty()) << "one message per ticket; none without consent or without a number";
  EXPECT_EQ(states(amina), std::vector<std::string>{"turn_near:sent"});
  EXPECT_EQ(states(fatima), std::vector<std::string>{"turn_near:sent"});
  EXPECT_TRUE(states(khadija).empty());
  EXPECT_TRUE(states(zahra).empty());
  const sms::Spool spool(cfg.settings.sms.spool);
  EXPECT_TRUE(spool.ours(sms::Where::Sent).empty()) << "gammu's copies (her number, the text) are deleted";
}

TEST_F(SmsTest, TheReminderLeavesTheEveningBeforeAtTheConfiguredHourOnceAndNeverInQuietHours) {
  gammu->start();
  const std::string her = woman("0612345611", true, "zgh", "literacy");
  Appointment a = booked(appointments->book(her, "jisr", at(1, 10, 0), "", "salma", clock.now()));
  everyone_served();
  clock.set(at(0, 17, 59));
  EXPECT_TRUE(deliver().empty()) << "before 18:00";
  clock.set(at(0, 18, 0));
  auto sent = deliver();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].text, "ⴰⵎⵙⵉⵡⴰⴹ ⵍⵃⵉ ⵍⵃⴰⵙⴰⵏⵉ: ⴰⵎⵢⴰⵏⴰⵡ ⵏⵏⵎ ⴰⵣⴽⴽⴰ 02/12 ⴳ 10:00.");
  clock.set(at(0, 20, 0));
  EXPECT_TRUE(deliver().empty()) << "one reminder per appointment";

  // Booked late in the evening for tomorrow: quiet hours from 21:00 to 08:00, and the next morning is its day.
  const std::string late = woman("0612345612", true, "fr", "literacy");
  booked(appointments->book(late, "jisr", at(1, 11, 0), "", "salma", at(0, 20, 30)));
  everyone_served();
  clock.set(at(0, 21, 30));
  EXPECT_TRUE(deliver().empty()) << "quiet hours";
  clock.set(at(1, 7, 59));
  EXPECT_TRUE(deliver().empty()) << "quiet hours, and it is no longer the evening before";
  EXPECT_EQ(count("SELECT count(*) FROM sms_queue WHERE kind='appointment_reminder'"), 1);
  (void)a;
}

TEST_F(SmsTest, AMovedAndACancelledAppointmentEachSendOneMessageWithTheNewTime) {
  gammu->start();
  const std::string her = woman("0612345621", true, "fr", "literacy");
  Appointment a = booked(appointments->book(her, "jisr", at(3, 10, 0), "", "salma", clock.now()));
  everyone_served();
  EXPECT_TRUE(deliver().empty()) << "a booking at the desk: she has the printed ticket";
  booked(appointments->move(a.id, at(2, 11, 0), "salma", clock.now()));
  auto sent = deliver();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].text, "Centre Hay Hassani: rendez-vous déplacé au 03/12 à 11:00.");
  appointments->cancel(a.id, "salma", clock.now());
  sent = deliver();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].text, "Centre Hay Hassani: rendez-vous du 03/12 à 11:00 annulé.");
  const std::string no = woman("0612345622", false, "fr", "literacy");
  Appointment b = booked(appointments->book(no, "jisr", at(3, 10, 0), "", "salma", clock.now()));
  everyone_served();
  appointments->cancel(b.id, "salma", clock.now());
  EXPECT_TRUE(deliver().empty()) << "no SMS without her consent";
}

TEST_F(SmsTest, GammuStoppedMessagesWaitTheDeskSaysSoAndTicketsAreNotSlowed) {
  const std::string her = woman("0612345631", true, "ar");  // 0 ahead: due at once
  notifier->round();
  EXPECT_EQ(states(her), std::vector<std::string>{"turn_near:spooled"});
  CounterSession desk(*db, cfg, clock);
  // The file waits in gammu's outbox; once it has waited modem_silent_seconds (2 s) the desk says so in words.
  ASSERT_TRUE(wait_until([&] { return notifier->round().modem_silent; }, std::chrono::seconds(20)));
  desk.poll();
  EXPECT_EQ(desk.snapshot().sms_trouble, "sms_modem");
  for (const auto& lang : {"ar", "fr", "zgh"}) EXPECT_TRUE(tr.has(lang, "desk.sms_modem_silent")) << lang;
  EXPECT_EQ(tr.get("fr", "desk.sms_modem_silent"), "Le modem SMS ne répond pas : les messages attendent. Appelez le technicien.");
  // Tickets while the notifier keeps looking at a silent modem.
  for (int i = 0; i < 20; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    walk_in(clock.now());
    notifier->round();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(500));
  }
  gammu->start();  // the modem is back: the message leaves and the words go
  auto sent = deliver();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(states(her), std::vector<std::string>{"turn_near:sent"});
  desk.poll();
  EXPECT_EQ(desk.snapshot().sms_trouble, "");
}

TEST_F(SmsTest, AFileGammuCouldNotSendIsTriedAgainThenFailsWithWordsAndTheDeskSaysSo) {
  cfg.settings.sms.max_attempts = 2;
  const std::string her = woman("0612345641", true, "fr");
  const sms::Spool spool(cfg.settings.sms.spool);
  for (int attempt = 1; attempt <= 2; ++attempt) {
    notifier->round();
    auto files = spool.ours(sms::Where::Outbox);
    ASSERT_EQ(files.size(), 1u) << "attempt " << attempt;
    EXPECT_EQ(files[0].attempt, attempt - 1);
    // As gammu-smsd does when the modem refuses (no credit, no network): into error/.
    fs::rename(gammu->spool() / "outbox" / files[0].name, gammu->spool() / "error" / files[0].name);
    notifier->round();
    EXPECT_TRUE(spool.ours(sms::Where::Error).empty()) << "gammu's copy is deleted once recorded";
    clock.advance(Seconds(cfg.settings.sms.retry_seconds));
  }
  EXPECT_EQ(states(her), std::vector<std::string>{"turn_near:failed"});
  EXPECT_NE(db->scalar_text("SELECT last_error FROM sms_queue").find("modem"), std::string::npos);
  CounterSession desk(*db, cfg, clock);
  desk.poll();
  EXPECT_EQ(desk.snapshot().sms_trouble, "sms_failed");
}

TEST_F(SmsTest, ACrashBetweenRenameAndMarkDoesNotWriteTheMessageAgain) {
  const std::string her = woman("0612345651", true, "fr");
  const sms::Spool spool(cfg.settings.sms.spool);
  notifier->round();
  ASSERT_EQ(spool.ours(sms::Where::Outbox).size(), 1u);
  const std::string file = spool.ours(sms::Where::Outbox)[0].name;
  // gammu sends it (into sent/) while the mark is lost, as if the process died right after its rename.
  fs::rename(gammu->spool() / "outbox" / file, gammu->spool() / "sent" / file);
  db->prepare("UPDATE sms_queue SET state='queued'").run();
  notifier.emplace(*sms_db, cfg, tr, clock);  // a restart
  notifier->round();
  EXPECT_TRUE(spool.ours(sms::Where::Outbox).empty()) << "found in gammu's sent folder: not written twice";
  notifier->round();
  EXPECT_EQ(states(her), std::vector<std::string>{"turn_near:sent"});
  EXPECT_TRUE(spool.ours(sms::Where::Sent).empty());
}

TEST_F(SmsTest, ACrashBeforeTheRenameWritesTheMessageOnceAtTheRestart) {
  const std::string her = woman("0612345652", true, "fr");
  const sms::Spool spool(cfg.settings.sms.spool);
  notifier->round();
  ASSERT_EQ(spool.ours(sms::Where::Outbox).size(), 1u);
  const std::string file = spool.ours(sms::Where::Outbox)[0].name;
  // The name chosen and committed, no file yet (the crash came before the rename).
  fs::remove(gammu->spool() / "outbox" / file);
  db->prepare("UPDATE sms_queue SET state='queued'").run();
  notifier.emplace(*sms_db, cfg, tr, clock);
  notifier->round();
  ASSERT_EQ(spool.ours(sms::Where::Outbox).size(), 1u);
  EXPECT_EQ(spool.ours(sms::Where::Outbox)[0].name, file);
  EXPECT_EQ(states(her), std::vector<std::string>{"turn_near:spooled"});
}

}  // namespace
}  // namespace shubbak::testing
