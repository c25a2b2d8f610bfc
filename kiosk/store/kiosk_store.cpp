#include "kiosk/store/kiosk_store.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "kiosk/store/queue_order.hpp"
#include "store/data_dir.hpp"
#include "store/outbox.hpp"
#include "store/uuid.hpp"

namespace shubbak {

using nlohmann::json;

KioskStore::KioskStore(store::Database& db, const Catalogue& catalogue, const Settings& settings)
    : db_(db),
      catalogue_(catalogue),
      settings_(settings),
      sealer_(settings.sync.seal_public_key, settings.sync.writes_format3() ? 3 : 2),
      identity_keys_(store::load_identity_keys(settings.sync)),
      consents_(db, settings),
      appointments_(db, catalogue, settings) {
  std::string key = store::meta_get(db_, "identity_hash_key");
  if (key.empty()) {
    store::Bytes k(crypto_generichash_KEYBYTES);
    randombytes_buf(k.data(), k.size());
    db_.transaction([&] {
      // Another process may have made it first: keep theirs.
      db_.prepare("INSERT OR IGNORE INTO meta(key,value) VALUES('identity_hash_key',?)").bind(1, store::to_base64(k)).run();
    });
    key = store::meta_get(db_, "identity_hash_key");
  }
  hash_key_ = store::from_base64(key).value_or(store::Bytes{});
}

store::Bytes KioskStore::identity_hash(IdentityKind kind, const std::string& normalized) {
  std::string in = std::string(identity_kind_name(kind)) + ":" + normalized;  // the spelling hashed since v1
  store::Bytes out(32);
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(in.data()), in.size(),
                     hash_key_.data(), hash_key_.size());
  return out;
}

// The registration record's payload. Format 2: her details in clear inside the seal. Format 3 (identity keys
// configured): her age band, commune and contact preference, her person_key, and her identity sealed to the registry
// key (docs/sync-protocol.md).
static json registration_json(json r, const VisitorDetails& v, const std::string& visitor_id, const std::string& at,
                              const std::optional<store::IdentityKeys>& keys) {
  r["visitor_id"] = visitor_id;
  r["created_at"] = at;
  r["consent"] = true;  // her `keep` answer, to these words:
  r["consent_text_version"] = consent_text_version(ConsentPurpose::Keep);
  const std::string contact = contact_preference_name(v.contact);
  if (!keys) {
    r["visitor"] = {{"name", v.name},       {"phone", v.phone},      {"cin", v.cin},
                    {"birth_year", v.birth_year}, {"commune", v.commune}, {"contact", contact}};
    return r;
  }
  r["age_band"] = store::age_band(v.birth_year, at);
  r["commune"] = v.commune;
  r["contact"] = contact;
  r["person_key"] = store::person_key(keys->national_key, v.cin, v.phone, visitor_id);
  std::string identity = json{{"name", v.name}, {"phone", v.phone}, {"cin", v.cin}, {"birth_year", v.birth_year}}.dump();
  r["identity"] = store::to_base64(store::seal_identity(identity, keys->registry_public));
  sodium_memzero(identity.data(), identity.size());
  return r;
}

static std::string ticket_number(const std::string& prefix, int64_t seq) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s-%03lld", prefix.c_str(), static_cast<long long>(seq));
  return buf;
}

// The handle resets the statement when it goes out of scope, even if run() throws (disk full): her details never
// stay bound in memory.
void KioskStore::insert_visitor(const VisitorDetails& v, const std::string& visitor_id, const std::string& at) {
  auto ins = db_.cached(
      "INSERT INTO visitors(id, created_at, phone_hash, cin_hash, full_name, phone, cin, birth_year, commune, contact)"
      " VALUES(?,?,?,?,?,?,?,?,?,?)");
  ins->bind(1, visitor_id).bind(2, at);
  if (v.phone.empty()) ins->bind_null(3); else ins->bind_blob(3, identity_hash(IdentityKind::Phone, v.phone));
  if (v.cin.empty()) ins->bind_null(4); else ins->bind_blob(4, identity_hash(IdentityKind::Cin, v.cin));
  ins->bind(5, v.name).bind(6, v.phone).bind(7, v.cin);
  if (v.birth_year.empty()) ins->bind_null(8); else ins->bind(8, static_cast<int64_t>(std::stoi(v.birth_year)));
  ins->bind(9, v.commune).bind(10, contact_preference_name(v.contact)).run();
}

