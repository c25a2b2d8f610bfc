// Her whole path over three visits (issue 16), with one fake clock moved days apart, once with the kiosk in Arabic
// and once in French. Visit 1 (Monday): she registers for Jisr at the kiosk, keeping her details (a) and sharing her
// file with partners (c) but no SMS; the desk serves her and books her next two coaching sessions. Visit 2
// (Thursday): a walk-in took a ticket earlier; she says "I have an appointment" and types her phone: her ticket
// puts her ahead of the walk-in, the desk calls her first, sees visit 1 in her file and refers her to the incubator.
// Visit 3 (the next Tuesday): she types the code printed on her last ticket; the incubator accepts her and refers
// her to a partner association. Then the report's counts, and what the ministry's PostgreSQL holds after the real
// shubbak-sync drained the outbox through the real hub (nginx, receiver): counts and states, never her name, phone,
// CIN or the staff's words in clear.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "kiosk/admin/accompaniment_report.hpp"
#include "kiosk/core/flow_ticket.hpp"
#include "kiosk/store/staff_store.hpp"
#include "tests/integration/accompaniment_journey_support.hpp"
#include "tests/integration/helpers.hpp"
#include "tests/national/hub_fixture.hpp"

namespace shubbak::testing {
namespace {

const char* kName = "Canaryname Zzqx";
const char* kPhone = "0699887766";
const char* kCin = "ZZ987654";
const char* kReason = "Canaryreason wants to open a couscous workshop";
const char* kNote = "Canarynote husband must not know";

// What she reads on her ticket, in her language (assets/i18n/*.po), for a Jisr session on `tuesday` at 10:00.
struct Words {
  std::string next_appointment;
  std::string code_prefix;  // before the 6 digits
};
Words words(const std::string& lang, const std::string& tuesday) {
  if (lang == "ar")
    return {"الموعد الجاي: مواكبة جسر للتمكين، التلات " + day_month(tuesday) + " مع 10:00", "الكود ديال الموعد: "};
  return {"Prochain rendez-vous : Accompagnement Jisr, mardi " + day_month(tuesday) + " à 10:00",
          "Votre code pour ce rendez-vous : "};
}

// The journey's first day: a Monday ahead of the real date. The real shubbak-sync purges notes and details by the
// real date, so nothing of hers may look old to it, whatever day the test runs.
std::string monday_ahead(const TimeZone& zone) {
  TimePoint t = std::chrono::system_clock::now() + std::chrono::hours(24);
  for (int i = 0; i < 7 && weekday_key(local_day(t, zone)) != "day.mon"; ++i) t += std::chrono::hours(24);
  return local_day(t, zone);
}

std::string printed_text(const std::vector<app::PrintLine>& lines) {
  std::string out;
  for (const auto& l : lines) out += l.text + "\n";
  return out;
}

class Journey : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    hub.emplace(Hub::up(t.path / "hub", 1));
    make_hub_sync_config(t.path / "cfg", *hub, "kiosk-01", /*format3=*/true);
    config.emplace(CentreConfig::load((t.path / "cfg").string()));
    monday = monday_ahead(config->settings.zone);
    clock.emplace(local(0, 9, 0), config->settings.zone);
    kiosk.emplace(data(), *config, tr, *clock);
    StaffStore staff(kiosk->db());
    staff.add("salma", "Salma", "4821", clock->now(), {"jisr"});
    staff.add("khadija", "Khadija", "7315", clock->now(), {"incubator"});
  }
  fs::path data() const { return t.path / "data"; }
  // The local day `offset` days after the first (Monday), "YYYY-MM-DD".
  std::string day(int offset) const {
    int y = 0, m = 0, d = 0;
    std::sscanf(monday.c_str(), "%d-%d-%d", &y, &m, &d);
    const TimeZone& zone = config->settings.zone;
    return local_day(from_local(y, m, d, 12, 0, zone) + std::chrono::hours(24) * offset, zone);
  }
  TimePoint local(int offset, int hour, int minute) const {
    int y = 0, m = 0, d = 0;
    std::sscanf(day(offset).c_str(), "%d-%d-%d", &y, &m, &d);
    return from_local(y, m, d, hour, minute, config->settings.zone);
  }
  // The kiosk's outbox sent upstream by the real sync process; nothing left behind.
  void sync() {
    Result r = run({bin("shubbak-sync"), "--data", data().string(), "--config", (t.path / "cfg").string(), "--once"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(kiosk->db().scalar("SELECT count(*) FROM outbox WHERE state<>'sent'"), 0);
  }
  std::string pg(const std::string& sql) { return hub->psql(sql); }
  const std::string& lang() const { return GetParam(); }

  void first_visit();
  void second_visit(std::string& code);  // the code printed on her ticket
  void third_visit(const std::string& code);

  TempDir t;
  std::optional<Hub> hub;
  std::optional<CentreConfig> config;
  Translations tr = Translations::load(SHUBBAK_SOURCE_DIR "/assets/i18n");
  std::optional<ManualClock> clock;
  std::optional<KioskAtTheCentre> kiosk;
  std::string monday, visitor_id, incubator_referral;
};

// Monday (day 0): she registers, (a) and (c) yes, SMS no; served, two coaching sessions booked.
void Journey::first_visit() {
  kiosk->taps({ev::ChooseLanguage{lang()}, ev::OpenService{"jisr"}, ev::Register{}, ev::KeyText{kName},
               ev::FieldNext{}, ev::KeyText{kPhone}, ev::FieldNext{}, ev::KeyText{kCin}, ev::FieldNext{},
               ev::KeyText{"1988"}, ev::FieldNext{}, ev::KeyText{"Anfa"}, ev::FieldNext{},
               ev::ChooseContact{ContactPreference::Call}, ev::FieldNext{}});
  ASSERT_EQ(kiosk->state().screen, Screen::Consent);
  ASSERT_EQ(VisitorFlow::consent_purpose(kiosk->state()), "keep");
  kiosk->tap(ev::Consent{true});
  ASSERT_EQ(VisitorFlow::consent_purpose(kiosk->state()), "sms");
  kiosk->tap(ev::Consent{false});
  ASSERT_EQ(VisitorFlow::consent_purpose(kiosk->state()), "share");
  kiosk->tap(ev::Consent{true});
  ASSERT_EQ(kiosk->state().screen, Screen::Ticket);
  const std::string number = kiosk->state().ticket.number;
  visitor_id = kiosk->store().find_visitor(IdentityKind::Phone, kPhone).value_or("");
  ASSERT_FALSE(visitor_id.empty()) << "registered, found again by her phone";
  auto answers = kiosk->store().consents().current(visitor_id);
  EXPECT_TRUE(answers.at(ConsentPurpose::Keep).granted);
  EXPECT_FALSE(answers.at(ConsentPurpose::Sms).granted);
  EXPECT_TRUE(answers.at(ConsentPurpose::Share).granted);

  clock->set(local(0, 9, 10));
  DeskAtTheCentre desk(data(), *config, *clock);
  desk.sign_in("salma", "4821", 1);
  ASSERT_EQ(desk.call_next(), number);
  auto file = desk.file();
  ASSERT_TRUE(file);
  EXPECT_TRUE(file->visits.empty()) << "her first visit";
  for (int offset : {3, 8}) {  // Thursday and the next Tuesday, 10:00
    Booking b = desk.appointments.book(visitor_id, "jisr", local(offset, 10, 0), "salma", "salma", clock->now());
    ASSERT_TRUE(std::holds_alternative<Appointment>(b)) << "the slot had room";
  }
  clock->set(local(0, 9, 30));
  desk.served("jisr_registered", kNote);
  sync();
}

// Thursday (day 3): a walk-in at 09:40; she checks in by phone at 10:02, on time for 10:00.
void Journey::second_visit(std::string& code) {
  clock->set(local(3, 9, 40));
  kiosk->tap(ev::Home{});
  kiosk->taps({ev::ChooseLanguage{lang() == "ar" ? "fr" : "ar"}, ev::OpenService{"jisr"}, ev::GetTicket{}});
  const std::string walk_in = kiosk->state().ticket.number;
  EXPECT_EQ(kiosk->state().ticket.people_ahead, 0);

  clock->set(local(3, 10, 2));
  kiosk->tap(ev::Home{});
  kiosk->taps({ev::ChooseLanguage{lang()}, ev::OpenService{"jisr"}, ev::HaveAppointment{},
               ev::PadKind{IdentityKind::Phone}, ev::KeyText{kPhone}, ev::FieldNext{}});
  EXPECT_EQ(kiosk->state().screen, Screen::Ticket);
  const IssuedTicket mine = kiosk->state().ticket;
  EXPECT_TRUE(mine.for_appointment);
  EXPECT_FALSE(mine.late);
  EXPECT_EQ(mine.people_ahead, 0) << "on time: the walk-in who came earlier is called after her";
  EXPECT_EQ(mine.wait_minutes, 0);
  // Her ticket, in her language, carries her next session and its code.
  const auto& lines = kiosk->printed();
  const Words w = words(lang(), day(8));
  EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [&](const auto& l) { return l.text == w.next_appointment; }))
      << "no line reads: " << w.next_appointment << "\n" << printed_text(lines);
  for (const auto& l : lines)
    if (l.text.rfind(w.code_prefix, 0) == 0) code = l.text.substr(w.code_prefix.size());
  EXPECT_EQ(code.size(), 6u) << "the code line, in her language";
  EXPECT_TRUE(std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) << code;

