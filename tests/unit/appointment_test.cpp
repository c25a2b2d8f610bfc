// Appointments on a real store with a fake clock (issue 16): booking until a slot is full, moving, cancelling,
// checking in at the kiosk (on time, early, late), the queue's order, missed appointments, codes, outbox records.
#include <set>

#include "store/privacy.hpp"
#include "tests/unit/accompaniment_fixture.hpp"

using namespace shubbak;
using shubbak::testing::AppointmentTest;

// The numbers "call next" gives for jisr from now on, until nobody waits.
static std::vector<std::string> call_all(CounterStore& c, TimePoint now) {
  std::vector<std::string> out;
  while (auto t = c.call_next({"jisr"}, 1, "salma", now)) out.push_back(t->number);
  return out;
}

TEST_F(AppointmentTest, BookingUntilTheSlotIsFullOffersTheNextFreeSlot) {
  const std::string a = register_for_literacy("0611111111"), b = register_for_literacy("0622222222"),
                    c = register_for_literacy("0633333333"), d = register_for_literacy("0644444444");
  const TimePoint ten = at(0, 10, 0);
  Appointment first = booked(appointments->book(a, "jisr", ten, "", "salma", clock.now()));
  EXPECT_EQ(first.state, "booked");
  EXPECT_EQ(first.day, "2026-11-30");
  booked(appointments->book(b, "jisr", ten, "amal", "salma", clock.now()));
  Booking third = appointments->book(c, "jisr", ten, "", "salma", clock.now());
  ASSERT_TRUE(std::holds_alternative<SlotFull>(third)) << "jisr takes 2 women per slot";
  EXPECT_EQ(std::get<SlotFull>(third).next_free, at(0, 10, 30));
  booked(appointments->book(c, "jisr", at(0, 10, 30), "", "salma", clock.now()));
  booked(appointments->book(d, "jisr", at(0, 10, 30), "", "salma", clock.now()));
  EXPECT_EQ(std::get<SlotFull>(appointments->book(c, "jisr", ten, "", "salma", clock.now())).next_free, at(0, 11, 0));
  auto day = appointments->slots("jisr", "2026-11-30");
  ASSERT_EQ(day.size(), 10u);
  EXPECT_TRUE(day[2].full());
  EXPECT_EQ(day[2].booked, 2);
  EXPECT_FALSE(day[4].full());
  EXPECT_EQ(count("SELECT count(*) FROM appointments"), 4) << "a full slot books nothing";
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action='appointment_booked'"), 4);
}

TEST_F(AppointmentTest, ABookingMustBeAFutureSlotOfAServiceThatTakesAppointments) {
  const std::string v = register_for_literacy("0611111111");
  EXPECT_THROW(appointments->book(v, "jisr", at(0, 10, 10), "", "salma", clock.now()), std::invalid_argument);
  EXPECT_THROW(appointments->book(v, "jisr", at(5, 10, 0), "", "salma", clock.now()), std::invalid_argument)
      << "Saturday";
  EXPECT_THROW(appointments->book(v, "literacy", at(0, 10, 0), "", "salma", clock.now()), std::invalid_argument);
  clock.set(at(0, 10, 5));
  EXPECT_THROW(appointments->book(v, "jisr", at(0, 10, 0), "", "salma", clock.now()), std::invalid_argument)
      << "already begun";
  EXPECT_EQ(count("SELECT count(*) FROM appointments"), 0);
}