// Her answers at the kiosk. A registration is her `keep` consent, written or not (its upstream record is the
// registration's); without a visitor nothing is kept.
void KioskStore::record_consents(const IssueRequest& req, const std::string& visitor_id, bool registered,
                                 TimePoint now) {
  if (visitor_id.empty()) return;
  std::map<ConsentPurpose, bool> answers = req.consents;
  if (registered) {
    auto keep = answers.find(ConsentPurpose::Keep);
    if (keep != answers.end() && !keep->second)
      throw store::StoreError(store::Fault::Misuse, "a registration without the keep consent");
    answers.erase(ConsentPurpose::Keep);
    consents_.record_registration_keep(visitor_id, now);
  }
  for (const auto& [purpose, granted] : answers) consents_.record(visitor_id, purpose, granted, ConsentSource::kiosk(), now);
}

void KioskStore::fill_queue_figures(const Service& svc, const std::string& ticket_id, const std::string& at,
                                    IssuedTicket& t) {
  // Ahead of her: who is at a counter, and who the desk would call before her now (the desk's own order).
  static const std::string sql =
      "SELECT count(*) FROM tickets t JOIN tickets me ON me.id=?1 WHERE t.service_id=me.service_id AND "
      "t.day=me.day AND t.id<>me.id AND (t.state='called' OR (t.state='waiting' AND (" + queue_order_key("t", "?2") +
      ") < (" + queue_order_key("me", "?2") + ")))";
  auto ahead = db_.cached(sql);
  ahead->bind(1, ticket_id).bind(2, at);
  ahead->step();
  t.people_ahead = static_cast<int>(ahead->integer(0));
  int serving = std::max<int>(1, static_cast<int>(svc.counters.size()));
  t.wait_minutes = (t.people_ahead * svc.minutes_per_visitor + serving - 1) / serving;
}

std::optional<NextAppointment> KioskStore::next_appointment(const std::string& visitor_id, TimePoint now) {
  if (visitor_id.empty()) return std::nullopt;
  auto a = appointments_.next_of(visitor_id, now);
  if (!a) return std::nullopt;
  const Service* s = catalogue_.service(a->service_id);
  return NextAppointment{a->day, local_hhmm(a->slot_start, settings_.zone), a->code, a->service_id,
                         s ? s->sensitive : true};
}

