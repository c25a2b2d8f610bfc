// A number for this ticket alone (issue 18), as the screens drive the flow: offered on the ticket screen only where
// an SMS would help, one tap to skip, a clear word for a number that is not a mobile, never looked up as a
// check-in, and gone from the kiosk's memory once saved.
#include <gtest/gtest.h>

#include "tests/unit/flow_fixture.hpp"

using namespace shubbak;

class TicketPhoneFlow : public shubbak::testing::FlowFixture {
 protected:
  TicketPhoneFlow() : FlowFixture(2026, 12, 1) { cfg.settings.sms.enabled = true; }

  // Her ticket for jisr (sms_ahead 3) with `ahead` people before her, on the ticket screen.
  void ticket(int ahead) {
    send(ev::ChooseLanguage{"ar"});
    send(ev::OpenService{"jisr"});
    send(ev::GetTicket{});
    IssuedTicket t{"A-007", "jisr", false, ahead, ahead * 10, {1}, false};
    t.id = "ticket-7";
    send(ev::TicketIssued{t});
    ASSERT_EQ(s.screen, Screen::Ticket);
  }
  void type(const std::string& digits) {
    for (char c : digits) send(ev::KeyText{std::string(1, c)});
  }
};

TEST_F(TicketPhoneFlow, TheTicketIsIssuedFirstThenHerNumberIsKeptForItWithHerLanguage) {
  ticket(6);
  EXPECT_TRUE(VisitorFlow::offers_ticket_sms(s, cfg.catalogue, cfg.settings));
  send(ev::WantSms{});
  ASSERT_EQ(s.screen, Screen::TicketPhone);
  EXPECT_EQ(spoken(), "prompt.ticket_phone") << "the words are spoken, not only written";
  EXPECT_EQ(s.form.keyboard, Keyboard::Digits);
  type("0612345678");
  send(ev::FieldNext{});
  EXPECT_EQ(effect<fx::LookupVisitor>(), nullptr) << "a number for this ticket is not a check-in";
  const auto* keep = effect<fx::KeepTicketPhone>();
  ASSERT_NE(keep, nullptr);
  EXPECT_EQ(keep->ticket_id, "ticket-7");
  EXPECT_EQ(keep->phone, "0612345678");
  EXPECT_EQ(keep->lang, "ar");
  send(ev::Back{});
  EXPECT_EQ(s.screen, Screen::TicketPhone) << "taps wait for the store's answer";
  send(ev::TicketPhoneSaved{true});
  EXPECT_EQ(s.screen, Screen::Ticket);
  EXPECT_TRUE(s.ticket.sms_phone_kept);
  EXPECT_EQ(spoken(), "prompt.ticket_phone_kept");
  EXPECT_TRUE(s.form.values.empty() && s.form.edit.text.empty()) << "the number leaves the kiosk's memory";
  EXPECT_FALSE(VisitorFlow::offers_ticket_sms(s, cfg.catalogue, cfg.settings)) << "asked once";
  EXPECT_EQ(s.ticket.number, "A-007");
}

TEST_F(TicketPhoneFlow, SkippingIsOneTapBackToHerTicketWithItsCountdownAgain) {
  ticket(6);
  send(ev::WantSms{});
  type("06");
  clock.advance(Seconds(40));
  send(ev::Back{});  // "no, thank you"
  EXPECT_EQ(s.screen, Screen::Ticket);
  EXPECT_EQ(effect<fx::KeepTicketPhone>(), nullptr);
  EXPECT_TRUE(s.form.edit.text.empty()) << "what she began to type is forgotten";
  EXPECT_EQ(VisitorFlow::seconds_left(s, clock.now()), cfg.settings.tuning.ticket_no_printer_seconds);
}

TEST_F(TicketPhoneFlow, ANumberThatIsNotAMoroccanMobileGetsAClearWordInHerLanguage) {
  ticket(6);
  send(ev::WantSms{});
  type("0522123456");  // a landline
  send(ev::FieldNext{});
  EXPECT_EQ(s.form.error, "form.error.phone_not_mobile");
  EXPECT_EQ(spoken(), "form.error.phone_not_mobile");
  EXPECT_EQ(effect<fx::KeepTicketPhone>(), nullptr);
  for (int i = 0; i < 10; ++i) send(ev::KeyBackspace{});
  type("061234");
  send(ev::FieldNext{});
  EXPECT_EQ(s.form.error, "form.error.phone_length");
  for (int i = 0; i < 6; ++i) send(ev::KeyBackspace{});
  type("+212712345678");
  send(ev::FieldNext{});
  ASSERT_NE(effect<fx::KeepTicketPhone>(), nullptr);
  EXPECT_EQ(effect<fx::KeepTicketPhone>()->phone, "0712345678");
}

TEST_F(TicketPhoneFlow, NotOfferedWhereAnSmsWouldNotHelp) {
  ticket(3);  // her turn is already near: the message would leave at once
  EXPECT_FALSE(VisitorFlow::offers_ticket_sms(s, cfg.catalogue, cfg.settings));
  send(ev::WantSms{});
  EXPECT_EQ(s.screen, Screen::Ticket);
  cfg.settings.sms.enabled = false;  // a centre without a modem
  s.ticket.people_ahead = 8;
  EXPECT_FALSE(VisitorFlow::offers_ticket_sms(s, cfg.catalogue, cfg.settings));
}

TEST_F(TicketPhoneFlow, NotSavedSheKeepsHerTicketAndIsToldSo) {
  ticket(6);
  send(ev::WantSms{});
  type("0612345678");
  send(ev::FieldNext{});
  send(ev::TicketPhoneSaved{false});
  EXPECT_EQ(s.screen, Screen::Ticket);
  EXPECT_TRUE(s.ticket.sms_phone_not_kept);
  EXPECT_EQ(spoken(), "prompt.ticket_phone_not_kept");
  EXPECT_EQ(s.ticket.number, "A-007");
}

TEST_F(TicketPhoneFlow, HomeOnThePadForgetsTheNumber) {
  ticket(6);
  send(ev::WantSms{});
  type("0612345678");
  send(ev::Home{});
  EXPECT_EQ(s.screen, Screen::Welcome);
  EXPECT_TRUE(s.form.edit.text.empty());
  EXPECT_TRUE(s.ticket.number.empty());
}