TEST_F(AppointmentTest, MovingAndCancellingKeepTheCapacityRight) {
  const std::string a = register_for_literacy("0611111111"), b = register_for_literacy("0622222222"),
                    c = register_for_literacy("0633333333");
  booked(appointments->book(a, "jisr", at(1, 9, 0), "", "salma", clock.now()));
  booked(appointments->book(b, "jisr", at(1, 9, 0), "", "salma", clock.now()));
  Appointment hers = booked(appointments->book(c, "jisr", at(1, 9, 30), "", "salma", clock.now()));
  Booking refused = appointments->move(hers.id, at(1, 9, 0), "salma", clock.now());
  ASSERT_TRUE(std::holds_alternative<SlotFull>(refused));
  EXPECT_EQ(std::get<SlotFull>(refused).next_free, at(1, 9, 30)) << "her own slot still has room";
  EXPECT_EQ(appointments->get(hers.id)->slot_start, at(1, 9, 30)) << "unchanged";
  Appointment moved = booked(appointments->move(hers.id, at(2, 14, 0), "salma", clock.now()));
  EXPECT_EQ(moved.day, "2026-12-02");
  EXPECT_EQ(appointments->get(hers.id)->slot_start, at(2, 14, 0));
  EXPECT_EQ(moved.code, hers.code) << "her code stays";
  const std::string first_at_nine = appointments->open_of(a).at(0).id;
  appointments->cancel(first_at_nine, "salma", clock.now());
  EXPECT_EQ(appointments->get(first_at_nine)->state, "cancelled");
  EXPECT_TRUE(appointments->open_of(a).empty());
  booked(appointments->move(hers.id, at(1, 9, 0), "salma", clock.now()));  // a place came free
  EXPECT_THROW(appointments->cancel(first_at_nine, "salma", clock.now()), std::invalid_argument);
  auto events = records("appointment");
  std::vector<std::string> seen;
  for (const auto& e : events) seen.push_back(e["event"]);
  EXPECT_EQ(seen, (std::vector<std::string>{"booked", "booked", "booked", "moved", "cancelled", "moved"}));
  EXPECT_EQ(events[3]["slot"], to_rfc3339_utc(at(2, 14, 0)));
  EXPECT_EQ(events[3]["staff"], "salma");
  EXPECT_EQ(events[3]["visitor_id"], c);
  EXPECT_EQ(events[3]["service"], "jisr");
  EXPECT_EQ(events[3]["appointment_id"], hers.id);
}

TEST_F(AppointmentTest, CodesAreSixDigitsAndUniqueAmongBookedAppointments) {
  std::set<std::string> codes;
  for (int i = 0; i < 20; ++i) {
    const std::string v = register_for_literacy("06100000" + std::to_string(10 + i));
    // Training takes 4 women per slot: 4 each Monday at 09:00, over 5 weeks.
    Appointment a = booked(appointments->book(v, "training", at(7 * (i / 4), 9, 0), "", "salma", clock.now()));
    EXPECT_EQ(a.code.size(), 6u);
    EXPECT_EQ(a.code.find_first_not_of("0123456789"), std::string::npos) << a.code;
    codes.insert(a.code);
  }
  EXPECT_EQ(codes.size(), 20u);
}

TEST_F(AppointmentTest, OnTimeSheIsCalledAheadOfWalkInsAtHerTime) {
  const std::string her = register_for_literacy("0611223344");
  Appointment a = booked(appointments->book(her, "jisr", at(0, 10, 0), "", "salma", clock.now()));
  const std::string w1 = walk_in(at(0, 9, 40)), w2 = walk_in(at(0, 9, 45));
  auto found = appointments->find_today(*kiosk->find_visitor(IdentityKind::Phone, "0611223344"), at(0, 9, 50));
  ASSERT_TRUE(found) << "found by her phone";
  IssueRequest req{"", std::nullopt, "", false};
  req.appointment_id = found->id;
  IssuedTicket mine = kiosk->issue(req, at(0, 9, 50));  // ten minutes early
  EXPECT_TRUE(mine.for_appointment);
  EXPECT_FALSE(mine.late);
  EXPECT_EQ(mine.service_id, "jisr");
  const std::string w3 = walk_in(at(0, 9, 55));
  auto before = counter->queue({"jisr"}, at(0, 9, 58));
  ASSERT_EQ(before.size(), 4u);
  EXPECT_EQ(before[3].number, mine.number) << "before her time she waits as if she had come at 10:00";
  EXPECT_EQ(before[3].appointment_at, at(0, 10, 0));
  EXPECT_EQ(before[3].appointment_id, a.id);
  EXPECT_FALSE(before[3].late_for_appointment());
  const std::string w4 = walk_in(at(0, 10, 1));
  EXPECT_EQ(call_all(*counter, at(0, 10, 2)), (std::vector<std::string>{mine.number, w1, w2, w3, w4}));
  EXPECT_EQ(appointments->get(a.id)->state, "kept");
  EXPECT_EQ(count("SELECT count(*) FROM tickets WHERE appointment_id IS NOT NULL"), 1);
}

