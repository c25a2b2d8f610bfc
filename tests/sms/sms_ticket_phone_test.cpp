// A number typed at the kiosk for one ticket alone (issue 18): its "turn near" SMS goes there, once, with the same
// text; none without that ticket's consent; it is in no outbox record; and it is gone from the database file once
// the ticket ends (or its day does). A real gammu-smsd with the dummy driver sends it.
#include <gtest/gtest.h>

#include "kiosk/store/ticket_phone_store.hpp"
#include "sms/gammu_log.hpp"
#include "store/privacy.hpp"
#include "tests/sms/sms_fixture.hpp"

namespace shubbak::testing {
namespace {

class TicketPhoneTest : public SmsTest {
 protected:
  // An anonymous ticket (no registration) for jisr, with `phone` typed for it in `lang`; returns the ticket id.
  std::string anonymous_with_phone(const std::string& phone, const std::string& lang = "fr") {
    walk_in(clock.now());
    const std::string id = latest_ticket();
    EXPECT_EQ(keep_ticket_phone(*db, id, phone, lang, clock.now()), TicketPhoneResult::Saved);
    clock.advance(Seconds(30));
    return id;
  }
  std::string ticket_number(const std::string& id) {
    return db->scalar_text("SELECT number FROM tickets WHERE id='" + id + "'");
  }
  // Every outbox record of every kind, opened, as text.
  std::string every_record() {
    std::string all;
    auto kinds = db->prepare("SELECT DISTINCT kind FROM outbox");
    std::vector<std::string> ks;
    while (kinds.step()) ks.push_back(kinds.text(0));
    kinds.reset();
    for (const auto& k : ks)
      for (const auto& r : records(k)) all += r.dump() + "\n";
    return all;
  }
  void checkpoint() { db->exec("PRAGMA wal_checkpoint(TRUNCATE)"); }
};

TEST_F(TicketPhoneTest, ATypedNumberOnAnAnonymousTicketGetsOneTurnNearMessageInTheKiosksLanguage) {
  gammu->start();
  for (int i = 0; i < 3; ++i) walk_in(clock.now());
  const std::string ticket = anonymous_with_phone("+212 6 12 34 56 70", "ar");  // 3 ahead of her
  walk_in(clock.now());                                                          // no number: nothing for her
  auto sent = deliver();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].text, "مركز الحي الحسني: قربات نوبتك، الورقة " + ticket_number(ticket) + ". رجعي دابا.")
      << "the same text as for a registered woman: the centre and her ticket, never the service";
  EXPECT_NE(sent[0].file.find("_0612345670_"), std::string::npos) << "to the typed number, in national form";
  for (int i = 0; i < 3; ++i) call_next();
  EXPECT_TRUE(deliver().empty()) << "once per ticket";
  EXPECT_EQ(count("SELECT count(*) FROM sms_queue WHERE typed=1 AND state='sent'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM sms_queue"), 1);
}

TEST_F(TicketPhoneTest, ANumberTypedForHerTicketWinsOverTheOneSheRegistered) {
  gammu->start();
  for (int i = 0; i < 5; ++i) walk_in(clock.now());
  const std::string her = woman("0612345680", true, "fr");  // registered, says yes to SMS; 5 ahead
  const std::string ticket = latest_ticket();
  ASSERT_EQ(keep_ticket_phone(*db, ticket, "0712345681", "fr", clock.now()), TicketPhoneResult::Saved);
  EXPECT_TRUE(deliver().empty()) << "5 ahead: not yet";
  call_next();
  call_next();
  auto sent = deliver();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_NE(sent[0].file.find("_0712345681_"), std::string::npos) << "the number she typed for today";
  EXPECT_EQ(sent[0].file.find("0612345680"), std::string::npos);
  EXPECT_EQ(states(her), std::vector<std::string>{"turn_near:sent"}) << "one message for her ticket";
}

