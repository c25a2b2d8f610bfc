// Her history at the desk (issue 16): previous visits, open appointments, referrals, milestones; a sensitive
// service's notes reach only that service's staff; each view audited.
#include <gtest/gtest.h>

#include "accompaniment_fixture.hpp"
#include "kiosk/store/history_store.hpp"
#include "kiosk/store/referral_store.hpp"

using namespace shubbak;
using shubbak::testing::AccompanimentTest;

class HistoryTest : public AccompanimentTest {
 protected:
  void book(const std::string& visitor_id, const std::string& service, TimePoint slot, const std::string& state,
            const std::string& code) {
    db->prepare("INSERT INTO appointments(id, visitor_id, service_id, day, slot_start, code, state, created_at, "
                "created_by, updated_at) VALUES(?,?,?,?,?,?,?,?,'salma',?)")
        .bind(1, store::new_uuid_v4()).bind(2, visitor_id).bind(3, service).bind(4, local_day(slot, cfg.settings.zone))
        .bind(5, to_rfc3339_utc(slot)).bind(6, code).bind(7, state).bind(8, to_rfc3339_utc(clock.now()))
        .bind(9, to_rfc3339_utc(clock.now())).run();
  }
  // Her three visits: registered at jisr (note), at listening (a sensitive note), at legal (no note); then a
  // fourth ticket, now called at `service` by `staff`. Returns the called ticket.
  std::string three_visits_then_called(const std::string& service, const std::string& staff) {
    her = register_woman("jisr", "0611223344");
    serve(latest_ticket(), "jisr_registered", "Veut ouvrir un atelier de couture", "salma");
    clock.advance(std::chrono::hours(24 * 7));
    serve(ticket_for(her, "listening"), "follow_up", "Violences du mari, a peur pour ses enfants", "hind");
    clock.advance(std::chrono::hours(24 * 7));
    serve(ticket_for(her, "legal"), "legal_referred", "", "amal");
    clock.advance(std::chrono::hours(24 * 7));
    std::string now_ticket = ticket_for(her, service);
    auto t = counter->call_next({service}, 1, staff, clock.now());
    EXPECT_TRUE(t && t->id == now_ticket);
    return now_ticket;
  }
  std::string her;
};

TEST_F(HistoryTest, ShowsHerPreviousVisitsAppointmentsReferralsAndMilestonesAndIsAudited) {
  add_staff("salma", {"jisr"});
  add_staff("hind", {"listening"});
  add_staff("amal", {"legal"});
  std::string now_ticket = three_visits_then_called("jisr", "salma");
  const TimePoint next_week = from_local(2026, 12, 29, 10, 0, cfg.settings.zone);
  book(her, "jisr", next_week, "booked", "483920");
  book(her, "jisr", from_local(2026, 12, 8, 10, 0, cfg.settings.zone), "kept", "111111");
  ReferralStore rs(*db, cfg.catalogue, cfg.settings);
  rs.refer_internal(her, "jisr", "incubator", "projet couture", "salma", clock.now());
  HistoryStore hs(*db, cfg.catalogue, cfg.settings);
  auto h = hs.for_ticket(now_ticket, "salma", clock.now());
  ASSERT_TRUE(h);
  EXPECT_EQ(h->visitor_id, her);
  ASSERT_EQ(h->visits.size(), 3u) << "today's ticket is not among her previous visits";
  EXPECT_EQ(h->visits[0].service_id, "legal") << "newest first";
  EXPECT_EQ(h->visits[0].outcome, "legal_referred");
  EXPECT_EQ(h->visits[0].note_state, NoteState::None);
  EXPECT_EQ(h->visits[2].service_id, "jisr");
  EXPECT_EQ(h->visits[2].day, "2026-12-01");
  EXPECT_EQ(h->visits[2].outcome, "jisr_registered");
  EXPECT_EQ(h->visits[2].note_state, NoteState::Shown);
  EXPECT_EQ(h->visits[2].note, "Veut ouvrir un atelier de couture");
  ASSERT_EQ(h->appointments.size(), 1u) << "only the booked one is open";
  EXPECT_EQ(h->appointments[0].code, "483920");
  EXPECT_EQ(h->appointments[0].slot_start, next_week);
  ASSERT_EQ(h->referrals.size(), 1u);
  EXPECT_EQ(h->referrals[0].to_service, "incubator");
  EXPECT_EQ(h->referrals[0].reason, "projet couture");
  ASSERT_EQ(h->milestones.size(), 1u);
  EXPECT_EQ(h->milestones[0].milestone, "registered");
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action='history_viewed' AND actor='staff:salma'"), 1);
  hs.for_ticket(now_ticket, "salma", clock.now());
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action='history_viewed'"), 2) << "each view is audited";
}