// "N people ahead" on her ticket counts those the desk will call before her, in the order it calls (not every ticket
// waiting): on time for her appointment she passes the walk-ins; a pregnant woman passes everyone.
TEST_F(AppointmentTest, PeopleAheadAreThoseTheDeskCallsBeforeHer) {
  const std::string her = register_for_literacy("0611223344");
  Appointment a = booked(appointments->book(her, "jisr", at(0, 10, 0), "", "salma", clock.now()));
  const IssuedTicket w1 = kiosk->issue(IssueRequest{"jisr", std::nullopt, "", false}, at(0, 9, 40));
  const IssuedTicket w2 = kiosk->issue(IssueRequest{"jisr", std::nullopt, "", false}, at(0, 9, 50));
  EXPECT_EQ(w1.people_ahead, 0);
  EXPECT_EQ(w2.people_ahead, 1);
  IssueRequest req{"", std::nullopt, "", false};
  req.appointment_id = a.id;
  const IssuedTicket mine = kiosk->issue(req, at(0, 10, 3));
  ASSERT_TRUE(mine.for_appointment && !mine.late);
  EXPECT_EQ(mine.people_ahead, 0) << "on time: she is called before the two walk-ins who came earlier";
  EXPECT_EQ(mine.wait_minutes, 0);
  const IssuedTicket pregnant = kiosk->issue(IssueRequest{"jisr", std::nullopt, "", true}, at(0, 10, 4));
  EXPECT_EQ(pregnant.people_ahead, 0) << "priority first";
  auto called = counter->call_next({"jisr"}, 1, "salma", at(0, 10, 5));
  ASSERT_TRUE(called);
  EXPECT_EQ(called->number, pregnant.number);
  const IssuedTicket w3 = kiosk->issue(IssueRequest{"jisr", std::nullopt, "", false}, at(0, 10, 6));
  EXPECT_EQ(w3.people_ahead, 4) << "the woman at the counter, then her, w1 and w2";
  EXPECT_EQ(w3.wait_minutes, 4 * 15 / 2) << "jisr: 15 minutes a visitor, two counters";
  std::vector<std::string> order;
  for (const QueuedTicket& t : counter->queue({"jisr"}, at(0, 10, 6))) order.push_back(t.number);
  EXPECT_EQ(order, (std::vector<std::string>{mine.number, w1.number, w2.number, w3.number}));
}

TEST_F(AppointmentTest, PriorityStillComesFirstAndEarlierAppointmentsFirstAmongThem) {
  const std::string a = register_for_literacy("0611111111"), b = register_for_literacy("0622222222");
  Appointment at930 = booked(appointments->book(a, "jisr", at(0, 9, 30), "", "salma", clock.now()));
  Appointment at900 = booked(appointments->book(b, "jisr", at(0, 9, 0), "", "salma", clock.now()));
  const std::string walk = walk_in(at(0, 8, 45));
  IssueRequest ra{"jisr", std::nullopt, "", false};
  ra.appointment_id = at930.id;
  const std::string na = kiosk->issue(ra, at(0, 8, 50)).number;
  IssueRequest rb{"jisr", std::nullopt, "", false};
  rb.appointment_id = at900.id;
  const std::string nb = kiosk->issue(rb, at(0, 8, 55)).number;
  const std::string pregnant = walk_in(at(0, 9, 31), "jisr", true);
  EXPECT_EQ(call_all(*counter, at(0, 9, 32)), (std::vector<std::string>{pregnant, nb, na, walk}));
}

