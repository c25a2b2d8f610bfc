#include "kiosk/store/counter_store.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "store/outbox.hpp"
#include "kiosk/store/milestone_store.hpp"
#include "kiosk/store/queue_order.hpp"
#include "kiosk/store/staff_store.hpp"

namespace shubbak {

using nlohmann::json;

CounterStore::CounterStore(store::Database& db, const Catalogue& catalogue, const Settings& settings)
    : db_(db),
      catalogue_(catalogue),
      settings_(settings),
      seal_(settings.sync) {}

static QueuedTicket row_to_ticket(store::Statement& st) {
  QueuedTicket t;
  t.id = st.text(0);
  t.number = st.text(1);
  t.service_id = st.text(2);
  t.state = st.text(3);
  t.priority = st.integer(4) != 0;
  t.sensitive = st.integer(5) != 0;
  t.counter = static_cast<int>(st.integer(6));
  parse_rfc3339_utc(st.text(7), t.issued_at);
  t.visitor_id = st.text(8);
  t.appointment_id = st.text(9);
  TimePoint slot{};
  if (!st.is_null(10) && parse_rfc3339_utc(st.text(10), slot)) t.appointment_at = slot;
  return t;
}

static const char* kCols =
    "id, number, service_id, state, priority, sensitive, coalesce(counter,0), issued_at, coalesce(visitor_id,''), "
    "coalesce(appointment_id,''), appointment_at";

static std::string in_list(const std::vector<std::string>& services) {
  if (services.empty()) return "";
  std::string s = " AND service_id IN (";
  for (size_t i = 0; i < services.size(); ++i) s += i ? ",?" : "?";
  return s + ")";
}

std::vector<QueuedTicket> CounterStore::queue(const std::vector<std::string>& services, TimePoint now) {
  // Queue placement (issue 16): appointment_at is set only for a woman who came on time or early.
  auto st = db_.prepare(std::string("SELECT ") + kCols + " FROM tickets WHERE day=? AND state='waiting'" +
                        in_list(services) +
                        " ORDER BY " + queue_order_key("", "?"));
  st.bind(1, local_day(now, settings_.zone));
  for (size_t i = 0; i < services.size(); ++i) st.bind(static_cast<int>(i + 2), services[i]);
  st.bind(static_cast<int>(services.size() + 2), to_rfc3339_utc(now));
  std::vector<QueuedTicket> out;
  while (st.step()) out.push_back(row_to_ticket(st));
  return out;
}

QueuedTicket CounterStore::load(const std::string& ticket_id) {
  auto st = db_.prepare(std::string("SELECT ") + kCols + " FROM tickets WHERE id=?");
  st.bind(1, ticket_id);
  if (!st.step()) throw std::invalid_argument("no such ticket");
  return row_to_ticket(st);
}

void CounterStore::event(const std::string& ticket_id, const std::string& what, const std::string& staff,
                         const std::string& key, const std::string& value, TimePoint now) {
  QueuedTicket t = load(ticket_id);
  const std::string at = to_rfc3339_utc(now);
  json e = {{"centre_id", settings_.centre_id}, {"kiosk_id", settings_.kiosk_id}, {"ticket_id", t.id},
            {"event", what},                    {"service", t.service_id},       {"number", t.number},
            {"at", at},                         {"staff", staff},                {"counter", t.counter}};
  if (key == "note") seal_.add_staff_text(e, key, value);  // identity-class: sealed in format 3
  else if (!key.empty()) e[key] = value;
  store::append_outbox(db_, seal_.sealer(), "ticket_event", e.dump(), at);
  append_audit(db_, "staff:" + staff, what, t.number, key.empty() || key == "note" ? "" : key + "=" + value, now);
}

std::optional<QueuedTicket> CounterStore::call_next(const std::vector<std::string>& services, int counter,
                                                    const std::string& staff, TimePoint now) {
  std::optional<QueuedTicket> called;
  db_.transaction([&] {
    auto q = queue(services, now);  // inside the write lock: two counters never call the same ticket
    if (q.empty()) return;
    QueuedTicket t = q.front();
    db_.prepare("UPDATE tickets SET state='called', counter=?, staff_login=?, called_at=? WHERE id=? AND state='waiting'")
        .bind(1, counter).bind(2, staff).bind(3, to_rfc3339_utc(now)).bind(4, t.id).run();
    event(t.id, "called", staff, "", "", now);
    called = load(t.id);
  });
  return called;
}

void CounterStore::recall(const std::string& ticket_id, const std::string& staff, TimePoint now) {
  db_.transaction([&] {
    db_.prepare("UPDATE tickets SET called_at=? WHERE id=? AND state='called'")
        .bind(1, to_rfc3339_utc(now)).bind(2, ticket_id).run();
    if (db_.changes() == 0) throw std::invalid_argument("only a called ticket can be recalled");
    event(ticket_id, "recalled", staff, "", "", now);
  });
}

void CounterStore::no_show(const std::string& ticket_id, const std::string& staff, TimePoint now) {
  db_.transaction([&] {
    db_.prepare("UPDATE tickets SET state='no_show', served_at=? WHERE id=? AND state='called'")
        .bind(1, to_rfc3339_utc(now)).bind(2, ticket_id).run();
    if (db_.changes() == 0) throw std::invalid_argument("only a called ticket can be a no-show");
    event(ticket_id, "no_show", staff, "", "", now);
  });
}

void CounterStore::transfer(const std::string& ticket_id, const std::string& service_id, const std::string& staff,
                            TimePoint now) {
  const Service* s = catalogue_.service(service_id);
  if (!s) throw std::invalid_argument("unknown service " + service_id);
  db_.transaction([&] {
    db_.prepare("UPDATE tickets SET service_id=?, sensitive=?, state='waiting', counter=NULL, called_at=NULL "
                "WHERE id=? AND state IN ('waiting','called')")
        .bind(1, service_id).bind(2, s->sensitive ? 1 : 0).bind(3, ticket_id).run();
    if (db_.changes() == 0) throw std::invalid_argument("this ticket cannot be transferred any more");
    event(ticket_id, "transferred", staff, "to_service", service_id, now);
  });
}

void CounterStore::served(const std::string& ticket_id, const std::string& outcome, const std::string& note,
                          const std::string& staff, TimePoint now) {
  const Outcome* o = catalogue_.outcome(outcome);
  if (!o) throw std::invalid_argument("unknown outcome " + outcome);
  db_.transaction([&] {
    auto st = db_.prepare("UPDATE tickets SET state='served', served_at=?, outcome=?, note=? WHERE id=? AND "
                          "state IN ('called','serving')");
    st.bind(1, to_rfc3339_utc(now)).bind(2, outcome);
    if (note.empty()) st.bind_null(3); else st.bind(3, note);
    st.bind(4, ticket_id).run();
    if (db_.changes() == 0) throw std::invalid_argument("only a called ticket can be served");
    event(ticket_id, "served", staff, "outcome", outcome, now);
    if (QueuedTicket t = load(ticket_id); !o->milestone.empty() && !t.visitor_id.empty())
      record_milestone(db_, seal_.sealer(), settings_, t.visitor_id, o->milestone, t.service_id, t.id, staff, now);
  });
}

void CounterStore::set_priority(const std::string& ticket_id, bool priority, const std::string& staff, TimePoint now) {
  db_.transaction([&] {
    db_.prepare("UPDATE tickets SET priority=? WHERE id=? AND state='waiting'")
        .bind(1, priority ? 1 : 0).bind(2, ticket_id).run();
    if (db_.changes() == 0) throw std::invalid_argument("only a waiting ticket can change priority");
    event(ticket_id, priority ? "priority_set" : "priority_cleared", staff, "", "", now);
  });
}

bool CounterStore::priority_of(const std::string& ticket_id) { return load(ticket_id).priority; }

void CounterStore::resolve_alerts(const std::string& staff, TimePoint now) {
  db_.transaction([&] {
    // Only the calls for staff: other alerts (the kiosk on its last good catalogue) stay until their cause goes.
    db_.prepare("UPDATE alerts SET resolved_at=? WHERE resolved_at IS NULL AND kind='call_staff'")
        .bind(1, to_rfc3339_utc(now)).run();
    append_audit(db_, "staff:" + staff, "alerts_seen", "", std::to_string(db_.changes()), now);
  });
}

std::optional<VisitorDetails> CounterStore::visitor_details(const std::string& ticket_id, const std::string& staff,
                                                           TimePoint now) {
  std::optional<VisitorDetails> d;
  db_.transaction([&] {
    auto st = db_.prepare(
        "SELECT v.full_name, v.phone, v.cin, coalesce(v.birth_year,''), v.commune, v.contact, t.number "
        "FROM tickets t JOIN visitors v ON v.id = t.visitor_id "
        "WHERE t.id=? AND t.state IN ('called','serving') AND v.purged_at IS NULL");
    st.bind(1, ticket_id);
    if (!st.step()) return;  // only while she is being served
    d = VisitorDetails{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4),
                       parse_contact_preference(st.text(5))};
    append_audit(db_, "staff:" + staff, "view_details", st.text(6), "", now);
  });
  return d;
}

