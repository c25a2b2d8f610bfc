#include "kiosk/store/appointment_store.hpp"

#include <sodium.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "kiosk/core/appointment_slots.hpp"
#include "kiosk/store/sms_queue.hpp"
#include "kiosk/store/staff_store.hpp"
#include "kiosk/store/within_transaction.hpp"
#include "store/outbox.hpp"
#include "store/uuid.hpp"

namespace shubbak {

using nlohmann::json;

namespace {

constexpr int kCodeDigitsRange = 1000000;  // 6 digits
constexpr int kCodeAttempts = 50;          // a free code among at most a few thousand booked ones comes at once

const char* kCols =
    "a.id, a.visitor_id, a.service_id, coalesce(a.staff_login,''), a.day, a.slot_start, a.code, a.state, a.late, "
    "coalesce(a.ticket_id,'')";

Appointment row_to_appointment(store::Statement& st) {
  Appointment a;
  a.id = st.text(0);
  a.visitor_id = st.text(1);
  a.service_id = st.text(2);
  a.staff_login = st.text(3);
  a.day = st.text(4);
  parse_rfc3339_utc(st.text(5), a.slot_start);
  a.code = st.text(6);
  a.state = st.text(7);
  a.late = st.integer(8) != 0;
  a.ticket_id = st.text(9);
  return a;
}

std::vector<Appointment> all_rows(store::Statement& st) {
  std::vector<Appointment> out;
  while (st.step()) out.push_back(row_to_appointment(st));
  return out;
}

std::optional<Appointment> first_row(store::Statement& st) {
  if (st.step()) return row_to_appointment(st);
  return std::nullopt;
}

}  // namespace

AppointmentStore::AppointmentStore(store::Database& db, const Catalogue& catalogue, const Settings& settings)
    : db_(db),
      catalogue_(catalogue),
      settings_(settings),
      sealer_(settings.sync.seal_public_key, settings.sync.writes_format3() ? 3 : 2) {}

const SlotPlan& AppointmentStore::plan_of(const std::string& service_id) const {
  const Service* s = catalogue_.service(service_id);
  if (!s) throw std::invalid_argument("unknown service " + service_id);
  if (!s->slots.takes_appointments()) throw std::invalid_argument("service " + service_id + " takes no appointments");
  return s->slots;
}

void AppointmentStore::check_slot(const SlotPlan& plan, TimePoint slot, TimePoint now) const {
  if (!is_slot_start(plan, slot, settings_.zone)) throw std::invalid_argument("not one of the service's slots");
  if (slot < now) throw std::invalid_argument("this slot has already begun");
}

int AppointmentStore::taken(const std::string& service_id, TimePoint slot) {
  auto st = db_.prepare("SELECT count(*) FROM appointments WHERE service_id=? AND slot_start=? AND "
                        "state IN ('booked','kept')");
  st.bind(1, service_id).bind(2, to_rfc3339_utc(slot));
  st.step();
  return static_cast<int>(st.integer(0));
}

std::optional<TimePoint> AppointmentStore::next_free(const std::string& service_id, TimePoint from) {
  const SlotPlan& plan = plan_of(service_id);
  std::map<std::string, int> booked;
  auto st = db_.prepare("SELECT slot_start, count(*) FROM appointments WHERE service_id=? AND slot_start>=? AND "
                        "state IN ('booked','kept') GROUP BY slot_start");
  st.bind(1, service_id).bind(2, to_rfc3339_utc(from));
  while (st.step()) booked[st.text(0)] = static_cast<int>(st.integer(1));
  return next_free_slot(plan, from, booked, settings_.zone);
}

std::vector<SlotAvailability> AppointmentStore::slots(const std::string& service_id, const std::string& day) {
  const SlotPlan& plan = plan_of(service_id);
  std::vector<SlotAvailability> out;
  for (TimePoint s : slots_of_day(plan, day, settings_.zone)) out.push_back({s, taken(service_id, s), plan.capacity});
  return out;
}

std::string AppointmentStore::new_code() {
  for (int i = 0; i < kCodeAttempts; ++i) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%06u", static_cast<unsigned>(randombytes_uniform(kCodeDigitsRange)));
    auto st = db_.prepare("SELECT count(*) FROM appointments WHERE code=? AND state='booked'");
    st.bind(1, buf);
    st.step();
    if (st.integer(0) == 0) return buf;
  }
  throw store::StoreError(store::Fault::Other, "no free appointment code");
}

