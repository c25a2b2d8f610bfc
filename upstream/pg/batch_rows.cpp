#include "upstream/pg/batch_rows.hpp"

#include <cctype>

#include "store/uuid.hpp"
#include "upstream/intake/accompaniment_fields.hpp"

namespace shubbak::upstream::pg {

// Day and hour are local to Morocco (the ministry's day), from the event's own time if it has one.
const char* kInsertRecordsSql = R"SQL(
WITH v AS (
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::smallint[], $5::bytea[], $6::text[],
                       $7::text[], $8::text[], $9::text[], $10::boolean[], $11::text[], $12::text[], $13::text[],
                       $14::text[], $15::text[], $16::text[], $17::text[], $18::timestamptz[], $19::boolean[],
                       $20::text[], $21::text[], $22::text[], $23::text[], $24::bytea[], $25::text[], $26::text[],
                       $27::boolean[], $28::text[], $29::text[], $30::text[], $31::timestamptz[], $32::text[],
                       $33::text[], $34::text[], $35::text[], $36::text[], $37::text[])
    AS t(id, kind, created_at, format, digest, registration_id, visitor_id, service, ticket, consent, age_band,
         commune, contact, person_key, ticket_id, event, number, at, priority, staff, counter, outcome, to_service,
         identity, consent_id, purpose, granted, text_version, channel, appointment_id, slot, referral_id,
         from_service, to_kind, to_id, state_reason, milestone)
), ins AS (
  INSERT INTO records(id, kiosk_id, centre_id, kind, created_at, format, digest)
  SELECT id, $38, $39, kind, created_at, format, digest FROM v
  ON CONFLICT (id) DO NOTHING
  RETURNING id
), fresh AS (
  SELECT v.*, (coalesce(v.at, v.created_at) AT TIME ZONE 'Africa/Casablanca')::date AS day,
         extract(hour FROM coalesce(v.at, v.created_at) AT TIME ZONE 'Africa/Casablanca') AS hour
  FROM v JOIN ins USING (id)
), reg AS (
  INSERT INTO registrations(record_id, centre_id, kiosk_id, day, hour, created_at, registration_id, visitor_id,
                            service, ticket, consent, age_band, commune, contact, person_key)
  SELECT id, $39, $38, day, hour, created_at, registration_id, visitor_id, service, ticket, consent, age_band,
         commune, contact, person_key
  FROM fresh WHERE kind = 'registration'
  ON CONFLICT (record_id) DO NOTHING
), tev AS (
  INSERT INTO ticket_events(record_id, centre_id, kiosk_id, day, hour, created_at, ticket_id, event, service,
                            number, at, priority, visitor_id, staff, counter, outcome, to_service)
  SELECT id, $39, $38, day, hour, created_at, ticket_id, event, service, number, at, priority, visitor_id, staff,
         counter, outcome, to_service
  FROM fresh WHERE kind = 'ticket_event'
  ON CONFLICT (record_id) DO NOTHING
), con AS (
  INSERT INTO consent_changes(record_id, centre_id, kiosk_id, day, hour, created_at, at, consent_id, visitor_id,
                              purpose, granted, text_version, channel, staff)
  SELECT id, $39, $38, day, hour, created_at, at, consent_id, visitor_id, purpose, granted, text_version, channel,
         staff
  FROM fresh WHERE kind = 'consent'
  ON CONFLICT (record_id) DO NOTHING
), apt AS (
  INSERT INTO appointment_events(record_id, centre_id, kiosk_id, day, hour, created_at, at, appointment_id,
                                 visitor_id, service, event, slot, staff)
  SELECT id, $39, $38, day, hour, created_at, at, appointment_id, visitor_id, service, event, slot, staff
  FROM fresh WHERE kind = 'appointment'
  ON CONFLICT (record_id) DO NOTHING
), ref AS (
  INSERT INTO referral_events(record_id, centre_id, kiosk_id, day, hour, created_at, at, referral_id, visitor_id,
                              from_service, to_kind, to_id, event, state_reason, staff)
  SELECT id, $39, $38, day, hour, created_at, at, referral_id, visitor_id, from_service, to_kind, to_id, event,
         state_reason, staff
  FROM fresh WHERE kind = 'referral'
  ON CONFLICT (record_id) DO NOTHING
), mil AS (
  INSERT INTO milestones(record_id, centre_id, kiosk_id, day, hour, created_at, at, visitor_id, milestone, service,
                         staff)
  SELECT id, $39, $38, day, hour, created_at, at, visitor_id, milestone, service, staff
  FROM fresh WHERE kind = 'milestone'
  ON CONFLICT (record_id) DO NOTHING
), idn AS (
  INSERT INTO identities(record_id, sealed)
  SELECT id, identity FROM fresh WHERE identity IS NOT NULL
  ON CONFLICT (record_id) DO NOTHING
)
SELECT id::text FROM ins
)SQL";

