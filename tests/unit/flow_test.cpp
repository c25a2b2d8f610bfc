// The visitor flow with a fake clock: no window, no store.
#include <gtest/gtest.h>

#include "flow.hpp"
#include "settings.hpp"

using namespace shubbak;

class FlowTest : public ::testing::Test {
 protected:
  CentreConfig cfg = CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
  ManualClock clock{from_local(2026, 11, 30, 9, 0)};
  VisitorFlow flow{cfg.catalogue, cfg.settings, false};
  FlowState s = flow.initial(clock.now());
  std::vector<Effect> fx;

  void send(const Event& e) {
    Step st = flow.handle(s, e, clock.now());
    s = st.state;
    fx = st.effects;
  }
  template <class T>
  const T* effect() const {
    for (const auto& e : fx)
      if (auto* p = std::get_if<T>(&e)) return p;
    return nullptr;
  }
};

TEST_F(FlowTest, QuickTicketInThreeTapsAfterLanguage) {
  send(ev::ChooseLanguage{"fr"});
  EXPECT_EQ(s.screen, Screen::Catalogue);
  send(ev::OpenService{"jisr"});
  EXPECT_EQ(s.screen, Screen::Service);
  send(ev::GetTicket{});
  ASSERT_NE(effect<fx::IssueTicket>(), nullptr);
  EXPECT_EQ(effect<fx::IssueTicket>()->service_id, "jisr");
  EXPECT_TRUE(s.saving);
  send(ev::TicketIssued{IssuedTicket{"A-001", "jisr", false, 0, 0, {1, 2}, false}});
  EXPECT_EQ(s.screen, Screen::Ticket);
  EXPECT_EQ(s.ticket.number, "A-001");
}

TEST_F(FlowTest, DoubleTapWhileSavingMakesOneTicket) {
  send(ev::ChooseLanguage{"ar"});
  send(ev::OpenService{"jisr"});
  send(ev::GetTicket{});
  send(ev::GetTicket{});
  EXPECT_EQ(effect<fx::IssueTicket>(), nullptr);
  send(ev::Back{});
  EXPECT_EQ(s.screen, Screen::Service);  // taps are ignored until the ticket is saved
}

TEST_F(FlowTest, StoreFailureShowsTheErrorScreenAndAlertsTheCounter) {
  send(ev::ChooseLanguage{"zgh"});
  send(ev::OpenService{"literacy"});
  send(ev::GetTicket{});
  send(ev::StoreFailed{});
  EXPECT_EQ(s.screen, Screen::StoreError);
  ASSERT_NE(effect<fx::RaiseAlert>(), nullptr);
  EXPECT_EQ(effect<fx::RaiseAlert>()->kind, "store_error");
}

TEST_F(FlowTest, IdleAsksForMoreTimeThenGoesHomeAndForgets) {
  send(ev::ChooseLanguage{"fr"});
  send(ev::OpenService{"jisr"});
  clock.advance(Seconds(cfg.settings.tuning.idle_seconds - 1));
  send(ev::Tick{});
  EXPECT_EQ(s.screen, Screen::Service);
  clock.advance(Seconds(1));
  send(ev::Tick{});
  EXPECT_EQ(s.screen, Screen::MoreTime);
  EXPECT_EQ(VisitorFlow::seconds_left(s, clock.now()), cfg.settings.tuning.more_time_seconds);
  clock.advance(Seconds(cfg.settings.tuning.more_time_seconds));
  send(ev::Tick{});
  EXPECT_EQ(s.screen, Screen::Welcome);
  EXPECT_TRUE(s.lang.empty());
  EXPECT_TRUE(s.service_id.empty());
}

TEST_F(FlowTest, MoreTimeReturnsToWhereSheWas) {
  send(ev::ChooseLanguage{"fr"});
  send(ev::OpenService{"jisr"});
  clock.advance(Seconds(cfg.settings.tuning.idle_seconds));
  send(ev::Tick{});
  send(ev::KeepGoing{});
  EXPECT_EQ(s.screen, Screen::Service);
  EXPECT_EQ(s.service_id, "jisr");
}

TEST_F(FlowTest, TicketScreenClosesByItselfLongerWithoutPrinter) {
  send(ev::ChooseLanguage{"fr"});
  send(ev::OpenService{"jisr"});
  send(ev::GetTicket{});
  send(ev::TicketIssued{IssuedTicket{"A-001", "jisr", false, 0, 0, {}, false}});
  clock.advance(Seconds(cfg.settings.tuning.ticket_no_printer_seconds - 1));
  send(ev::Tick{});
  EXPECT_EQ(s.screen, Screen::Ticket);
  clock.advance(Seconds(1));
  send(ev::Tick{});
  EXPECT_EQ(s.screen, Screen::Welcome);
}

TEST_F(FlowTest, HelpMeChooseLeadsToAServiceAndBackRetracesTheAnswers) {
  send(ev::ChooseLanguage{"ar"});
  send(ev::OpenHelp{});
  EXPECT_EQ(s.screen, Screen::Help);
  send(ev::AnswerHelp{"want-work"});
  EXPECT_EQ(s.question_id, "work");
  send(ev::AnswerHelp{"have-idea"});
  EXPECT_EQ(s.screen, Screen::Service);
  EXPECT_EQ(s.service_id, "incubator");
  send(ev::Back{});
  EXPECT_EQ(s.screen, Screen::Help);
  EXPECT_EQ(s.question_id, "work");
  send(ev::Back{});
  EXPECT_EQ(s.question_id, "need");
  send(ev::AnswerHelp{"have-idea"});  // not an answer of this question
  EXPECT_EQ(s.question_id, "need");
}

TEST_F(FlowTest, CallStaffAlertsOncePerVisit) {
  send(ev::CallStaff{});
  ASSERT_NE(effect<fx::RaiseAlert>(), nullptr);
  EXPECT_EQ(effect<fx::RaiseAlert>()->kind, "call_staff");
  send(ev::CallStaff{});
  EXPECT_EQ(effect<fx::RaiseAlert>(), nullptr);
  send(ev::Home{});
  send(ev::CallStaff{});
  EXPECT_NE(effect<fx::RaiseAlert>(), nullptr);
}

TEST_F(FlowTest, UnknownLanguageOrServiceIsIgnored) {
  send(ev::ChooseLanguage{"en"});
  EXPECT_EQ(s.screen, Screen::Welcome);
  send(ev::ChooseLanguage{"fr"});
  send(ev::OpenService{"nonexistent"});
  EXPECT_EQ(s.screen, Screen::Catalogue);
}