static double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  // Nearest rank.
  size_t rank = static_cast<size_t>(std::ceil(p * v.size()));
  return v[std::max<size_t>(rank, 1) - 1];
}

std::vector<ServiceFigures> CounterStore::figures(const std::string& day) {
  std::vector<ServiceFigures> out;
  for (const auto& s : catalogue_.services()) out.push_back(figures(day, {s.id}));
  return out;
}

ServiceFigures CounterStore::figures(const std::string& day, const std::vector<std::string>& services) {
  ServiceFigures f;
  if (services.size() == 1) f.service_id = services[0];
  std::vector<double> waits;
  auto st = db_.prepare("SELECT service_id, state, issued_at, coalesce(called_at,''), coalesce(outcome,'') "
                        "FROM tickets WHERE day=?");
  st.bind(1, day);
  while (st.step()) {
    if (std::find(services.begin(), services.end(), st.text(0)) == services.end()) continue;
    ++f.tickets;
    std::string state = st.text(1);
    if (state == "served") ++f.served;
    else if (state == "no_show") ++f.no_shows;
    else if (state == "waiting") ++f.waiting;
    TimePoint issued{}, called{};
    if (parse_rfc3339_utc(st.text(2), issued) && parse_rfc3339_utc(st.text(3), called))
      waits.push_back(std::chrono::duration<double>(called - issued).count() / 60.0);
    if (!st.text(4).empty()) ++f.outcomes[st.text(4)];
  }
  f.median_wait_minutes = percentile(waits, 0.5);
  f.p90_wait_minutes = percentile(waits, 0.9);
  return f;
}

}  // namespace shubbak