namespace {

constexpr size_t kColumns = 37;  // the arrays $1..$37 of kInsertRecordsSql

Param text_or_null(const std::string& s) { return s.empty() ? Param() : Param(s); }

bool digits(const std::string& s, size_t from, size_t n, int lo, int hi, int* out = nullptr) {
  if (from + n > s.size()) return false;
  int v = 0;
  for (size_t i = from; i < from + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  if (out) *out = v;
  return v >= lo && v <= hi;
}

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

bool is_utc_timestamp(const std::string& s) {
  int y = 0, mo = 0, d = 0;
  if (s.size() < 20 || !digits(s, 0, 4, 1970, 9999, &y) || s[4] != '-' || !digits(s, 5, 2, 1, 12, &mo) ||
      s[7] != '-' || !digits(s, 8, 2, 1, 31, &d) || s[10] != 'T' || !digits(s, 11, 2, 0, 23) || s[13] != ':' ||
      !digits(s, 14, 2, 0, 59) || s[16] != ':' || !digits(s, 17, 2, 0, 59))
    return false;
  if (d > days_in_month(y, mo)) return false;
  size_t i = 19;
  if (s[i] == '.') {
    size_t start = ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start || i - start > 9) return false;
  }
  return i + 1 == s.size() && s[i] == 'Z';
}

std::string check_storable(const intake::OpenedRecord& r) {
  if (!store::is_uuid_v4(canonical_id(r.id))) return "id is not a UUIDv4";
  if (!is_utc_timestamp(r.created_at)) return "created_at is not an RFC 3339 UTC time";
  for (const std::string* f :
       {&r.kiosk_id, &r.centre_id, &r.registration_id, &r.visitor_id, &r.service, &r.ticket, &r.age_band, &r.commune,
        &r.contact, &r.person_key, &r.ticket_id, &r.event, &r.number, &r.at, &r.staff, &r.counter, &r.outcome,
        &r.to_service, &r.consent_id, &r.purpose, &r.text_version, &r.channel, &r.appointment_id, &r.slot,
        &r.referral_id, &r.from_service, &r.referred_kind, &r.referred_to, &r.state_reason, &r.milestone})
    if (f->find('\0') != std::string::npos) return "a field holds a NUL character";
  if (r.kind == intake::Kind::Registration || r.kind == intake::Kind::TicketEvent) return "";
  // The accompaniment tables' CHECKs and NOT NULLs would refuse the whole batch: their words and times first.
  if (std::string e = intake::accompaniment_words_error(r); !e.empty()) return e;
  if (!is_utc_timestamp(r.at)) return "field 'at' is not an RFC 3339 UTC time";
  if (!r.slot.empty() && !is_utc_timestamp(r.slot)) return "field 'slot' is not an RFC 3339 UTC time";
  return "";
}

std::string canonical_id(const std::string& id) {
  std::string s = id;
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');  // ASCII: no locale lookup per character
  return s;
}

std::string array_literal(const std::vector<Param>& elements) {
  std::string out = "{";
  for (size_t i = 0; i < elements.size(); ++i) {
    if (i) out.push_back(',');
    if (!elements[i]) {
      out += "NULL";
      continue;
    }
    out.push_back('"');
    for (char c : *elements[i]) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out.push_back('}');
  return out;
}

std::vector<Param> insert_params(const std::vector<const intake::OpenedRecord*>& records, const TokenOwner& who) {
  std::vector<std::vector<Param>> col(kColumns);
  for (auto& c : col) c.reserve(records.size());
  for (const intake::OpenedRecord* r : records) {
    const std::string at = is_utc_timestamp(r->at) ? r->at : "";  // a malformed event time is left out
    const std::string slot = is_utc_timestamp(r->slot) ? r->slot : "";
    Param values[kColumns] = {
        canonical_id(r->id), std::string(intake::kind_name(r->kind)), r->created_at, std::to_string(r->format),
        bytea_param(r->digest), text_or_null(r->registration_id), text_or_null(r->visitor_id),
        text_or_null(r->service), text_or_null(r->ticket), std::string(r->consent ? "t" : "f"),
        text_or_null(r->age_band), text_or_null(r->commune), text_or_null(r->contact), text_or_null(r->person_key),
        text_or_null(r->ticket_id), text_or_null(r->event), text_or_null(r->number), text_or_null(at),
        std::string(r->priority ? "t" : "f"), text_or_null(r->staff), text_or_null(r->counter),
        text_or_null(r->outcome), text_or_null(r->to_service),
        r->identity_sealed.empty() ? Param() : Param(bytea_param(r->identity_sealed)), text_or_null(r->consent_id),
        text_or_null(r->purpose), std::string(r->granted ? "t" : "f"), text_or_null(r->text_version),
        text_or_null(r->channel), text_or_null(r->appointment_id), text_or_null(slot), text_or_null(r->referral_id),
        text_or_null(r->from_service), text_or_null(r->referred_kind), text_or_null(r->referred_to),
        text_or_null(r->state_reason), text_or_null(r->milestone)};
    for (size_t i = 0; i < kColumns; ++i) col[i].push_back(std::move(values[i]));
  }
  std::vector<Param> params;
  params.reserve(kColumns + 2);
  for (const auto& c : col) params.push_back(array_literal(c));
  params.push_back(who.kiosk_id);
  params.push_back(who.centre_id);
  return params;
}

}  // namespace shubbak::upstream::pg
