// The kiosk's side of the store: issuing a ticket (and a registration) in one transaction with its outbox rows,
// the queue figures shown on a ticket, and alerts for the counter.
#pragma once
#include <optional>
#include <string>

#include "common/catalogue.hpp"
#include "common/clock.hpp"
#include "store/database.hpp"
#include "kiosk/core/flow.hpp"
#include "kiosk/core/identity_kind.hpp"
#include "kiosk/core/registration.hpp"
#include "store/identity.hpp"
#include "store/seal.hpp"
#include "common/centre_settings.hpp"
#include "kiosk/store/appointment_store.hpp"
#include "kiosk/store/consent_store.hpp"
#include "kiosk/store/ticket_phone_store.hpp"

namespace shubbak {

class KioskStore {
 public:
  KioskStore(store::Database& db, const Catalogue& catalogue, const Settings& settings);

  // One transaction: visitor + registration (if any) + her consent answers + ticket + outbox rows. Either all of it
  // is durable when this returns, or none of it exists and StoreError is thrown. The ticket's day is `now`'s day in
  // the centre's zone. With req.appointment_id still booked for today: the ticket is for her and its service, linked
  // to it, placed by her slot if she came on time or early, else a walk-in (late). An appointment no longer booked
  // (cancelled meanwhile) gives an ordinary ticket (for_appointment false): she is never left without one.
  IssuedTicket issue(const IssueRequest& req, TimePoint now);
  // A registered visitor with this phone or CIN (normalised), found by keyed hash.
  std::optional<std::string> find_visitor(IdentityKind kind, const std::string& normalized);
  void raise_alert(const std::string& kind, const std::string& source, TimePoint now);
  // The same, unless one of this kind from this source is still open (a state, not an event: no pile of rows).
  void raise_alert_once(const std::string& kind, const std::string& source, TimePoint now);
  // Alerts of this kind no longer hold (e.g. "catalogue_fallback" once a catalogue is accepted). Writes only if any.
  void resolve_alerts(const std::string& kind, TimePoint now);
  int tickets_today(TimePoint now);
  // A number typed for this ticket alone (issue 18; kiosk/store/ticket_phone_store.hpp), in its own short transaction.
  TicketPhoneResult keep_ticket_phone(const std::string& ticket_id, const std::string& phone, const std::string& lang,
                                      TimePoint now) {
    return shubbak::keep_ticket_phone(db_, ticket_id, phone, lang, now);
  }
  // Keyed hash of a normalised phone or CIN (so check-in works without keeping the number).
  store::Bytes identity_hash(IdentityKind kind, const std::string& normalized);
  // The stores of issue 16 on the same connection (desk and kiosk app code may use them directly too).
  ConsentStore& consents() { return consents_; }
  AppointmentStore& appointments() { return appointments_; }

 private:
  void insert_visitor(const VisitorDetails& v, const std::string& visitor_id, const std::string& at);
  void record_consents(const IssueRequest& req, const std::string& visitor_id, bool registered, TimePoint now);
  // Her place once her ticket row exists: who is at a counter, and who the desk would call before her now.
  void fill_queue_figures(const Service& svc, const std::string& ticket_id, const std::string& at, IssuedTicket& t);
  std::optional<NextAppointment> next_appointment(const std::string& visitor_id, TimePoint now);
  void append_issue_records(const IssueRequest& req, const Service& svc, const IssuedTicket& t,
                            const std::string& ticket_id, const std::string& visitor_id,
                            const std::string& registration_id, const std::string& at);

  store::Database& db_;
  const Catalogue& catalogue_;
  const Settings& settings_;
  store::Sealer sealer_;
  std::optional<store::IdentityKeys> identity_keys_;  // format 3 when set ([sync] registry key)
  store::Bytes hash_key_;
  ConsentStore consents_;
  AppointmentStore appointments_;
};

}  // namespace shubbak
