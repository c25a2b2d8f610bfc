#include "kiosk/store/consent_store.hpp"

#include <nlohmann/json.hpp>

#include "kiosk/store/sms_queue.hpp"
#include "kiosk/store/staff_store.hpp"
#include "kiosk/store/within_transaction.hpp"
#include "store/outbox.hpp"
#include "store/uuid.hpp"

namespace shubbak {

using nlohmann::json;

ConsentMissing::ConsentMissing(std::string visitor, ConsentPurpose p)
    : std::runtime_error(std::string("no current consent for ") + consent_purpose_id(p)),
      visitor_id(std::move(visitor)),
      purpose(p) {}

ConsentStore::ConsentStore(store::Database& db, const Settings& settings)
    : db_(db), settings_(settings), sealer_(settings.sync.seal_public_key, settings.sync.writes_format3() ? 3 : 2) {}

std::string ConsentStore::record(const std::string& visitor_id, ConsentPurpose purpose, bool granted,
                                 const ConsentSource& by, TimePoint now) {
  return insert(visitor_id, purpose, granted, by, now, true);
}

std::string ConsentStore::record_registration_keep(const std::string& visitor_id, TimePoint now) {
  return insert(visitor_id, ConsentPurpose::Keep, true, ConsentSource::kiosk(), now, false);
}

std::string ConsentStore::insert(const std::string& visitor_id, ConsentPurpose purpose, bool granted,
                                 const ConsentSource& by, TimePoint now, bool upstream_record) {
  if (visitor_id.empty()) throw std::invalid_argument("a consent needs a registered visitor");
  if (by.channel == ConsentChannel::Desk && by.staff.empty()) throw std::invalid_argument("a desk answer needs staff");
  const std::string id = store::new_uuid_v4(), at = to_rfc3339_utc(now);
  const std::string actor = by.channel == ConsentChannel::Desk ? "staff:" + by.staff : "kiosk";
  const char* version = consent_text_version(purpose);
  within_transaction(db_, [&] {
    db_.prepare("INSERT INTO consents(id, visitor_id, purpose, granted, text_version, at, channel, actor) "
                "VALUES(?,?,?,?,?,?,?,?)")
        .bind(1, id).bind(2, visitor_id).bind(3, consent_purpose_id(purpose)).bind(4, granted ? 1 : 0)
        .bind(5, version).bind(6, at).bind(7, consent_channel_id(by.channel)).bind(8, actor).run();
    if (upstream_record) append_record(id, visitor_id, purpose, granted, by, at);
    if (purpose == ConsentPurpose::Sms && !granted) cancel_queued_sms(db_, visitor_id, now);
    if (by.channel == ConsentChannel::Desk)
      append_audit(db_, actor, "consent_changed", visitor_id,
                   std::string(consent_purpose_id(purpose)) + (granted ? "=yes" : "=no"), now);
  });
  return id;
}

void ConsentStore::append_record(const std::string& id, const std::string& visitor_id, ConsentPurpose purpose,
                                 bool granted, const ConsentSource& by, const std::string& at) {
  json r = {{"centre_id", settings_.centre_id}, {"kiosk_id", settings_.kiosk_id}, {"consent_id", id},
            {"visitor_id", visitor_id},         {"purpose", consent_purpose_id(purpose)},
            {"granted", granted},               {"text_version", consent_text_version(purpose)},
            {"channel", consent_channel_id(by.channel)}, {"at", at}};
  if (by.channel == ConsentChannel::Desk) r["staff"] = by.staff;
  store::append_outbox(db_, sealer_, "consent", r.dump(), at);
}

static ConsentAnswer row_to_answer(store::Statement& st) {
  ConsentAnswer a;
  a.id = st.text(0);
  a.visitor_id = st.text(1);
  a.purpose = parse_consent_purpose(st.text(2)).value_or(ConsentPurpose::Keep);
  a.granted = st.integer(3) != 0;
  a.text_version = st.text(4);
  parse_rfc3339_utc(st.text(5), a.at);
  a.channel = st.text(6) == "desk" ? ConsentChannel::Desk : ConsentChannel::Kiosk;
  a.actor = st.text(7);
  return a;
}

static std::vector<ConsentAnswer> history_of(store::Database& db, const std::string& visitor_id) {
  auto st = db.prepare("SELECT id, visitor_id, purpose, granted, text_version, at, channel, actor FROM consents "
                        "WHERE visitor_id=? ORDER BY at, rowid");
  st.bind(1, visitor_id);
  std::vector<ConsentAnswer> out;
  while (st.step()) out.push_back(row_to_answer(st));
  return out;
}

std::vector<ConsentAnswer> ConsentStore::history(const std::string& visitor_id) { return history_of(db_, visitor_id); }

std::map<ConsentPurpose, ConsentAnswer> current_consents(store::Database& db, const std::string& visitor_id) {
  std::map<ConsentPurpose, ConsentAnswer> out;
  for (auto& a : history_of(db, visitor_id)) out[a.purpose] = a;  // oldest first: the latest stays
  if (!out.count(ConsentPurpose::Keep)) {
    auto st = db.prepare("SELECT id, created_at FROM registrations WHERE visitor_id=? AND consent=1 "
                          "ORDER BY created_at LIMIT 1");
    st.bind(1, visitor_id);
    if (st.step()) {
      ConsentAnswer a;
      a.id = st.text(0);
      a.visitor_id = visitor_id;
      a.granted = true;
      a.text_version = ConsentStore::kLegacyKeepVersion;
      a.actor = "kiosk";
      parse_rfc3339_utc(st.text(1), a.at);
      out[ConsentPurpose::Keep] = a;
    }
  }
  return out;
}

std::map<ConsentPurpose, ConsentAnswer> ConsentStore::current(const std::string& visitor_id) {
  return current_consents(db_, visitor_id);
}

bool ConsentStore::holds(const std::string& visitor_id, ConsentPurpose purpose) {
  auto c = current(visitor_id);
  auto it = c.find(purpose);
  return it != c.end() && it->second.granted;
}

void require_consent(store::Database& db, const std::string& visitor_id, ConsentPurpose purpose) {
  auto c = current_consents(db, visitor_id);
  auto it = c.find(purpose);
  if (it == c.end() || !it->second.granted) throw ConsentMissing(visitor_id, purpose);
}

void ConsentStore::require(const std::string& visitor_id, ConsentPurpose purpose) {
  require_consent(db_, visitor_id, purpose);
}

}  // namespace shubbak