void AppointmentStore::record(const Appointment& a, const std::string& event, const std::string& staff, TimePoint now) {
  const std::string at = to_rfc3339_utc(now);
  json r = {{"centre_id", settings_.centre_id}, {"kiosk_id", settings_.kiosk_id}, {"appointment_id", a.id},
            {"visitor_id", a.visitor_id},       {"service", a.service_id},        {"event", event},
            {"slot", to_rfc3339_utc(a.slot_start)}, {"at", at}};
  if (!staff.empty()) r["staff"] = staff;
  store::append_outbox(db_, sealer_, "appointment", r.dump(), at);
  if (!staff.empty()) append_audit(db_, "staff:" + staff, "appointment_" + event, a.id, "service=" + a.service_id, now);
}

Booking AppointmentStore::book(const std::string& visitor_id, const std::string& service_id, TimePoint slot,
                               const std::string& with_staff, const std::string& staff, TimePoint now) {
  const SlotPlan& plan = plan_of(service_id);
  check_slot(plan, slot, now);
  if (visitor_id.empty()) throw std::invalid_argument("an appointment needs a registered visitor");
  Booking out = SlotFull{slot, std::nullopt};
  within_transaction(db_, [&] {
    if (taken(service_id, slot) >= plan.capacity) {  // counted inside the write lock: two desks never overfill it
      out = SlotFull{slot, next_free(service_id, slot)};
      return;
    }
    Appointment a;
    a.id = store::new_uuid_v4();
    a.visitor_id = visitor_id;
    a.service_id = service_id;
    a.staff_login = with_staff;
    a.day = local_day(slot, settings_.zone);
    a.slot_start = slot;
    a.code = new_code();
    a.state = "booked";
    const std::string at = to_rfc3339_utc(now);
    auto ins = db_.prepare("INSERT INTO appointments(id, visitor_id, service_id, staff_login, day, slot_start, code, "
                           "created_at, created_by, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?)");
    ins.bind(1, a.id).bind(2, visitor_id).bind(3, service_id);
    if (with_staff.empty()) ins.bind_null(4); else ins.bind(4, with_staff);
    ins.bind(5, a.day).bind(6, to_rfc3339_utc(slot)).bind(7, a.code).bind(8, at).bind(9, "staff:" + staff).bind(10, at);
    ins.run();
    record(a, "booked", staff, now);
    out = a;
  });
  return out;
}

Booking AppointmentStore::move(const std::string& appointment_id, TimePoint slot, const std::string& staff,
                               TimePoint now) {
  Booking out = SlotFull{slot, std::nullopt};
  within_transaction(db_, [&] {
    auto a = get(appointment_id);
    if (!a || a->state != "booked") throw std::invalid_argument("only a booked appointment can be moved");
    const SlotPlan& plan = plan_of(a->service_id);
    check_slot(plan, slot, now);
    if (slot != a->slot_start && taken(a->service_id, slot) >= plan.capacity) {
      out = SlotFull{slot, next_free(a->service_id, slot)};
      return;
    }
    a->slot_start = slot;
    a->day = local_day(slot, settings_.zone);
    db_.prepare("UPDATE appointments SET slot_start=?, day=?, updated_at=? WHERE id=? AND state='booked'")
        .bind(1, to_rfc3339_utc(slot)).bind(2, a->day).bind(3, to_rfc3339_utc(now)).bind(4, a->id).run();
    cancel_queued_sms_about(db_, a->id, now);  // a reminder for the old time must not be sent
    tell_her(a->visitor_id, "appointment_moved", a->id, now);
    record(*a, "moved", staff, now);
    out = *a;
  });
  return out;
}

void AppointmentStore::cancel(const std::string& appointment_id, const std::string& staff, TimePoint now) {
  within_transaction(db_, [&] {
    auto a = get(appointment_id);
    if (!a || a->state != "booked") throw std::invalid_argument("only a booked appointment can be cancelled");
    db_.prepare("UPDATE appointments SET state='cancelled', updated_at=? WHERE id=? AND state='booked'")
        .bind(1, to_rfc3339_utc(now)).bind(2, a->id).run();
    cancel_queued_sms_about(db_, a->id, now);
    tell_her(a->visitor_id, "appointment_cancelled", a->id, now);
    record(*a, "cancelled", staff, now);
  });
}

// A change made at the desk, by SMS if the centre sends them and she agreed (in the change's transaction).
void AppointmentStore::tell_her(const std::string& visitor_id, const std::string& kind, const std::string& id,
                                TimePoint now) {
  if (settings_.sms.enabled) SmsQueue(db_).enqueue_if_consented(visitor_id, kind, id, now, now);
}

