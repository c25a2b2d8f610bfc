// Her history for the staff member serving her (issue 16): previous visits at this centre (day, service, outcome,
// the note if this staff member may read it), open appointments, referrals, milestones reached. A note written
// while serving a sensitive service is loaded only for staff whose services include it; others learn that a note
// exists, never its words. Each view is audited (`history_viewed`), as the details are.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "common/catalogue.hpp"
#include "common/centre_settings.hpp"
#include "common/clock.hpp"
#include "kiosk/store/milestone_store.hpp"
#include "kiosk/store/referral_store.hpp"
#include "store/database.hpp"

namespace shubbak {

enum class NoteState { None, Shown, Hidden };  // Hidden: a note exists; its words are not in the result

struct PastVisit {
  std::string ticket_id, number, day, service_id;
  std::string state;    // served | no_show | cancelled
  std::string outcome;  // an outcome id, empty if none
  TimePoint served_at{};
  NoteState note_state = NoteState::None;
  std::string note;     // only when Shown
};

struct OpenAppointment {
  std::string id, service_id, staff_login, day, code;
  TimePoint slot_start{};
};

struct VisitorHistory {
  std::string visitor_id;
  std::vector<PastVisit> visits;               // newest first, at most HistoryStore::kMaxVisits
  std::vector<OpenAppointment> appointments;   // booked, soonest first
  std::vector<Referral> referrals;             // newest first (reasons as for the notes)
  std::vector<MilestoneReached> milestones;    // programme order
};

class HistoryStore {
 public:
  static constexpr int kMaxVisits = 100;

  HistoryStore(store::Database& db, const Catalogue& catalogue, const Settings& settings);

  // The history of the woman holding this ticket, for `staff` (a login) — only while her ticket is called or
  // being served, and only if she is registered; nullopt otherwise (nothing audited then). The ticket itself is
  // not among the visits.
  std::optional<VisitorHistory> for_ticket(const std::string& ticket_id, const std::string& staff, TimePoint now);

 private:
  std::vector<PastVisit> visits(const std::string& visitor_id, const std::string& except_ticket,
                                const std::string& staff);
  std::vector<OpenAppointment> appointments(const std::string& visitor_id);

  store::Database& db_;
  const Catalogue& catalogue_;
  ReferralStore referrals_;
};

}  // namespace shubbak
