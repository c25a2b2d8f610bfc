// Accompaniment at a real shubbak-desk (issue 16), over HTTPS: her file (a sensitive service's note absent from the
// page another service's staff receive), booking (a full slot offers the next free one), referrals (a partner
// referral refused without her share consent, made once she agrees at the desk; an internal one at the receiving
// desk and its lifecycle), consent told at the desk (SMS withdrawn cancels her queued SMS), the queue's marks and
// today's appointments. Each action is checked in the store afterwards; every new form needs its CSRF token.
#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <regex>

#include "common/centre_settings.hpp"
#include "kiosk/core/appointment_slots.hpp"
#include "kiosk/store/appointment_store.hpp"
#include "kiosk/store/consent_store.hpp"
#include "kiosk/store/referral_store.hpp"
#include "kiosk/store/sms_queue.hpp"
#include "store/data_dir.hpp"
#include "tests/desk/desk_fixture.hpp"

using namespace shubbak;
using namespace shubbak::testing;

namespace {

std::string form_escape(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c))
      out += static_cast<char>(c);
    else
      out += std::string("%") + hex[c >> 4] + hex[c & 15];
  }
  return out;
}

std::string unescaped(std::string s) {
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"&#39;", "'"},
                                 {"&quot;", "\""},
                                 {"&lt;", "<"},
                                 {"&gt;", ">"},
                                 {"&amp;", "&"}})
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
      s.replace(at, from.size(), to);
  return s;
}