TEST_F(AppointmentTest, LateBeyondTheGraceSheIsAWalkInAndTheDeskSeesIt) {
  const std::string her = register_for_literacy("0611223344"), other = register_for_literacy("0622334455");
  Appointment late = booked(appointments->book(her, "jisr", at(0, 10, 0), "", "salma", clock.now()));
  Appointment edge = booked(appointments->book(other, "jisr", at(0, 10, 0), "", "salma", clock.now()));
  const std::string w1 = walk_in(at(0, 10, 5));
  IssueRequest on_edge{"jisr", std::nullopt, "", false};
  on_edge.appointment_id = edge.id;
  IssuedTicket e = kiosk->issue(on_edge, at(0, 10, 15));  // exactly at the grace (15 minutes): on time
  EXPECT_FALSE(e.late);
  IssueRequest req{"jisr", std::nullopt, "", false};
  req.appointment_id = late.id;
  IssuedTicket t = kiosk->issue(req, at(0, 10, 16));
  EXPECT_TRUE(t.for_appointment);
  EXPECT_TRUE(t.late);
  const std::string w2 = walk_in(at(0, 10, 20));
  auto q = counter->queue({"jisr"}, at(0, 10, 21));
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0].number, e.number);
  EXPECT_EQ(q[2].number, t.number) << "behind the walk-in who came before her";
  EXPECT_TRUE(q[2].late_for_appointment());
  EXPECT_FALSE(q[2].appointment_at);
  auto kept = appointments->get(late.id);
  EXPECT_EQ(kept->state, "kept");
  EXPECT_TRUE(kept->late);
  EXPECT_EQ(count("SELECT count(*) FROM tickets WHERE appointment_at IS NULL AND appointment_id IS NOT NULL"), 1);
  auto events = records("appointment");
  EXPECT_EQ(events.back()["event"], "late");
  EXPECT_EQ(events[events.size() - 2]["event"], "kept");
}

TEST_F(AppointmentTest, TheCodeFindsOnlyAnAppointmentOfToday) {
  const std::string her = register_for_literacy("0611223344");
  Appointment tomorrow = booked(appointments->book(her, "jisr", at(1, 14, 0), "", "salma", clock.now()));
  EXPECT_FALSE(appointments->find_today_by_code(tomorrow.code, clock.now())) << "not today";
  EXPECT_FALSE(appointments->find_today(her, clock.now()));
  ASSERT_TRUE(appointments->find_today_by_code(tomorrow.code, at(1, 8, 0)));
  EXPECT_EQ(appointments->find_today_by_code(tomorrow.code, at(1, 8, 0))->id, tomorrow.id);
  EXPECT_FALSE(appointments->find_today_by_code("000000", at(1, 8, 0)));
  appointments->cancel(tomorrow.id, "salma", clock.now());
  EXPECT_FALSE(appointments->find_today_by_code(tomorrow.code, at(1, 8, 0))) << "a cancelled one finds nothing";
}

TEST_F(AppointmentTest, HerTicketCarriesHerNextAppointmentAndTheDeskSeesWhoArrived) {
  const std::string her = register_for_literacy("0611223344"), absent = register_for_literacy("0622334455");
  Appointment today = booked(appointments->book(her, "jisr", at(0, 9, 0), "", "salma", clock.now()));
  Appointment next = booked(appointments->book(her, "listening", at(3, 11, 0), "", "salma", clock.now()));
  booked(appointments->book(absent, "jisr", at(0, 9, 30), "", "salma", clock.now()));
  IssueRequest req{"jisr", std::nullopt, "", false};
  req.appointment_id = appointments->find_today_by_code(today.code, at(0, 8, 55))->id;
  IssuedTicket t = kiosk->issue(req, at(0, 8, 55));
  ASSERT_TRUE(t.next_appointment) << "the one after today's";
  EXPECT_EQ(t.next_appointment->day, "2026-12-03");
  EXPECT_EQ(t.next_appointment->time, "11:00");
  EXPECT_EQ(t.next_appointment->code, next.code);
  EXPECT_TRUE(t.next_appointment->sensitive) << "the printed ticket must not name the listening service";
  auto desk = appointments->today({"jisr"}, at(0, 9, 5));
  ASSERT_EQ(desk.size(), 2u);
  EXPECT_TRUE(desk[0].arrived);
  EXPECT_EQ(desk[0].ticket_number, t.number);
  EXPECT_FALSE(desk[1].arrived);
  EXPECT_EQ(appointments->today({"literacy"}, at(0, 9, 5)).size(), 0u);
  EXPECT_FALSE(walk_in(at(0, 9, 6)).empty());
  EXPECT_FALSE(kiosk->issue(IssueRequest{"jisr", std::nullopt, "", false}, at(0, 9, 7)).next_appointment)
      << "an anonymous ticket has no appointment";
}