IssuedTicket KioskStore::issue(const IssueRequest& req, TimePoint now) {
  const std::string at = to_rfc3339_utc(now);
  const std::string day = local_day(now, settings_.zone);
  IssuedTicket t;
  db_.transaction([&] {
    std::optional<Arrival> arrival;
    if (!req.appointment_id.empty()) arrival = appointments_.arrival(req.appointment_id, now);
    const Service* svc = catalogue_.service(arrival ? arrival->appointment.service_id : req.service_id);
    if (!svc && arrival) {  // her service left the catalogue since she booked: an ordinary ticket for the one asked
      arrival.reset();
      svc = catalogue_.service(req.service_id);
    }
    if (!svc) throw store::StoreError(store::Fault::Misuse, "unknown service " + req.service_id);
    t = IssuedTicket{};
    t.service_id = svc->id;
    t.sensitive = svc->sensitive;
    t.counters = svc->counters;
    t.for_appointment = arrival.has_value();
    t.late = arrival && !arrival->on_time;
    std::string visitor_id = arrival ? arrival->appointment.visitor_id : req.existing_visitor_id, registration_id;
    if (req.new_visitor && !arrival) {
      visitor_id = store::new_uuid_v4();
      registration_id = store::new_uuid_v4();
      insert_visitor(*req.new_visitor, visitor_id, at);
      db_.cached("INSERT INTO registrations(id, visitor_id, service_id, created_at, consent) VALUES(?,?,?,?,1)")
          ->bind(1, registration_id).bind(2, visitor_id).bind(3, svc->id).bind(4, at).run();
    }
    int64_t seq = 0;
    {
      auto next = db_.cached("SELECT coalesce(max(seq),0)+1 FROM tickets WHERE origin_service_id=? AND day=?");
      next->bind(1, svc->id).bind(2, day);
      next->step();
      seq = next->integer(0);
    }  // reset here: a cached statement left on a row would hold a read snapshot open
    t.number = ticket_number(svc->prefix, seq);

    std::string ticket_id = store::new_uuid_v4();
    t.id = ticket_id;
    {
      auto ins = db_.cached(
          "INSERT INTO tickets(id, service_id, origin_service_id, day, seq, number, visitor_id, registration_id, "
          "sensitive, priority, issued_at, appointment_id, appointment_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
      ins->bind(1, ticket_id).bind(2, svc->id).bind(3, svc->id).bind(4, day).bind(5, seq).bind(6, t.number);
      if (visitor_id.empty()) ins->bind_null(7); else ins->bind(7, visitor_id);
      if (registration_id.empty()) ins->bind_null(8); else ins->bind(8, registration_id);
      ins->bind(9, svc->sensitive ? 1 : 0).bind(10, req.priority ? 1 : 0).bind(11, at);
      if (arrival) ins->bind(12, arrival->appointment.id); else ins->bind_null(12);
      if (arrival && arrival->on_time) ins->bind(13, to_rfc3339_utc(arrival->appointment.slot_start));
      else ins->bind_null(13);
      ins->run();
    }
    if (!visitor_id.empty() && !req.lang.empty())  // her messages by SMS follow the language she uses
      db_.cached("UPDATE visitors SET lang=? WHERE id=?")->bind(1, req.lang).bind(2, visitor_id).run();
    fill_queue_figures(*svc, ticket_id, at, t);
    if (arrival) appointments_.keep(*arrival, ticket_id, now);
    record_consents(req, visitor_id, !registration_id.empty(), now);
    append_issue_records(req, *svc, t, ticket_id, visitor_id, registration_id, at);
    t.next_appointment = next_appointment(visitor_id, now);
  });
  return t;
}

void KioskStore::append_issue_records(const IssueRequest& req, const Service& svc, const IssuedTicket& t,
                                      const std::string& ticket_id, const std::string& visitor_id,
                                      const std::string& registration_id, const std::string& at) {
  json base = {{"centre_id", settings_.centre_id}, {"kiosk_id", settings_.kiosk_id}};
  if (!registration_id.empty()) {
    json r = registration_json(base, *req.new_visitor, visitor_id, at, identity_keys_);
    r["registration_id"] = registration_id;
    r["service"] = svc.id;
    r["ticket"] = t.number;
    store::append_outbox(db_, sealer_, "registration", r.dump(), at, visitor_id);
  }
  json e = base;
  e["ticket_id"] = ticket_id;
  e["event"] = "issued";
  e["service"] = svc.id;
  e["number"] = t.number;
  e["at"] = at;
  e["priority"] = req.priority;
  if (!visitor_id.empty()) e["visitor_id"] = visitor_id;
  store::append_outbox(db_, sealer_, "ticket_event", e.dump(), at);
}

std::optional<std::string> KioskStore::find_visitor(IdentityKind kind, const std::string& normalized) {
  auto st = db_.prepare(kind == IdentityKind::Cin ? "SELECT id FROM visitors WHERE cin_hash=? ORDER BY created_at DESC LIMIT 1"
                                      : "SELECT id FROM visitors WHERE phone_hash=? ORDER BY created_at DESC LIMIT 1");
  st.bind_blob(1, identity_hash(kind, normalized));
  if (st.step()) return st.text(0);
  return std::nullopt;
}

void KioskStore::raise_alert(const std::string& kind, const std::string& source, TimePoint now) {
  db_.transaction([&] {
    db_.prepare("INSERT INTO alerts(at, kind, source) VALUES(?,?,?)")
        .bind(1, to_rfc3339_utc(now)).bind(2, kind).bind(3, source).run();
  });
}

void KioskStore::raise_alert_once(const std::string& kind, const std::string& source, TimePoint now) {
  auto open = db_.prepare("SELECT count(*) FROM alerts WHERE kind=? AND source=? AND resolved_at IS NULL");
  open.bind(1, kind).bind(2, source);
  if (open.step() && open.integer(0) > 0) return;
  raise_alert(kind, source, now);
}

void KioskStore::resolve_alerts(const std::string& kind, TimePoint now) {
  {
    auto open = db_.prepare("SELECT count(*) FROM alerts WHERE kind=? AND resolved_at IS NULL");
    open.bind(1, kind);
    if (!open.step() || open.integer(0) == 0) return;
  }
  db_.transaction([&] {
    db_.prepare("UPDATE alerts SET resolved_at=? WHERE kind=? AND resolved_at IS NULL")
        .bind(1, to_rfc3339_utc(now)).bind(2, kind).run();
  });
}

int KioskStore::tickets_today(TimePoint now) {
  auto st = db_.prepare("SELECT count(*) FROM tickets WHERE day=?");
  st.bind(1, local_day(now, settings_.zone));
  st.step();
  return static_cast<int>(st.integer(0));
}

}  // namespace shubbak