// The values of the <option>s of the <select> with this id.
std::vector<std::string> options_of(const std::string& html, const std::string& id) {
  std::vector<std::string> out;
  size_t at = html.find("id=\"" + id + "\"");
  if (at == std::string::npos) return out;
  const std::string select = html.substr(at, html.find("</select>", at) - at);
  static const std::regex option(R"re(<option value="([^"]*)")re");
  for (auto it = std::sregex_iterator(select.begin(), select.end(), option); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

// The value of the hidden input `name` inside the form with this id.
std::string form_input(const std::string& html, const std::string& form_id, const std::string& name) {
  size_t at = html.find("id=\"" + form_id + "\"");
  if (at == std::string::npos) return "";
  return input_value(html.substr(at, html.find("</form>", at) - at), name);
}

VisitorDetails woman(const std::string& name, const std::string& phone) {
  VisitorDetails v;
  v.name = name;
  v.phone = phone;
  return v;
}

}  // namespace

class DeskAccompany : public ::testing::Test {
 protected:
  // A registered woman's ticket for this service (her answers for sms and share as given); returns its number.
  std::string registered(const std::string& service, const std::string& name, const std::string& phone,
                         bool sms = false, bool share = false) {
    IssueRequest req{service, woman(name, phone), "", false};
    req.consents = {{ConsentPurpose::Sms, sms}, {ConsentPurpose::Share, share}};
    return desk.issue_request(req);
  }
  std::string visitor_of(const std::string& number) {
    return desk.q("SELECT visitor_id FROM tickets WHERE number='" + number + "'");
  }
  // Signed in and serving the next ticket of the desk.
  Browser serving(const std::string& login, const std::string& pin, int counter) {
    Browser b = desk.browser();
    EXPECT_TRUE(b.sign_in(login, pin, counter)) << b.last_page;
    EXPECT_EQ(b.post("/call-next", "csrf=" + b.csrf()).status, 303);
    b.get("/console");
    return b;
  }
  void served(Browser& b, const std::string& note = "") {
    ASSERT_EQ(b.post("/served", "csrf=" + b.csrf() + "&outcome=info_given&note=" + form_escape(note)).status, 303);
    b.get("/console");
  }
  DeskProcess desk;
};

TEST_F(DeskAccompany, ASensitiveServicesNoteIsAbsentFromThePageAnotherServicesStaffReceive) {
  ASSERT_EQ(desk.admin({"staff", "add", "leila", "Leila M.", "--services", "listening"}, "2468\n").exit_code, 0);
  const std::string first = registered("listening", "Fatima Zahra", "0612345678");
  const std::string her = visitor_of(first);
  {
    Browser leila = serving("leila", "2468", 4);
    served(leila, "WORDS-ONLY-FOR-LISTENING");
  }
  desk.issue_request(IssueRequest{"jisr", std::nullopt, her, false});
  Browser salma = serving("salma", "4821", 1);
  const std::string page = unescaped(salma.last_page);
  EXPECT_NE(page.find("id=\"her-file\""), std::string::npos) << "her file beside her details";
  EXPECT_EQ(page.find("WORDS-ONLY-FOR-LISTENING"), std::string::npos) << "another service's staff read the note";
  EXPECT_NE(page.find("Note gardée par le service"), std::string::npos) << "she is not told a note exists";
  EXPECT_GE(std::stoi(desk.q("SELECT count(*) FROM audit_log WHERE action='history_viewed' AND actor='staff:salma'")),
            1);
  served(salma);

  desk.issue_request(IssueRequest{"listening", std::nullopt, her, false});
  Browser leila = serving("leila", "2468", 4);
  EXPECT_NE(leila.last_page.find("WORDS-ONLY-FOR-LISTENING"), std::string::npos) << "its own staff read it";
}

TEST_F(DeskAccompany, AWomanWhoGaveNoDetailsHasNoFileAndTheDeskSaysSo) {
  desk.issue("jisr");
  Browser b = serving("salma", "4821", 1);
  EXPECT_NE(b.last_page.find("id=\"no-file\""), std::string::npos);
  EXPECT_NE(unescaped(b.last_page).find("pas de dossier sans son accord"), std::string::npos);
  EXPECT_EQ(b.last_page.find("id=\"book-form\""), std::string::npos);
  EXPECT_EQ(desk.q("SELECT count(*) FROM audit_log WHERE action='history_viewed'"), "0");
}

TEST_F(DeskAccompany, BookingShowsHerCodeAndAFullSlotOffersTheNextFreeOneInOneClick) {
  registered("jisr", "Amal", "0611111111");
  registered("jisr", "Khadija", "0622222222");
  Browser b = serving("salma", "4821", 1);
  b.get("/console?book_service=incubator");  // one woman per slot
  const auto slots = options_of(b.last_page, "book-slot");
  ASSERT_FALSE(slots.empty()) << b.last_page;
  HttpAnswer booked = b.post("/book", "csrf=" + b.csrf() + "&service=incubator&slot=" + form_escape(slots.front()));
  ASSERT_EQ(booked.status, 303) << booked.body;
  b.get("/console");
  const std::string code = text_of(b.last_page, "appointment-code");
  EXPECT_EQ(code.size(), 6u) << b.last_page;
  EXPECT_EQ(desk.q("SELECT code FROM appointments WHERE state='booked'"), code);
  EXPECT_NE(b.last_page.find("id=\"print-card\""), std::string::npos);
  served(b);

  ASSERT_EQ(b.post("/call-next", "csrf=" + b.csrf()).status, 303);
  b.get("/console?book_service=incubator");
  HttpAnswer full = b.post("/book", "csrf=" + b.csrf() + "&service=incubator&slot=" + form_escape(slots.front()));
  EXPECT_EQ(full.status, 400);
  EXPECT_NE(unescaped(full.body).find("Cette heure est complète"), std::string::npos) << full.body;
  const std::string offered = form_input(full.body, "offer", "slot");
  ASSERT_FALSE(offered.empty()) << "no next free slot offered";
  EXPECT_NE(offered, slots.front());
  EXPECT_EQ(desk.q("SELECT count(*) FROM appointments"), "1") << "nothing booked on a full slot";
  b.last_page = full.body;
  ASSERT_EQ(b.post("/book", "csrf=" + b.csrf() + "&service=incubator&slot=" + form_escape(offered)).status, 303);
  EXPECT_EQ(desk.q("SELECT count(*) FROM appointments WHERE state='booked' AND service_id='incubator'"), "2");
  TimePoint slot{};
  ASSERT_TRUE(parse_rfc3339_utc(offered, slot));
  EXPECT_EQ(desk.q("SELECT count(*) FROM appointments WHERE slot_start='" + offered + "'"), "1");
}

// Late in the day today's last slots are often all taken: the booking form then opens on the first day with room,
// not on a day where every hour says "full" (whatever the hour this test runs at).
TEST_F(DeskAccompany, BookingOpensOnTheFirstDayWithAFreeSlot) {
  registered("jisr", "Amal", "0611111111");
  Browser b = serving("salma", "4821", 1);
  b.get("/console?book_service=incubator");  // one woman per slot
  const auto days = options_of(b.last_page, "book-day");
  ASSERT_GE(days.size(), 2u) << b.last_page;
  const std::string first_day = days.front();
  {
    CentreConfig config = CentreConfig::load(desk.cfg());
    store::Database db = store::open_store(desk.data());
    AppointmentStore store(db, config.catalogue, config.settings);
    const std::string her = visitor_of(registered("jisr", "Khadija", "0622222222"));
    const TimePoint now = std::chrono::system_clock::now();
    int booked = 0;
    for (const auto& slot : store.slots("incubator", first_day))
      for (int seat = slot.booked; slot.start > now && seat < slot.capacity; ++seat, ++booked)
        ASSERT_TRUE(std::holds_alternative<Appointment>(store.book(her, "incubator", slot.start, "", "salma", now)));
    ASSERT_GT(booked, 0);
  }
  b.get("/console?book_service=incubator");
  const std::string page = b.last_page;
  const size_t select = page.find("id=\"book-day\"");
  ASSERT_NE(select, std::string::npos);
  const size_t chosen = page.find(" selected", select);
  ASSERT_NE(chosen, std::string::npos) << "no day chosen";
  EXPECT_EQ(page.substr(page.rfind("value=\"", chosen) + 7, first_day.size()), days[1])
      << "the form still opens on " << first_day << ", whose every slot is taken";
  const size_t slots = page.find("id=\"book-slot\"");
  ASSERT_NE(slots, std::string::npos);
  const std::string slot_select = page.substr(slots, page.find("</select>", slots) - slots);
  static const std::regex free_option(R"re(<option value="[^"]*"(?! data-full))re");
  EXPECT_TRUE(std::regex_search(slot_select, free_option)) << "no free hour offered: " << slot_select;
}

TEST_F(DeskAccompany, APartnerReferralWithoutHerShareConsentIsRefusedWithWordsThenMadeOnceSheAgrees) {
  const std::string her = visitor_of(registered("jisr", "Naima", "0633333333", false, false));
  Browser b = serving("salma", "4821", 1);
  HttpAnswer refused = b.post("/refer", "csrf=" + b.csrf() + "&to=partner%3Aafak&reason=" + form_escape("Un projet"));
  EXPECT_EQ(refused.status, 400);
  const std::string words = unescaped(refused.body);
  EXPECT_NE(words.find("Elle n'a pas accepté que son dossier soit donné"), std::string::npos) << words;
  EXPECT_NE(refused.body.find("id=\"share-yes\""), std::string::npos) << "the desk does not offer to ask her";
  EXPECT_NE(refused.body.find(">Un projet</textarea>"), std::string::npos) << "the reason was not kept as typed";
  EXPECT_EQ(desk.q("SELECT count(*) FROM referrals"), "0");

  b.last_page = refused.body;
  ASSERT_EQ(b.post("/consent", "csrf=" + b.csrf() + "&purpose=share&answer=yes&then=refer").status, 303);
  EXPECT_EQ(desk.q("SELECT partner_id || ':' || state FROM referrals WHERE visitor_id='" + her + "'"), "afak:proposed");
  EXPECT_EQ(desk.q("SELECT granted || channel FROM consents WHERE visitor_id='" + her +
                   "' AND purpose='share' ORDER BY rowid DESC LIMIT 1"),
            "1desk");
  b.get("/console");
  EXPECT_NE(b.last_page.find("data-referral="), std::string::npos) << "her referral is not in her file";
}

TEST_F(DeskAccompany, AReasonOverTheLimitIsRefusedWithWordsAndKeptAsTyped) {
  registered("jisr", "Naima", "0633333333");
  Browser b = serving("salma", "4821", 1);
  const std::string too_long(ReferralStore::kMaxReasonChars + 1, 'x');
  HttpAnswer a = b.post("/refer", "csrf=" + b.csrf() + "&to=service%3Aincubator&reason=" + too_long);
  EXPECT_EQ(a.status, 400);
  EXPECT_NE(unescaped(a.body).find("Le motif est trop long : 500 caractères au plus"), std::string::npos) << a.body;
  EXPECT_NE(a.body.find(">" + too_long + "</textarea>"), std::string::npos);
  EXPECT_EQ(desk.q("SELECT count(*) FROM referrals"), "0");
}

TEST_F(DeskAccompany, AnInternalReferralShowsAtTheReceivingDeskWhichFollowsItsLifecycle) {
  const std::string her = visitor_of(registered("jisr", "Naima", "0633333333"));
  Browser salma = serving("salma", "4821", 1);
  ASSERT_EQ(
      salma.post("/refer", "csrf=" + salma.csrf() + "&to=service%3Aincubator&reason=" + form_escape("Son idée")).status,
      303);
  const std::string id = desk.q("SELECT id FROM referrals WHERE to_service='incubator'");
  ASSERT_FALSE(id.empty());
  Browser amina = desk.browser();
  ASSERT_TRUE(amina.sign_in("amina", "1357", 2));
  const size_t in = amina.last_page.find("id=\"referrals-in\"");
  ASSERT_NE(in, std::string::npos);
  EXPECT_NE(amina.last_page.find("data-referral=\"" + id + "\"", in), std::string::npos) << amina.last_page;
  EXPECT_EQ(amina.last_page.find("Naima"), std::string::npos) << "a list names her";
  ASSERT_EQ(amina.post("/referral", "csrf=" + amina.csrf() + "&referral=" + id + "&step=accept").status, 303);
  EXPECT_EQ(desk.q("SELECT state FROM referrals WHERE id='" + id + "'"), "accepted");
  amina.get("/console");
  HttpAnswer no_reason =
      amina.post("/referral", "csrf=" + amina.csrf() + "&referral=" + id + "&step=not_complete&reason=x");
  EXPECT_EQ(no_reason.status, 400);
  ASSERT_EQ(
      amina.post("/referral", "csrf=" + amina.csrf() + "&referral=" + id + "&step=not_complete&reason=unreachable")
          .status,
      303);
  EXPECT_EQ(desk.q("SELECT state || ':' || state_reason FROM referrals WHERE id='" + id + "'"),
            "not_completed:unreachable");
  (void)her;
}

TEST_F(DeskAccompany, WithdrawingSmsAtTheDeskCancelsHerQueuedSmsAtOnceAndSaysSo) {
  const std::string her = visitor_of(registered("jisr", "Souad", "0644444444", true, false));
  {
    store::Database db = store::open_store(desk.data());
    const TimePoint now = std::chrono::system_clock::now();
    SmsQueue(db).enqueue(her, "appointment_reminder", "a-1", now + std::chrono::hours(20), now);
  }
  Browser b = serving("salma", "4821", 1);
  EXPECT_NE(b.last_page.find("data-purpose=\"sms\""), std::string::npos);
  ASSERT_EQ(b.post("/consent", "csrf=" + b.csrf() + "&purpose=sms&answer=no").status, 303);
  EXPECT_EQ(desk.q("SELECT state FROM sms_queue WHERE visitor_id='" + her + "'"), "cancelled");
  EXPECT_EQ(desk.q("SELECT count(*) FROM audit_log WHERE actor='staff:salma' AND action LIKE 'consent%'"), "1");
  b.get("/console");
  EXPECT_NE(unescaped(b.last_page).find("SMS en attente annulés : 1."), std::string::npos) << b.last_page;
  {
    store::Database db = store::open_store(desk.data());
    const TimePoint now = std::chrono::system_clock::now();
    EXPECT_THROW(SmsQueue(db).enqueue(her, "appointment_reminder", "a-2", now, now), ConsentMissing);
  }
}

TEST_F(DeskAccompany, EveryAccompanimentFormNeedsItsCsrfToken) {
  registered("jisr", "Naima", "0633333333", true, true);
  Browser b = serving("salma", "4821", 1);
  b.get("/console");
  const std::string slot = options_of(b.last_page, "book-slot").empty() ? "" : options_of(b.last_page, "book-slot")[0];
  const std::pair<const char*, std::string> forms[] = {{"/book", "service=jisr&slot=" + form_escape(slot)},
                                                       {"/appointment-cancel", "appointment=x"},
                                                       {"/refer", "to=partner%3Aafak&reason=r"},
                                                       {"/referral", "referral=x&step=accept"},
                                                       {"/consent", "purpose=sms&answer=no"}};
  for (const auto& [path, body] : forms) {
    EXPECT_EQ(b.post(path, body).status, 403) << path;
    EXPECT_EQ(b.post(path, "csrf=wrong&" + body).status, 403) << path;
  }
  EXPECT_EQ(desk.q("SELECT (SELECT count(*) FROM appointments) + (SELECT count(*) FROM referrals) + "
                   "(SELECT count(*) FROM consents WHERE channel='desk')"),
            "0");
}

TEST_F(DeskAccompany, TheQueueMarksAnAppointmentsTicketAndTodaysPanelShowsHerWithoutHerName) {
  CentreConfig config = CentreConfig::load(desk.cfg());
  const Service& jisr = *config.catalogue.service("jisr");
  const TimePoint now = std::chrono::system_clock::now();
  const auto starts = slots_of_day(jisr.slots, local_day(now, config.settings.zone), config.settings.zone);
  if (starts.empty()) GTEST_SKIP() << "jisr takes no appointments on this weekday";
  // Booked earlier today for the last slot of today (before it began), she checks in now.
  const std::string her = visitor_of(registered("social", "Zineb", "0655555555"));
  std::string appointment_id;
  {
    store::Database db = store::open_store(desk.data());
    AppointmentStore store(db, config.catalogue, config.settings);
    Booking b = store.book(her, "jisr", starts.back(), "", "salma", starts.back() - std::chrono::hours(1));
    ASSERT_TRUE(std::holds_alternative<Appointment>(b));
    appointment_id = std::get<Appointment>(b).id;
  }
  Browser before = desk.browser();
  ASSERT_TRUE(before.sign_in("salma", "4821", 1));
  const size_t panel = before.last_page.find("id=\"appointments-today\"");
  ASSERT_NE(panel, std::string::npos);
  const std::string hhmm = local_hhmm(starts.back(), config.settings.zone);
  EXPECT_NE(before.last_page.find(hhmm, panel), std::string::npos);
  EXPECT_NE(before.last_page.find(">Z<", panel), std::string::npos) << "her first letter only";
  EXPECT_EQ(before.last_page.find("Zineb"), std::string::npos);

  IssueRequest req{"jisr", std::nullopt, her, false};
  req.appointment_id = appointment_id;
  const std::string number = desk.issue_request(req);
  before.get("/console");  // a page loaded after the kiosk's ticket: the queue as it is now, with her mark
  const std::string page = unescaped(before.last_page);
  const size_t row =
      page.find("data-ticket=\"" + desk.q("SELECT id FROM tickets WHERE number='" + number + "'") + "\"");
  ASSERT_NE(row, std::string::npos) << page;
  const bool late = desk.q("SELECT late FROM appointments WHERE id='" + appointment_id + "'") == "1";
  const std::string mark = late ? "en retard — sans rendez-vous" : "rendez-vous " + hhmm;
  EXPECT_NE(page.find(mark, row), std::string::npos) << page.substr(row, 600);
  EXPECT_LT(page.find(mark, row), page.find("</li>", row));
}

TEST_F(DeskAccompany, HerAppointmentIsMovedToAnotherTimeOrCancelledFromHerFile) {
  registered("jisr", "Amal", "0611111111");
  Browser b = serving("salma", "4821", 1);
  // The last day offered: a whole day of hours, whatever the hour this test runs at (today may have one left).
  const auto days = options_of(b.last_page, "book-day");
  ASSERT_FALSE(days.empty()) << b.last_page;
  b.get("/console?book_service=jisr&book_day=" + days.back());
  const auto slots = options_of(b.last_page, "book-slot");
  ASSERT_GE(slots.size(), 2u) << b.last_page;
  ASSERT_EQ(b.post("/book", "csrf=" + b.csrf() + "&service=jisr&slot=" + form_escape(slots[0])).status, 303);
  const std::string id = desk.q("SELECT id FROM appointments");
  b.get("/console?move=" + id);
  EXPECT_EQ(input_value(b.last_page.substr(b.last_page.find("id=\"book-form\"")), "move"), id);
  ASSERT_EQ(b.post("/book", "csrf=" + b.csrf() + "&service=jisr&move=" + id + "&slot=" + form_escape(slots[1])).status,
            303);
  EXPECT_EQ(desk.q("SELECT slot_start || ' ' || state FROM appointments WHERE id='" + id + "'"), slots[1] + " booked");
  EXPECT_EQ(desk.q("SELECT count(*) FROM appointments"), "1") << "a move books no second appointment";
  ASSERT_EQ(b.post("/appointment-cancel", "csrf=" + b.csrf() + "&appointment=" + id).status, 303);
  EXPECT_EQ(desk.q("SELECT state FROM appointments WHERE id='" + id + "'"), "cancelled");
  b.get("/console");
  EXPECT_NE(unescaped(b.last_page).find("Rendez-vous annulé."), std::string::npos);
  EXPECT_EQ(b.last_page.find("data-appointment=\"" + id + "\""), std::string::npos);
}
