// The visitor flow's accompaniment (issue 16), with a fake clock: consent for each purpose after the form, "I have
// an appointment" (found, not found, too many wrong codes), and what the IssueTicket effect carries to the store.
#include <gtest/gtest.h>

#include "common/centre_settings.hpp"
#include "kiosk/core/flow.hpp"
#include "kiosk/core/flow_ticket.hpp"
#include "tests/unit/flow_fixture.hpp"

using namespace shubbak;

namespace {

class Accompaniment : public shubbak::testing::FlowFixture {
 protected:
  Accompaniment() : FlowFixture(2026, 12, 1) {}

  // Literacy asks for a name, an optional phone and a birth year; it has no partners in the demo catalogue.
  void fill_literacy(const std::string& phone) {
    send(ev::ChooseLanguage{"fr"});
    send(ev::OpenService{"literacy"});
    send(ev::Register{});
    send(ev::KeyText{"Amina"});
    send(ev::FieldNext{});
    if (!phone.empty()) send(ev::KeyText{phone});
    send(ev::FieldNext{});
    if (!phone.empty()) send(ev::VisitorNotFound{});
    send(ev::KeyText{"1990"});
    send(ev::FieldNext{});
  }
  // Jisr asks for name, phone, CIN (optional), birth year, commune, contact; the partner "afak" takes its referrals.
  void fill_jisr() {
    for (const Event& e : std::vector<Event>{
             ev::ChooseLanguage{"ar"}, ev::OpenService{"jisr"}, ev::Register{}, ev::KeyText{"Nezha"}, ev::FieldNext{},
             ev::KeyText{"0612345678"}, ev::FieldNext{}, ev::VisitorNotFound{}, ev::FieldNext{}, ev::KeyText{"1985"},
             ev::FieldNext{}, ev::KeyText{"Anfa"}, ev::FieldNext{}, ev::ChooseContact{ContactPreference::Sms},
             ev::FieldNext{}})
      send(e);
  }
  void open_pad_from_service(const std::string& lang = "fr") {
    send(ev::ChooseLanguage{lang});
    send(ev::OpenService{"jisr"});
    send(ev::HaveAppointment{});
  }
  void type_code(const std::string& code) {
    send(ev::PadKind{IdentityKind::AppointmentCode});
    send(ev::KeyText{code});
    send(ev::FieldNext{});
  }
};

TEST_F(Accompaniment, EachPurposeTheServiceNeedsIsAskedOnItsOwnWithItsOwnExplanation) {
  fill_jisr();
  ASSERT_EQ(s.screen, Screen::Consent);
  EXPECT_EQ(VisitorFlow::consent_purpose(s), "keep");
  EXPECT_EQ(spoken(), "prompt.consent");
  send(ev::Consent{true});
  EXPECT_EQ(VisitorFlow::consent_purpose(s), "sms") << "she gave a phone";
  EXPECT_EQ(spoken(), "prompt.consent_sms");
  EXPECT_EQ(VisitorFlow::prompt_key(s), "prompt.consent_sms") << "the listen button says the same";
  EXPECT_EQ(effect<fx::IssueTicket>(), nullptr);
  send(ev::Back{});
  EXPECT_EQ(VisitorFlow::consent_purpose(s), "keep") << "back asks the previous purpose again";
  send(ev::Consent{true});
  send(ev::Consent{false});
  EXPECT_EQ(VisitorFlow::consent_purpose(s), "share") << "jisr has a partner in the catalogue";
  EXPECT_EQ(spoken(), "prompt.consent_share");
  send(ev::Consent{true});
  const auto* issue = effect<fx::IssueTicket>();
  ASSERT_NE(issue, nullptr);
  ASSERT_TRUE(issue->visitor);
  EXPECT_EQ(issue->visitor->phone, "0612345678");
  EXPECT_EQ(issue->consents, (std::map<std::string, bool>{{"keep", true}, {"sms", false}, {"share", true}}));
  EXPECT_TRUE(issue->appointment_id.empty());
}

TEST_F(Accompaniment, NoPhoneNoSmsQuestionAndNoPartnerNoShareQuestion) {
  fill_literacy("");
  ASSERT_EQ(s.screen, Screen::Consent);
  send(ev::Consent{true});
  const auto* issue = effect<fx::IssueTicket>();
  ASSERT_NE(issue, nullptr) << "keep was the only question";
  EXPECT_EQ(issue->consents, (std::map<std::string, bool>{{"keep", true}}));
}

TEST_F(Accompaniment, APhoneBringsTheSmsQuestionEvenWithoutPartners) {
  fill_literacy("0612345678");
  send(ev::Consent{true});
  EXPECT_EQ(VisitorFlow::consent_purpose(s), "sms");
  send(ev::Consent{true});
  const auto* issue = effect<fx::IssueTicket>();
  ASSERT_NE(issue, nullptr);
  EXPECT_EQ(issue->consents, (std::map<std::string, bool>{{"keep", true}, {"sms", true}}));
}

TEST_F(Accompaniment, NoToKeepGivesATicketWithNothingAboutHerAndAsksNothingMore) {
  fill_jisr();
  send(ev::Consent{false});
  const auto* issue = effect<fx::IssueTicket>();
  ASSERT_NE(issue, nullptr);
  EXPECT_FALSE(issue->visitor);
  EXPECT_TRUE(issue->consents.empty()) << "no registration: no consent rows either";
  EXPECT_TRUE(s.form.values.empty());
}

TEST_F(Accompaniment, AnAppointmentFoundByPhoneGivesATicketLinkedToIt) {
  open_pad_from_service();
  ASSERT_EQ(s.screen, Screen::Appointment);
  EXPECT_EQ(spoken(), "prompt.appointment");
  EXPECT_EQ(s.form.pad, IdentityKind::Phone);
  EXPECT_EQ(s.form.keyboard, Keyboard::Digits);
  send(ev::KeyText{"+212 612345678"});
  send(ev::FieldNext{});
  const auto* look = effect<fx::LookupAppointment>();
  ASSERT_NE(look, nullptr);
  EXPECT_EQ(look->kind, IdentityKind::Phone);
  EXPECT_EQ(look->normalized, "0612345678");
  send(ev::GetTicket{});  // ignored while the store answers
  EXPECT_EQ(effect<fx::IssueTicket>(), nullptr);
  send(ev::AppointmentFound{"ap-1", "v-1", "incubator", "09:30"});
  const auto* issue = effect<fx::IssueTicket>();
  ASSERT_NE(issue, nullptr);
  EXPECT_EQ(issue->appointment_id, "ap-1");
  EXPECT_EQ(issue->existing_visitor_id, "v-1");
  EXPECT_EQ(issue->service_id, "incubator") << "the ticket is for the appointment's service";
  EXPECT_FALSE(issue->visitor);
}

TEST_F(Accompaniment, FromTheWelcomeScreenThePadOpensInTheCentresLanguageAndBackReturnsThere) {
  send(ev::HaveAppointment{});
  ASSERT_EQ(s.screen, Screen::Appointment);
  EXPECT_EQ(s.lang, cfg.settings.default_lang);
  send(ev::PadKind{IdentityKind::Cin});
  EXPECT_EQ(s.form.keyboard, Keyboard::Cin);
  send(ev::KeyText{"k12345"});
  send(ev::FieldNext{});
  ASSERT_NE(effect<fx::LookupAppointment>(), nullptr);
  EXPECT_EQ(effect<fx::LookupAppointment>()->kind, IdentityKind::Cin);
  EXPECT_EQ(effect<fx::LookupAppointment>()->normalized, "K12345");
  send(ev::AppointmentNotFound{});
  EXPECT_EQ(s.form.error, "appointment.not_found");
  EXPECT_EQ(spoken(), "appointment.not_found") << "said, not only written";
  send(ev::Back{});
  EXPECT_EQ(s.screen, Screen::Welcome);
}

TEST_F(Accompaniment, NotFoundIsNeverADeadEnd) {
  open_pad_from_service();
  type_code("123456");
  ASSERT_NE(effect<fx::LookupAppointment>(), nullptr);
  EXPECT_EQ(effect<fx::LookupAppointment>()->kind, IdentityKind::AppointmentCode);
  send(ev::AppointmentNotFound{});
  EXPECT_EQ(s.form.error, "appointment.code_not_found");
  send(ev::OpenCatalogue{});  // "a ticket without the appointment"
  EXPECT_EQ(s.screen, Screen::Catalogue);
  send(ev::OpenService{"jisr"});
  send(ev::HaveAppointment{});
  send(ev::CallStaff{});
  ASSERT_NE(effect<fx::RaiseAlert>(), nullptr);
  send(ev::Back{});
  EXPECT_EQ(s.screen, Screen::Service);
}

TEST_F(Accompaniment, ACodeHasSixDigits) {
  open_pad_from_service();
  type_code("12345");
  EXPECT_EQ(effect<fx::LookupAppointment>(), nullptr);
  EXPECT_EQ(s.form.error, "appointment.code_format");
  send(ev::KeyText{"6"});
  send(ev::FieldNext{});
  ASSERT_NE(effect<fx::LookupAppointment>(), nullptr);
  EXPECT_EQ(effect<fx::LookupAppointment>()->normalized, "123456");
}

// Guessing one code in a million: five wrong codes in a row, whoever types them, and the pad stops taking codes
// for a while and calls staff; the phone still works; the lock ends by itself.
TEST_F(Accompaniment, FiveWrongCodesInARowLockTheCodesAndCallStaff) {
  for (int i = 0; i < kAppointmentCodeTries - 1; ++i) {
    open_pad_from_service();
    type_code("00000" + std::to_string(i));
    send(ev::AppointmentNotFound{});
    EXPECT_EQ(s.form.error, "appointment.code_not_found");
    EXPECT_EQ(effect<fx::RaiseAlert>(), nullptr);
    send(ev::Home{});  // a new visitor does not start the count again
  }
  open_pad_from_service();
  type_code("999999");
  send(ev::AppointmentNotFound{});
  EXPECT_EQ(s.form.error, "appointment.locked");
  ASSERT_NE(effect<fx::RaiseAlert>(), nullptr);
  EXPECT_EQ(effect<fx::RaiseAlert>()->kind, "call_staff");
  EXPECT_TRUE(s.staff_called) << "the footer says someone is coming";
  type_code("424242");
  EXPECT_EQ(effect<fx::LookupAppointment>(), nullptr) << "no code is looked up while locked";
  EXPECT_EQ(s.form.error, "appointment.locked");
  send(ev::Home{});
  open_pad_from_service();
  type_code("424242");
  EXPECT_EQ(effect<fx::LookupAppointment>(), nullptr) << "going home does not unlock";
  send(ev::PadKind{IdentityKind::Phone});
  send(ev::KeyText{"0612345678"});
  send(ev::FieldNext{});
  EXPECT_NE(effect<fx::LookupAppointment>(), nullptr) << "her phone still finds her";
  send(ev::AppointmentNotFound{});
  clock.advance(Seconds(kAppointmentCodeLockSeconds));
  send(ev::Home{});
  open_pad_from_service();
  type_code("424242");
  EXPECT_NE(effect<fx::LookupAppointment>(), nullptr) << "the lock ends by itself";
}

TEST_F(Accompaniment, ARightCodeStartsTheCountAgain) {
  for (int i = 0; i < kAppointmentCodeTries - 1; ++i) {
    open_pad_from_service();
    type_code("111111");
    send(ev::AppointmentNotFound{});
    send(ev::Home{});
  }
  open_pad_from_service();
  type_code("222222");
  send(ev::AppointmentFound{"ap-2", "v-2", "jisr", "10:00"});
  ASSERT_NE(effect<fx::IssueTicket>(), nullptr);
  send(ev::TicketIssued{IssuedTicket{"A-001", "jisr", false, 0, 0, {}, false}});
  send(ev::Home{});
  open_pad_from_service();
  type_code("333333");
  send(ev::AppointmentNotFound{});
  EXPECT_EQ(s.form.error, "appointment.code_not_found") << "not locked: the count started again";
}

TEST_F(Accompaniment, LateIsSaidGentlyOnTheTicket) {
  open_pad_from_service("ar");
  send(ev::KeyText{"0612345678"});
  send(ev::FieldNext{});
  send(ev::AppointmentFound{"ap-3", "v-3", "jisr", "08:00"});
  IssuedTicket t{"A-004", "jisr", false, 3, 12, {1}, false};
  t.late = true;
  send(ev::TicketIssued{t});
  ASSERT_EQ(s.screen, Screen::Ticket);
  bool said_late = false;
  for (const auto& e : fx)
    if (auto* p = std::get_if<fx::PlayPrompt>(&e)) said_late = said_late || p->key == "prompt.ticket_late";
  EXPECT_TRUE(said_late);
}

TEST(TicketDays, WeekdayAndDayMonthOfHerNextAppointment) {
  EXPECT_EQ(weekday_key("2026-12-01"), "day.tue");
  EXPECT_EQ(weekday_key("2026-12-06"), "day.sun");
  EXPECT_EQ(weekday_key("2027-01-04"), "day.mon");
  EXPECT_EQ(weekday_key("1970-01-01"), "day.thu");
  EXPECT_EQ(weekday_key("2026-13-01"), "");
  EXPECT_EQ(weekday_key(""), "");
  EXPECT_EQ(day_month("2026-12-08"), "08/12");
}

TEST(FlowKinds, TheAppointmentCodeHasItsOwnSpelling) {
  EXPECT_STREQ(identity_kind_name(IdentityKind::AppointmentCode), "code");
  EXPECT_EQ(parse_identity_kind("code"), IdentityKind::AppointmentCode);
  EXPECT_EQ(parse_identity_kind("phone"), IdentityKind::Phone);
}

}  // namespace