  clock->set(local(3, 10, 5));
  DeskAtTheCentre desk(data(), *config, *clock);
  desk.sign_in("salma", "4821", 1);
  EXPECT_EQ(desk.call_next(), mine.number) << "her appointment ticket is called before the walk-in";
  auto file = desk.file();
  ASSERT_TRUE(file);
  ASSERT_EQ(file->visits.size(), 1u) << "visit 1 in her file";
  EXPECT_EQ(file->visits[0].day, day(0));
  EXPECT_EQ(file->visits[0].service_id, "jisr");
  EXPECT_EQ(file->visits[0].outcome, "jisr_registered");
  EXPECT_EQ(file->visits[0].note, kNote) << "her own service's staff read the note";
  ASSERT_EQ(file->appointments.size(), 1u) << "the session of Tuesday 8 is still ahead";
  EXPECT_EQ(file->appointments[0].code, code) << "the code on her ticket is that session's";
  ASSERT_EQ(file->milestones.size(), 1u);
  EXPECT_EQ(file->milestones[0].milestone, "registered");
  incubator_referral = desk.referrals.refer_internal(visitor_id, "jisr", "incubator", kReason, "salma", clock->now());
  clock->set(local(3, 10, 30));
  desk.served("coached");
  EXPECT_EQ(desk.call_next(), walk_in);
  desk.served("info_given");
  sync();
}