std::optional<Appointment> AppointmentStore::get(const std::string& appointment_id) {
  auto st = db_.prepare(std::string("SELECT ") + kCols + " FROM appointments a WHERE a.id=?");
  st.bind(1, appointment_id);
  return first_row(st);
}

std::vector<Appointment> AppointmentStore::open_of(const std::string& visitor_id) {
  auto st = db_.prepare(std::string("SELECT ") + kCols +
                        " FROM appointments a WHERE a.visitor_id=? AND a.state='booked' ORDER BY a.slot_start");
  st.bind(1, visitor_id);
  return all_rows(st);
}

std::optional<Appointment> AppointmentStore::next_of(const std::string& visitor_id, TimePoint now) {
  auto st = db_.prepare(std::string("SELECT ") + kCols +
                        " FROM appointments a WHERE a.visitor_id=? AND a.state='booked' AND a.slot_start>=? "
                        "ORDER BY a.slot_start LIMIT 1");
  st.bind(1, visitor_id).bind(2, to_rfc3339_utc(now));
  return first_row(st);
}

std::vector<TodayAppointment> AppointmentStore::today(const std::vector<std::string>& services, TimePoint now) {
  std::string sql = std::string("SELECT ") + kCols + ", coalesce(t.number,'') FROM appointments a " +
                    "LEFT JOIN tickets t ON t.id = a.ticket_id WHERE a.day=? AND a.state IN ('booked','kept')";
  if (!services.empty()) {
    sql += " AND a.service_id IN (";
    for (size_t i = 0; i < services.size(); ++i) sql += i ? ",?" : "?";
    sql += ")";
  }
  auto st = db_.prepare(sql + " ORDER BY a.slot_start, a.rowid");
  st.bind(1, local_day(now, settings_.zone));
  for (size_t i = 0; i < services.size(); ++i) st.bind(static_cast<int>(i + 2), services[i]);
  std::vector<TodayAppointment> out;
  while (st.step()) {
    TodayAppointment t{row_to_appointment(st), false, st.text(10)};
    t.arrived = t.appointment.state == "kept";
    out.push_back(std::move(t));
  }
  return out;
}

std::optional<Appointment> AppointmentStore::find_today(const std::string& visitor_id, TimePoint now,
                                                        const std::string& service_id) {
  auto st = db_.prepare(std::string("SELECT ") + kCols +
                        " FROM appointments a WHERE a.visitor_id=? AND a.day=? AND a.state='booked' AND "
                        "(?='' OR a.service_id=?) ORDER BY a.slot_start LIMIT 1");
  st.bind(1, visitor_id).bind(2, local_day(now, settings_.zone)).bind(3, service_id).bind(4, service_id);
  return first_row(st);
}

std::optional<Appointment> AppointmentStore::find_today_by_code(const std::string& code, TimePoint now) {
  auto st = db_.prepare(std::string("SELECT ") + kCols +
                        " FROM appointments a WHERE a.code=? AND a.day=? AND a.state='booked'");
  st.bind(1, code).bind(2, local_day(now, settings_.zone));
  return first_row(st);
}

int AppointmentStore::mark_missed(TimePoint now) {
  int n = 0;
  within_transaction(db_, [&] {
    auto st = db_.prepare(std::string("SELECT ") + kCols + " FROM appointments a WHERE a.state='booked' AND a.day<?");
    st.bind(1, local_day(now, settings_.zone));
    const auto missed = all_rows(st);
    for (const auto& a : missed) {
      db_.prepare("UPDATE appointments SET state='missed', updated_at=? WHERE id=?")
          .bind(1, to_rfc3339_utc(now)).bind(2, a.id).run();
      record(a, "missed", "", now);
    }
    n = static_cast<int>(missed.size());
  });
  return n;
}

std::optional<Arrival> AppointmentStore::arrival(const std::string& appointment_id, TimePoint now) {
  auto a = get(appointment_id);
  if (!a || a->state != "booked" || a->day != local_day(now, settings_.zone)) return std::nullopt;
  const auto grace = std::chrono::minutes(settings_.tuning.appointment_grace_minutes);
  return Arrival{*a, now <= a->slot_start + grace};
}

void AppointmentStore::keep(const Arrival& arrival, const std::string& ticket_id, TimePoint now) {
  db_.prepare("UPDATE appointments SET state='kept', late=?, ticket_id=?, updated_at=? WHERE id=? AND state='booked'")
      .bind(1, arrival.on_time ? 0 : 1).bind(2, ticket_id).bind(3, to_rfc3339_utc(now))
      .bind(4, arrival.appointment.id).run();
  record(arrival.appointment, arrival.on_time ? "kept" : "late", "", now);
}

}  // namespace shubbak
