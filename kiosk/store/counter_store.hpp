// The counter's side of the store: the queue, and each staff action as one transaction with its audit entry and
// its sealed outbox record (ticket events reach upstream). The day's figures for the report.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/catalogue.hpp"
#include "common/clock.hpp"
#include "kiosk/store/staff_record_sealer.hpp"
#include "store/database.hpp"
#include "kiosk/core/registration.hpp"
#include "store/identity.hpp"
#include "store/seal.hpp"
#include "common/centre_settings.hpp"

namespace shubbak {

struct QueuedTicket {
  std::string id, number, service_id, state;
  bool priority = false, sensitive = false;
  int counter = 0;
  TimePoint issued_at{};
  std::string visitor_id;
  std::string appointment_id;                // she checked in for an appointment (issue 16)
  std::optional<TimePoint> appointment_at;   // ... on time or early: her slot, by which she is placed
  bool late_for_appointment() const { return !appointment_id.empty() && !appointment_at; }  // a walk-in: "late"
};

struct ServiceFigures {
  std::string service_id;
  int tickets = 0, served = 0, no_shows = 0, waiting = 0;
  double median_wait_minutes = 0, p90_wait_minutes = 0;  // issued -> called
  std::map<std::string, int> outcomes;
};

class CounterStore {
 public:
  CounterStore(store::Database& db, const Catalogue& catalogue, const Settings& settings);

  // Today's waiting tickets of these services (all if empty): priority first; then women whose appointment time
  // has come (on time or early), by their slot; then everyone else by arrival, an early woman by her slot.
  std::vector<QueuedTicket> queue(const std::vector<std::string>& services, TimePoint now);
  // Calls the next ticket for these services to this counter; nullopt when nobody waits.
  std::optional<QueuedTicket> call_next(const std::vector<std::string>& services, int counter,
                                        const std::string& staff, TimePoint now);
  void recall(const std::string& ticket_id, const std::string& staff, TimePoint now);
  void no_show(const std::string& ticket_id, const std::string& staff, TimePoint now);
  // To another service; she keeps her number and her place by arrival time.
  void transfer(const std::string& ticket_id, const std::string& service_id, const std::string& staff, TimePoint now);
  void served(const std::string& ticket_id, const std::string& outcome, const std::string& note,
              const std::string& staff, TimePoint now);
  void set_priority(const std::string& ticket_id, bool priority, const std::string& staff, TimePoint now);
  bool priority_of(const std::string& ticket_id);
  // "Call staff" alerts from the kiosk, seen by this staff member.
  void resolve_alerts(const std::string& staff, TimePoint now);
  // The registration details of the visitor being served; the view is in the audit log.
  std::optional<VisitorDetails> visitor_details(const std::string& ticket_id, const std::string& staff, TimePoint now);
  std::vector<ServiceFigures> figures(const std::string& day);
  // The same figures over several services together (a counter's services): the median of all their waits.
  ServiceFigures figures(const std::string& day, const std::vector<std::string>& services);

 private:
  void event(const std::string& ticket_id, const std::string& what, const std::string& staff,
             const std::string& extra_json_key, const std::string& extra_value, TimePoint now);
  QueuedTicket load(const std::string& ticket_id);
  store::Database& db_;
  const Catalogue& catalogue_;
  const Settings& settings_;
  StaffRecordSealer seal_;
};

}  // namespace shubbak