// The next Tuesday (day 8): she types her code at 09:50; the jisr desk sends her on to the incubator, which accepts her
// referral and refers her to the partner association Afak (she agreed to share her file).
void Journey::third_visit(const std::string& code) {
  clock->set(local(8, 9, 50));
  kiosk->tap(ev::Home{});
  kiosk->taps({ev::ChooseLanguage{lang()}, ev::OpenService{"jisr"}, ev::HaveAppointment{},
               ev::PadKind{IdentityKind::AppointmentCode}, ev::KeyText{code}, ev::FieldNext{}});
  ASSERT_EQ(kiosk->state().screen, Screen::Ticket) << "her code finds today's session";
  const IssuedTicket mine = kiosk->state().ticket;
  EXPECT_TRUE(mine.for_appointment);
  EXPECT_FALSE(mine.next_appointment) << "nothing more booked";

  clock->set(local(8, 10, 0));
  DeskAtTheCentre jisr(data(), *config, *clock);
  jisr.sign_in("salma", "4821", 1);
  ASSERT_EQ(jisr.call_next(), mine.number);
  auto file = jisr.file();
  ASSERT_TRUE(file);
  ASSERT_EQ(file->visits.size(), 2u);
  EXPECT_EQ(file->visits[0].outcome, "coached") << "newest first";
  ASSERT_EQ(file->referrals.size(), 1u);
  EXPECT_EQ(file->referrals[0].to_service, "incubator");
  EXPECT_EQ(file->referrals[0].state, "proposed");
  jisr.transfer("incubator");

  clock->set(local(8, 10, 20));
  DeskAtTheCentre incubator(data(), *config, *clock);
  incubator.sign_in("khadija", "7315", 2);
  auto waiting = incubator.referrals.waiting_at({"incubator"}, "khadija");
  ASSERT_EQ(waiting.size(), 1u) << "the internal referral shows at the receiving service's desk";
  EXPECT_EQ(waiting[0].reason, kReason);
  ASSERT_EQ(incubator.call_next(), mine.number) << "transferred, she keeps her number";
  incubator.referrals.accept(incubator_referral, "khadija", clock->now());
  incubator.referrals.refer_external(visitor_id, "incubator", "afak", kReason, "khadija", clock->now());
  clock->set(local(8, 11, 0));
  incubator.served("incubated");
  incubator.referrals.complete(incubator_referral, "khadija", clock->now());
  sync();
}

