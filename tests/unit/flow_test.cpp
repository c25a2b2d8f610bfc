// The visitor flow with a fake clock: no window, no store.
#include <gtest/gtest.h>

#include "kiosk/core/flow.hpp"
#include "common/utf8.hpp"
#include "common/centre_settings.hpp"
#include "tests/unit/flow_fixture.hpp"

using namespace shubbak;

class FlowTest : public shubbak::testing::FlowFixture {
 protected:
  FlowTest() : FlowFixture(2026, 11, 30) {}
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

TEST_F(FlowTest, RegistrationValidatesEachFieldThenAsksForConsent) {
  send(ev::ChooseLanguage{"fr"});
  send(ev::OpenService{"jisr"});
  send(ev::Register{});
  ASSERT_EQ(s.screen, Screen::Form);
  EXPECT_EQ(s.form.keyboard, Keyboard::French);
  EXPECT_TRUE(s.form.shift) << "a name starts with a capital";
  send(ev::FieldNext{});
  EXPECT_EQ(s.form.error, "form.error.name_missing");
  ASSERT_NE(effect<fx::PlayPrompt>(), nullptr);
  EXPECT_EQ(effect<fx::PlayPrompt>()->key, "form.error.name_missing") << "the problem is also spoken";
  send(ev::KeyText{"Amina"});
  send(ev::FieldNext{});
  EXPECT_EQ(s.form.keyboard, Keyboard::Digits);
  send(ev::KeyText{"+212 6 12 34 56 78"});
  send(ev::FieldNext{});
  EXPECT_EQ(u32_to_utf8(s.form.values[Field::Phone]), "0612345678") << "stored normalised";
  ASSERT_NE(effect<fx::LookupVisitor>(), nullptr) << "is she registered already?";
  EXPECT_EQ(effect<fx::LookupVisitor>()->normalized, "0612345678");
  send(ev::FieldNext{});  // ignored while the store answers
  send(ev::VisitorNotFound{});
  send(ev::FieldNext{});  // CIN is optional
  EXPECT_EQ(s.form.keyboard, Keyboard::Digits);
  send(ev::KeyText{"2030"});
  send(ev::FieldNext{});
  EXPECT_EQ(s.form.error, "form.error.birth_year");
  for (int i = 0; i < 4; ++i) send(ev::KeyBackspace{});
  send(ev::KeyText{"1988"});
  EXPECT_TRUE(s.form.error.empty()) << "typing clears the message";
  send(ev::FieldNext{});
  send(ev::KeyText{"Anfa"});
  send(ev::FieldNext{});
  send(ev::FieldNext{});
  EXPECT_EQ(s.form.error, "form.error.contact_missing");
  send(ev::ChooseContact{ContactPreference::Call});
  send(ev::FieldNext{});
  ASSERT_EQ(s.screen, Screen::Consent);
  send(ev::Back{});
  EXPECT_EQ(s.screen, Screen::Form) << "back from consent returns to the last question";
  send(ev::FieldNext{});
  for (int purpose = 0; purpose < 3; ++purpose) send(ev::Consent{true});  // keep, sms, share (one question each)
  auto* issue = effect<fx::IssueTicket>();
  ASSERT_NE(issue, nullptr);
  ASSERT_TRUE(issue->visitor);
  EXPECT_EQ(issue->visitor->name, "Amina");
  EXPECT_EQ(issue->visitor->birth_year, "1988");
  EXPECT_EQ(issue->visitor->contact, ContactPreference::Call);
  EXPECT_TRUE(s.form.values.empty()) << "the form is forgotten once handed to the store";
}

TEST_F(FlowTest, IdleResetWipesTheForm) {
  send(ev::ChooseLanguage{"ar"});
  send(ev::OpenService{"jisr"});
  send(ev::Register{});
  send(ev::KeyText{"فاطمة"});
  clock.advance(Seconds(cfg.settings.tuning.idle_seconds));
  send(ev::Tick{});
  EXPECT_EQ(s.screen, Screen::MoreTime);
  clock.advance(Seconds(cfg.settings.tuning.more_time_seconds));
  send(ev::Tick{});
  EXPECT_EQ(s.screen, Screen::Welcome);
  EXPECT_TRUE(s.form.edit.text.empty());
  EXPECT_TRUE(s.form.values.empty());
}

TEST(EditBuffer, CaretEditsInLogicalOrder) {
  EditBuffer b;
  b.insert(U"abd");
  b.move(-1);
  b.insert(U"c");
  EXPECT_EQ(b.text, U"abcd");
  EXPECT_EQ(b.caret, 3u);
  b.move(-10);
  b.backspace();
  EXPECT_EQ(b.text, U"abcd");
  b.move(+2);
  b.backspace();
  EXPECT_EQ(b.text, U"acd");
  b.insert(std::u32string(100, U'x'));
  EXPECT_EQ(b.text, U"acd") << "longer than a field allows: refused, not truncated";
}

TEST_F(FlowTest, CheckInByPhoneGivesATicketLinkedToHerRegistration) {
  send(ev::ChooseLanguage{"fr"});
  send(ev::OpenService{"jisr"});
  send(ev::CheckIn{});
  ASSERT_EQ(s.screen, Screen::CheckIn);
  EXPECT_EQ(s.form.keyboard, Keyboard::Digits);
  send(ev::KeyText{"0611223344"});
  send(ev::FieldNext{});
  ASSERT_NE(effect<fx::LookupVisitor>(), nullptr);
  send(ev::VisitorNotFound{});
  EXPECT_EQ(s.form.error, "checkin.not_found");
  send(ev::CheckInWithCin{});
  EXPECT_EQ(s.form.keyboard, Keyboard::Cin);
  send(ev::KeyText{"ab123456"});
  send(ev::FieldNext{});
  ASSERT_NE(effect<fx::LookupVisitor>(), nullptr);
  EXPECT_EQ(effect<fx::LookupVisitor>()->kind, IdentityKind::Cin);
  EXPECT_EQ(effect<fx::LookupVisitor>()->normalized, "AB123456");
  send(ev::VisitorFound{"v-1"});
  auto* issue = effect<fx::IssueTicket>();
  ASSERT_NE(issue, nullptr);
  EXPECT_EQ(issue->existing_visitor_id, "v-1");
  EXPECT_FALSE(issue->visitor) << "nothing new is stored about her";
}

TEST_F(FlowTest, ADuplicateRegistrationIsCaughtAndOffersCheckIn) {
  send(ev::ChooseLanguage{"ar"});
  send(ev::OpenService{"jisr"});
  send(ev::Register{});
  send(ev::KeyText{"فاطمة"});
  send(ev::FieldNext{});
  send(ev::KeyText{"0611223344"});
  send(ev::FieldNext{});
  send(ev::VisitorFound{"v-7"});
  ASSERT_EQ(s.screen, Screen::Duplicate);
  send(ev::UseRegistration{});
  auto* issue = effect<fx::IssueTicket>();
  ASSERT_NE(issue, nullptr);
  EXPECT_EQ(issue->existing_visitor_id, "v-7");
  EXPECT_FALSE(issue->visitor);
}

// The flow reads the date in the zone it is given, never in TZ: on 31 December 2026 at 12:00 UTC it is already
// 1 January 2027 on Kiritimati (UTC+14), where someone born in 2017 is ten, old enough to register.
TEST(FlowTimeZone, TheDateComesFromTheCentresZoneNotFromTz) {
  CentreConfig cfg = CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
  const TimePoint now = from_local(2026, 12, 31, 12, 0, TimeZone::utc());
  auto birth_year_error = [&](const TimeZone& zone) {
    Settings settings = cfg.settings;
    settings.zone = zone;
    VisitorFlow flow{cfg.catalogue, settings, false};
    FlowState s = flow.initial(now);
    for (const Event& e : std::vector<Event>{ev::ChooseLanguage{"fr"}, ev::OpenService{"jisr"}, ev::Register{},
                                             ev::KeyText{"Amina"}, ev::FieldNext{}, ev::KeyText{"0612345678"},
                                             ev::FieldNext{}, ev::VisitorNotFound{}, ev::FieldNext{},
                                             ev::KeyText{"2017"}, ev::FieldNext{}})
      s = flow.handle(s, e, now).state;
    return s.form.error;
  };
  ::unsetenv("TZ");
  ::tzset();
  EXPECT_EQ(birth_year_error(TimeZone::load("Pacific/Kiritimati")), "");
  EXPECT_EQ(birth_year_error(TimeZone::utc()), "form.error.birth_year");  // still 2026 there: nine years old
  ::setenv("TZ", "Pacific/Kiritimati", 1);  // the process's TZ changes nothing
  ::tzset();
  EXPECT_EQ(birth_year_error(TimeZone::utc()), "form.error.birth_year");
  ::unsetenv("TZ");
  ::tzset();
}

// The kinds are enums inside; outside (store, outbox payloads, automation ids) they keep their spellings.
TEST(FlowKinds, SpellingsOnDiskAndOnTheWireAreUnchanged) {
  EXPECT_STREQ(identity_kind_name(IdentityKind::Phone), "phone");
  EXPECT_STREQ(identity_kind_name(IdentityKind::Cin), "cin");
  EXPECT_EQ(parse_identity_kind("cin"), IdentityKind::Cin);
  EXPECT_FALSE(parse_identity_kind("CIN"));
  EXPECT_STREQ(contact_preference_name(ContactPreference::Sms), "sms");
  EXPECT_STREQ(contact_preference_name(ContactPreference::Call), "call");
  EXPECT_STREQ(contact_preference_name(ContactPreference::None), "none");
  EXPECT_STREQ(contact_preference_name(std::optional<ContactPreference>()), "");
  EXPECT_EQ(parse_contact_preference("call"), ContactPreference::Call);
  EXPECT_FALSE(parse_contact_preference(""));
  const char* names[] = {"ar", "fr", "zgh", "digits", "cin"};
  for (size_t i = 0; i < std::size(kAllKeyboards); ++i) {
    EXPECT_STREQ(keyboard_name(kAllKeyboards[i]), names[i]);
    EXPECT_EQ(parse_keyboard(names[i]), kAllKeyboards[i]);
  }
  EXPECT_EQ(VisitorFlow::keyboard_for(Field::Name, "zgh"), Keyboard::Tifinagh);
  EXPECT_EQ(VisitorFlow::keyboard_for(Field::Name, ""), Keyboard::French);
}
