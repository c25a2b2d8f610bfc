// The processes of one centre in one test, each on its own connection to the centre's SQLite file, with one fake
// clock (issue 16's journey): the visitor's kiosk as shubbak-kiosk runs it (kiosk/app/visitor_role.cpp: the flow's
// intents in, its effects performed on the KioskStore, the printed ticket kept), and a staff member's desk as
// shubbak-desk runs it (a CounterSession signed in with her PIN, and the accompaniment stores the desk pages use).
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/centre_settings.hpp"
#include "common/clock.hpp"
#include "kiosk/app/appointment_lookup.hpp"
#include "kiosk/app/ticket_layout.hpp"
#include "kiosk/core/consent.hpp"
#include "kiosk/core/flow.hpp"
#include "common/i18n.hpp"
#include "kiosk/store/appointment_store.hpp"
#include "kiosk/store/counter_session.hpp"
#include "kiosk/store/history_store.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/store/referral_store.hpp"
#include "store/data_dir.hpp"

namespace shubbak::testing {

class KioskAtTheCentre {
 public:
  KioskAtTheCentre(const std::filesystem::path& data, const CentreConfig& config, const Translations& tr,
                   const Clock& clock)
      : db_(store::open_store(data.string())), store_(db_, config.catalogue, config.settings), config_(config),
        tr_(tr), clock_(clock), flow_(config.catalogue, config.settings, true), state_(flow_.initial(clock.now())) {}

  // What her finger does on a screen (an intent of kiosk/ui), and everything it sets off.
  void tap(const Event& e) {
    Step step = flow_.handle(state_, e, clock_.now());
    state_ = std::move(step.state);
    for (const auto& fx : step.effects) perform(fx);
  }
  void taps(const std::vector<Event>& events) {
    for (const Event& e : events) tap(e);
  }
  const FlowState& state() const { return state_; }
  KioskStore& store() { return store_; }
  store::Database& db() { return db_; }
  // The lines of the last ticket printed (ticket_layout, as the printer gets them).
  const std::vector<app::PrintLine>& printed() const { return printed_; }

 private:
  void perform(const Effect& effect) {
    if (auto* issue = std::get_if<fx::IssueTicket>(&effect)) {
      IssueRequest req{issue->service_id, issue->visitor, issue->existing_visitor_id, issue->priority};
      for (const auto& [purpose, yes] : issue->consents)
        if (auto p = parse_consent_purpose(purpose)) req.consents[*p] = yes;
      req.appointment_id = issue->appointment_id;
      tap(ev::TicketIssued{store_.issue(req, clock_.now())});
    } else if (auto* look = std::get_if<fx::LookupVisitor>(&effect)) {
      if (auto id = store_.find_visitor(look->kind, look->normalized)) tap(ev::VisitorFound{*id});
      else tap(ev::VisitorNotFound{});
    } else if (auto* appt = std::get_if<fx::LookupAppointment>(&effect)) {
      auto found = app::find_todays_appointment(store_, appt->kind, appt->normalized, clock_.now(),
                                                config_.settings.zone);
      if (found) tap(*found);
      else tap(ev::AppointmentNotFound{});
    } else if (auto* print = std::get_if<fx::PrintTicket>(&effect)) {
      printed_ = app::ticket_layout(print->ticket, print->lang, config_, tr_, clock_.now());
    }
  }

  store::Database db_;
  KioskStore store_;
  const CentreConfig& config_;
  const Translations& tr_;
  const Clock& clock_;
  VisitorFlow flow_;
  FlowState state_;
  std::vector<app::PrintLine> printed_;
};

class DeskAtTheCentre {
 public:
  DeskAtTheCentre(const std::filesystem::path& data, const CentreConfig& config, const Clock& clock)
      : db(store::open_store(data.string())), session(db, config, clock), appointments(db, config.catalogue,
        config.settings), referrals(db, config.catalogue, config.settings),
        history(db, config.catalogue, config.settings), clock_(clock) {}

  // Signs in at this desk number with her PIN, as the desk's sign-in page does.
  void sign_in(const std::string& login, const std::string& pin, int counter) {
    for (const auto& st : session.snapshot().staff)
      if (st.login == login) session.dispatch(cev::PickStaff{st.login, st.name});
    session.dispatch(cev::CounterStep{counter - session.state().counter});
    for (char d : pin) session.dispatch(cev::PinDigit{d});
    session.dispatch(cev::SubmitPin{});
    ASSERT_EQ(session.state().screen, CounterScreen::Console) << login << " could not sign in";
  }
  // "Call next": the number called, "" if nobody waits.
  std::string call_next() {
    session.dispatch(cev::CallNext{});
    return session.state().current_number;
  }
  std::string serving() const { return session.state().current_id; }
  // Her file as the desk shows it while serving her (audited).
  std::optional<VisitorHistory> file() { return history.for_ticket(serving(), session.state().login, clock_.now()); }
  void served(const std::string& outcome, const std::string& note = "") {
    if (!note.empty()) session.dispatch(cev::EditNote{note});
    session.dispatch(cev::Served{outcome});
  }
  void transfer(const std::string& service) {
    if (!session.state().choosing_transfer) session.dispatch(cev::OpenTransfer{});
    session.dispatch(cev::TransferTo{service});
  }
  std::string login() const { return session.state().login; }

  store::Database db;
  CounterSession session;
  AppointmentStore appointments;
  ReferralStore referrals;
  HistoryStore history;

 private:
  const Clock& clock_;
};

}  // namespace shubbak::testing