TEST_P(Journey, HerThreeVisitsReachTheReportAndTheMinistryWithoutHerIdentityInClear) {
  ASSERT_NO_FATAL_FAILURE(first_visit());
  std::string code;
  ASSERT_NO_FATAL_FAILURE(second_visit(code));
  ASSERT_NO_FATAL_FAILURE(third_visit(code));

  // The report (shubbak-admin report's accompaniment figures), each day for the whole centre.
  store::Database& db = kiosk->db();
  const TimeZone& zone = config->settings.zone;
  auto centre = [&](const std::string& day) { return admin::accompaniment_counts(db, day, zone)[""]; };
  auto day1 = centre(day(0));
  EXPECT_EQ(day1.milestones["registered"], 1);
  auto day2 = centre(day(3));
  EXPECT_EQ(day2.kept, 1);
  EXPECT_EQ(day2.late, 0);
  EXPECT_EQ(day2.missed, 0);
  EXPECT_EQ(day2.referrals["internal"]["proposed"], 1);
  EXPECT_EQ(day2.milestones["coached"], 1);
  auto day3 = centre(day(8));
  EXPECT_EQ(day3.kept, 1);
  EXPECT_EQ(day3.referrals["internal"]["accepted"], 1);
  EXPECT_EQ(day3.referrals["internal"]["completed"], 1);
  EXPECT_EQ(day3.referrals["external"]["proposed"], 1);
  EXPECT_EQ(day3.milestones["incubated"], 1);

  // The ministry's rows: every record once, her visits, her answers, her appointments, referrals and milestones.
  EXPECT_EQ(hub->count("SELECT count(*) FROM records"), db.scalar("SELECT count(*) FROM outbox"));
  EXPECT_EQ(hub->count("SELECT count(*) FROM registrations WHERE person_key IS NOT NULL AND service='jisr'"), 1);
  EXPECT_EQ(hub->count("SELECT count(*) FROM ticket_events WHERE event='issued'"), 4) << "her three and the walk-in";
  EXPECT_EQ(pg("SELECT purpose || '=' || granted || '@' || channel FROM consent_changes ORDER BY purpose"),
            "share=true@kiosk\nsms=false@kiosk\n");
  EXPECT_EQ(pg("SELECT event || ' ' || count(*) FROM appointment_events GROUP BY event ORDER BY event"),
            "booked 2\nkept 2\n");
  EXPECT_EQ(pg("SELECT to_kind || ':' || to_id || ' ' || event FROM referral_events ORDER BY at, to_kind, event"),
            "service:incubator proposed\npartner:afak proposed\nservice:incubator accepted\n"
            "service:incubator completed\n");
  EXPECT_EQ(pg("SELECT milestone FROM milestones ORDER BY at"), "registered\ncoached\nincubated\n");
  EXPECT_EQ(hub->count("SELECT count(DISTINCT visitor_id) FROM milestones"), 1);

  // Her name, phone and CIN, and the staff's words, are in no table in clear.
  Result dump = run({"/usr/lib/postgresql/15/bin/pg_dump", "--data-only", "-d", hub->db});
  ASSERT_EQ(dump.exit_code, 0) << dump.err;
  ASSERT_NE(dump.out.find("referral_events"), std::string::npos) << "the dump holds the tables";
  for (const char* secret : {"Canaryname", "Zzqx", kPhone, kCin, "Canaryreason", "Canarynote"})
    EXPECT_EQ(dump.out.find(secret), std::string::npos) << secret << " in clear in PostgreSQL";
}

INSTANTIATE_TEST_SUITE_P(KioskLanguage, Journey, ::testing::Values("ar", "fr"),
                         [](const ::testing::TestParamInfo<std::string>& i) { return i.param; });

}  // namespace
}  // namespace shubbak::testing