TEST_F(TicketPhoneTest, NoMessageWithoutThisTicketsConsentAndNoneToANumberThatIsNotAMobile) {
  gammu->start();
  const std::string no_sms = woman("0612345690", false, "fr");  // registered, said no to SMS, typed nothing
  walk_in(clock.now());
  const std::string landline = latest_ticket();
  EXPECT_EQ(keep_ticket_phone(*db, landline, "0522123456", "fr", clock.now()), TicketPhoneResult::NotMobile);
  EXPECT_EQ(keep_ticket_phone(*db, landline, "06123", "fr", clock.now()), TicketPhoneResult::NotMobile);
  // The consent of one ticket is not another's: the queue refuses a ticket without its own number.
  SmsQueue queue(*db);
  EXPECT_FALSE(queue.enqueue_typed_turn_near(landline, clock.now()));
  EXPECT_TRUE(deliver().empty());
  EXPECT_EQ(count("SELECT count(*) FROM sms_queue"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM ticket_phones"), 0);
  (void)no_sms;
  // A ticket that already ended takes no number.
  call_next();
  const std::string first = db->scalar_text("SELECT id FROM tickets ORDER BY rowid LIMIT 1");
  EXPECT_EQ(keep_ticket_phone(*db, first, "0612345691", "fr", clock.now()), TicketPhoneResult::TicketEnded);
}

TEST_F(TicketPhoneTest, TheNumberIsInNoOutboxRecordAndGoneFromTheDatabaseFileOnceHerTicketIsServed) {
  const std::string canary = "0699112233";
  gammu->start();
  const std::string ticket = anonymous_with_phone(canary);  // nobody ahead: due at once
  ASSERT_EQ(deliver().size(), 1u);
  checkpoint();
  ASSERT_FALSE(files_holding(dir / "data", canary).empty()) << "the canary must be findable while the ticket waits";
  EXPECT_EQ(every_record().find(canary), std::string::npos) << "never synced upstream";
  EXPECT_EQ(every_record().find("6991122"), std::string::npos);
  auto t = counter->call_next({"jisr"}, 1, "salma", clock.now());
  ASSERT_TRUE(t && t->id == ticket);
  EXPECT_TRUE(has_ticket_phone(*db, ticket)) << "called, not ended: a transfer keeps it";
  counter->served(ticket, cfg.catalogue.outcomes().front().id, "", "salma", clock.now());
  EXPECT_FALSE(has_ticket_phone(*db, ticket)) << "forgotten in the transaction that served her";
  EXPECT_EQ(count("SELECT count(*) FROM sms_queue WHERE phone IS NOT NULL OR body IS NOT NULL OR spool_name IS NOT NULL"),
            0);
  EXPECT_EQ(every_record().find(canary), std::string::npos);
  checkpoint();
  EXPECT_EQ(files_holding(dir / "data", canary), std::vector<std::string>{}) << "the file and its -wal";
  sms::launder_gammu_log((gammu->spool() / "gammu-smsd.log").string());  // as shubbak-sms does each round
  EXPECT_EQ(files_holding(dir / "gammu", canary), std::vector<std::string>{}) << "gammu's copy is deleted";
}

TEST_F(TicketPhoneTest, ANoShowOrACancelledTicketForgetsItAndItsUnwrittenMessageIsNeverSent) {
  cfg.settings.sms.quiet_start_minute = 0;  // the message is due but held back: the ticket ends before it is written
  cfg.settings.sms.quiet_end_minute = 24 * 60;
  const std::string ticket = anonymous_with_phone("0612345692");
  notifier->round();
  EXPECT_EQ(count("SELECT count(*) FROM sms_queue WHERE state='queued'"), 1);
  auto t = counter->call_next({"jisr"}, 1, "salma", clock.now());
  ASSERT_TRUE(t);
  counter->no_show(ticket, "salma", clock.now());
  EXPECT_FALSE(has_ticket_phone(*db, ticket));
  EXPECT_EQ(db->scalar_text("SELECT state FROM sms_queue"), "cancelled");
  const std::string other = anonymous_with_phone("0612345693");
  db->prepare("UPDATE tickets SET state='cancelled' WHERE id=?").bind(1, other).run();
  EXPECT_EQ(count("SELECT count(*) FROM ticket_phones"), 0);
}

TEST_F(TicketPhoneTest, ATicketStillWaitingWhenTheDayEndsLosesItsNumberAtThePurge) {
  const std::string ticket = anonymous_with_phone("0612345694");
  store::PurgeResult same_day = store::purge_personal_details(*db, clock.now(), 0, cfg.settings.zone);
  EXPECT_EQ(same_day.ticket_phones, 0) << "its day is not over";
  EXPECT_TRUE(has_ticket_phone(*db, ticket));
  store::PurgeResult next_day = store::purge_personal_details(*db, at(1, 0, 30), 0, cfg.settings.zone);
  EXPECT_EQ(next_day.ticket_phones, 1);
  EXPECT_FALSE(has_ticket_phone(*db, ticket));
}

}  // namespace
}  // namespace shubbak::testing