TEST_F(AppointmentTest, AppointmentsNotKeptAreMissedOnceTheirDayHasEnded) {
  const std::string her = register_for_literacy("0611223344");
  Appointment monday = booked(appointments->book(her, "jisr", at(0, 14, 0), "", "salma", clock.now()));
  Appointment tuesday = booked(appointments->book(her, "jisr", at(1, 9, 0), "", "salma", clock.now()));
  EXPECT_EQ(appointments->mark_missed(at(0, 23, 59)), 0) << "her day is not over";
  EXPECT_EQ(appointments->mark_missed(at(1, 0, 1)), 1);
  EXPECT_EQ(appointments->get(monday.id)->state, "missed");
  EXPECT_EQ(appointments->get(tuesday.id)->state, "booked");
  EXPECT_EQ(appointments->mark_missed(at(1, 0, 2)), 0) << "once";
  auto events = records("appointment");
  EXPECT_EQ(events.back()["event"], "missed");
  EXPECT_EQ(events.back()["appointment_id"], monday.id);
  EXPECT_FALSE(events.back().contains("staff"));
  IssueRequest req{"jisr", std::nullopt, "", false};
  req.appointment_id = monday.id;
  IssuedTicket t = kiosk->issue(req, at(1, 9, 0));
  EXPECT_FALSE(t.for_appointment) << "a missed appointment gives an ordinary ticket, never none";
}

TEST_F(AppointmentTest, AnAccompaniedWomanKeepsHerDetailsWhileHerAppointmentOrReferralIsOpen) {
  const std::string booked_one = register_for_literacy("0611111111"), withdrew = register_for_literacy("0622222222"),
                    referred = register_for_literacy("0633333333"), alone = register_for_literacy("0644444444");
  booked(appointments->book(booked_one, "jisr", at(7, 9, 0), "", "salma", clock.now()));
  Appointment w = booked(appointments->book(withdrew, "jisr", at(7, 9, 0), "", "salma", clock.now()));
  consents->record(withdrew, ConsentPurpose::Keep, false, ConsentSource::desk("salma"), clock.now());
  db->prepare("INSERT INTO referrals(id, visitor_id, from_service, to_service, reason, created_at, created_by, "
              "updated_at, updated_by) VALUES('r1', ?, 'jisr', 'incubator', 'wants to open a shop', ?, 'salma', ?, "
              "'salma')")
      .bind(1, referred).bind(2, to_rfc3339_utc(clock.now())).bind(3, to_rfc3339_utc(clock.now())).run();
  db->exec("UPDATE outbox SET state='sent'");
  auto purge = [&] { return store::purge_personal_details(*db, "2026-12-01", to_rfc3339_utc(at(1, 3, 0))); };
  purge();
  auto name_of = [&](const std::string& v) {
    auto st = db->prepare("SELECT coalesce(full_name,'') FROM visitors WHERE id=?");
    st.bind(1, v);
    st.step();
    return st.text(0);
  };
  EXPECT_EQ(name_of(booked_one), "Canary") << "an open appointment and her keep consent";
  EXPECT_EQ(name_of(referred), "Canary") << "an open referral";
  EXPECT_EQ(db->scalar_text("SELECT coalesce(reason,'') FROM referrals"), "wants to open a shop");
  EXPECT_EQ(name_of(withdrew), "") << "she withdrew her keep consent: today's policy";
  EXPECT_EQ(name_of(alone), "") << "not accompanied: today's policy";
  appointments->cancel(appointments->open_of(booked_one).at(0).id, "salma", at(1, 9, 0));
  db->exec("UPDATE referrals SET state='declined', state_reason='other'");
  db->exec("UPDATE outbox SET state='sent'");
  purge();
  EXPECT_EQ(name_of(booked_one), "") << "nothing open any more";
  EXPECT_EQ(name_of(referred), "");
  EXPECT_EQ(db->scalar_text("SELECT coalesce(reason,'x') FROM referrals"), "x") << "staff's words go like notes";
  (void)w;
}
