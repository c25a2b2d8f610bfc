// Her appointments (issue 16): booked at a desk while she is served, moved or cancelled there; at the kiosk she is
// found by phone/CIN (KioskStore::find_visitor, then find_today) or by the 6-digit code on her last ticket, and
// KioskStore::issue checks her in (IssueRequest::appointment_id). States: booked -> kept (late if after the grace)
// | missed (a day ended without her) | cancelled. Every change is one transaction with its sealed `appointment`
// outbox record (docs/sync-protocol.md) and, at a desk, its audit entry.
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/catalogue.hpp"
#include "common/centre_settings.hpp"
#include "common/clock.hpp"
#include "store/database.hpp"
#include "store/seal.hpp"

namespace shubbak {

struct Appointment {
  std::string id, visitor_id, service_id;
  std::string staff_login;  // with whom, if chosen
  std::string day;          // local day of the slot
  TimePoint slot_start{};
  std::string code;         // 6 digits, unique among booked appointments
  std::string state;        // booked, kept, missed, cancelled
  bool late = false;        // kept, but after the grace: she was queued as a walk-in
  std::string ticket_id;    // the ticket she checked in with
};

// The slot asked for has no room left; the desk offers `next_free` (none within kAppointmentHorizonDays).
struct SlotFull {
  TimePoint asked{};
  std::optional<TimePoint> next_free;
};
using Booking = std::variant<Appointment, SlotFull>;

struct SlotAvailability {
  TimePoint start{};
  int booked = 0, capacity = 0;
  bool full() const { return booked >= capacity; }
};

struct TodayAppointment {
  Appointment appointment;
  bool arrived = false;       // she checked in (state kept)
  std::string ticket_number;  // her ticket, once arrived
};

// KioskStore::issue's check-in: what the ticket needs from her appointment.
struct Arrival {
  Appointment appointment;
  bool on_time = false;  // on time or early (now <= slot + grace): placed by her slot; else a walk-in, late
};

class AppointmentStore {
 public:
  AppointmentStore(store::Database& db, const Catalogue& catalogue, const Settings& settings);

  // At a desk (`staff` is the login booking it; `with_staff` optionally the one she will see). Throws
  // std::invalid_argument for a service without slots, a time that is not one of its slots, or a slot already begun.
  Booking book(const std::string& visitor_id, const std::string& service_id, TimePoint slot,
               const std::string& with_staff, const std::string& staff, TimePoint now);
  // To another slot of the same service (SlotFull if that one has no room; the appointment is then unchanged).
  Booking move(const std::string& appointment_id, TimePoint slot, const std::string& staff, TimePoint now);
  void cancel(const std::string& appointment_id, const std::string& staff, TimePoint now);

  std::optional<Appointment> get(const std::string& appointment_id);
  // Her booked appointments, soonest first.
  std::vector<Appointment> open_of(const std::string& visitor_id);
  // Her next booked appointment starting at or after `now` (printed on her ticket).
  std::optional<Appointment> next_of(const std::string& visitor_id, TimePoint now);
  // A day's slots of a service with their bookings (booked or kept).
  std::vector<SlotAvailability> slots(const std::string& service_id, const std::string& day);
  // The first slot at or after `from` with room.
  std::optional<TimePoint> next_free(const std::string& service_id, TimePoint from);
  // Today's booked and kept appointments of these services (all if empty), by slot.
  std::vector<TodayAppointment> today(const std::vector<std::string>& services, TimePoint now);
  // Her booked appointment of today (of this service if given), the earliest; found after the phone/CIN lookup.
  std::optional<Appointment> find_today(const std::string& visitor_id, TimePoint now, const std::string& service_id = "");
  // The booked appointment of today with this code; another day's code finds nothing.
  std::optional<Appointment> find_today_by_code(const std::string& code, TimePoint now);
  // Booked appointments of days before today's: missed. Returns how many.
  int mark_missed(TimePoint now);

  // Inside KioskStore::issue's transaction: nullopt unless it is still booked for today.
  std::optional<Arrival> arrival(const std::string& appointment_id, TimePoint now);
  // ... and after the ticket row exists: kept (late unless on time), linked to the ticket, its outbox record.
  void keep(const Arrival& a, const std::string& ticket_id, TimePoint now);

 private:
  const SlotPlan& plan_of(const std::string& service_id) const;
  void check_slot(const SlotPlan& plan, TimePoint slot, TimePoint now) const;
  int taken(const std::string& service_id, TimePoint slot);
  std::string new_code();
  void record(const Appointment& a, const std::string& event, const std::string& staff, TimePoint now);
  void tell_her(const std::string& visitor_id, const std::string& kind, const std::string& id, TimePoint now);
  store::Database& db_;
  const Catalogue& catalogue_;
  const Settings& settings_;
  store::Sealer sealer_;
};

}  // namespace shubbak