TEST_F(HistoryTest, ASensitiveServicesNoteIsHiddenFromAnotherServicesStaffAndItsWordsAreNotInTheResult) {
  add_staff("salma", {"jisr"});
  add_staff("hind", {"listening"});
  add_staff("amal", {"legal"});
  std::string now_ticket = three_visits_then_called("jisr", "salma");
  HistoryStore hs(*db, cfg.catalogue, cfg.settings);
  auto h = hs.for_ticket(now_ticket, "salma", clock.now());
  ASSERT_TRUE(h);
  ASSERT_EQ(h->visits.size(), 3u);
  const PastVisit& listening = h->visits[1];
  EXPECT_EQ(listening.service_id, "listening");
  EXPECT_EQ(listening.outcome, "follow_up") << "the visit itself is shown";
  EXPECT_EQ(listening.note_state, NoteState::Hidden) << "she learns that a note exists";
  EXPECT_TRUE(listening.note.empty());
  for (const auto& v : h->visits) EXPECT_EQ(v.note.find("Violences"), std::string::npos) << "not loaded at all";
  EXPECT_NE(db->scalar_text("SELECT detail FROM audit_log WHERE action='history_viewed'").find("hidden=1"),
            std::string::npos);
}

TEST_F(HistoryTest, ASensitiveServicesNoteIsShownToThatServicesStaff) {
  add_staff("salma", {"jisr"});
  add_staff("hind", {"listening", "social"});
  add_staff("amal", {"legal"});
  std::string now_ticket = three_visits_then_called("social", "hind");
  HistoryStore hs(*db, cfg.catalogue, cfg.settings);
  auto h = hs.for_ticket(now_ticket, "hind", clock.now());
  ASSERT_TRUE(h);
  ASSERT_EQ(h->visits.size(), 3u);
  EXPECT_EQ(h->visits[1].note_state, NoteState::Shown);
  EXPECT_EQ(h->visits[1].note, "Violences du mari, a peur pour ses enfants");
  EXPECT_EQ(h->visits[2].note, "Veut ouvrir un atelier de couture") << "an ordinary service's note: everyone";
}

TEST_F(HistoryTest, OnlyWhileSheIsBeingServedAndOnlyForARegisteredWoman) {
  add_staff("salma", {"jisr"});
  HistoryStore hs(*db, cfg.catalogue, cfg.settings);
  her = register_woman("jisr", "0611223344");
  std::string t = latest_ticket();
  EXPECT_FALSE(hs.for_ticket(t, "salma", clock.now())) << "not while she waits";
  counter->call_next({"jisr"}, 1, "salma", clock.now());
  auto h = hs.for_ticket(t, "salma", clock.now());
  ASSERT_TRUE(h);
  EXPECT_TRUE(h->visits.empty()) << "her first visit";
  counter->served(t, "info_given", "", "salma", clock.now());
  EXPECT_FALSE(hs.for_ticket(t, "salma", clock.now())) << "not after she was served";
  kiosk->issue(IssueRequest{"jisr", std::nullopt, "", false}, clock.now());
  std::string anonymous = latest_ticket();
  counter->call_next({"jisr"}, 1, "salma", clock.now());
  EXPECT_FALSE(hs.for_ticket(anonymous, "salma", clock.now())) << "an anonymous ticket has no history";
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action='history_viewed'"), 1);
}
