#include "kiosk/store/referral_store.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include "common/utf8.hpp"
#include "kiosk/store/staff_store.hpp"
#include "store/outbox.hpp"
#include "store/uuid.hpp"

namespace shubbak {

using nlohmann::json;

const std::vector<std::string>& referral_decline_reasons() {
  static const std::vector<std::string> codes{"not_eligible", "no_place", "refused", "other"};
  return codes;
}

const std::vector<std::string>& referral_not_completed_reasons() {
  static const std::vector<std::string> codes{"unreachable", "refused", "other"};
  return codes;
}

ReferralStore::ReferralStore(store::Database& db, const Catalogue& catalogue, const Settings& settings)
    : db_(db),
      catalogue_(catalogue),
      settings_(settings),
      seal_(settings.sync) {}

namespace {

std::string bounded_reason(const std::string& reason) {
  std::u32string u = utf8_to_u32(reason);
  while (!u.empty() && (u.back() == U' ' || u.back() == U'\n' || u.back() == U'\r' || u.back() == U'\t')) u.pop_back();
  size_t first = u.find_first_not_of(U" \n\r\t");
  u = first == std::u32string::npos ? U"" : u.substr(first);
  if (u.size() > ReferralStore::kMaxReasonChars) u.resize(ReferralStore::kMaxReasonChars);
  return u32_to_utf8(u);
}

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

const char* kCols =
    "id, visitor_id, from_service, coalesce(to_service,''), coalesce(partner_id,''), state, "
    "coalesce(state_reason,''), created_by, updated_by, created_at, updated_at, reason IS NOT NULL";

}  // namespace

std::string ReferralStore::refer_internal(const std::string& visitor_id, const std::string& from_service,
                                          const std::string& to_service, const std::string& reason,
                                          const std::string& staff, TimePoint now) {
  if (!catalogue_.service(to_service))
    throw ReferralError(ReferralError::UnknownService, "no service '" + to_service + "' in the catalogue");
  if (to_service == from_service)
    throw ReferralError(ReferralError::SameService, "she is already at service '" + to_service + "'");
  return propose(visitor_id, from_service, to_service, "", reason, staff, now);
}

std::string ReferralStore::refer_external(const std::string& visitor_id, const std::string& from_service,
                                          const std::string& partner_id, const std::string& reason,
                                          const std::string& staff, TimePoint now) {
  const Partner* p = catalogue_.partner(partner_id);
  if (!p) throw ReferralError(ReferralError::UnknownPartner, "no partner '" + partner_id + "' in the catalogue");
  if (!has(p->services, from_service))
    throw ReferralError(ReferralError::PartnerNotForService,
                        "partner '" + partner_id + "' does not take referrals from service '" + from_service + "'");
  return propose(visitor_id, from_service, "", partner_id, reason, staff, now);
}

std::string ReferralStore::propose(const std::string& visitor_id, const std::string& from_service,
                                   const std::string& to_service, const std::string& partner_id,
                                   const std::string& reason_typed, const std::string& staff, TimePoint now) {
  if (!catalogue_.service(from_service))
    throw ReferralError(ReferralError::UnknownService, "no service '" + from_service + "' in the catalogue");
  std::string reason = bounded_reason(reason_typed);
  if (reason.empty()) throw ReferralError(ReferralError::NoReason, "a referral needs a reason");
  Referral r;
  r.id = store::new_uuid_v4();
  r.visitor_id = visitor_id;
  r.from_service = from_service;
  r.to_service = to_service;
  r.partner_id = partner_id;
  r.state = "proposed";
  const std::string at = to_rfc3339_utc(now);
  db_.transaction([&] {
    auto v = db_.prepare("SELECT 1 FROM visitors WHERE id=?");
    v.bind(1, visitor_id);
    if (!v.step()) throw ReferralError(ReferralError::UnknownVisitor, "no registered visitor with this id");
    if (!partner_id.empty()) require_consent(db_, visitor_id, ConsentPurpose::Share);  // checked in the same transaction
    auto open = db_.prepare("SELECT 1 FROM referrals WHERE visitor_id=? AND coalesce(to_service,'')=? AND "
                            "coalesce(partner_id,'')=? AND state IN ('proposed','accepted')");
    open.bind(1, visitor_id).bind(2, to_service).bind(3, partner_id);
    if (open.step()) throw ReferralError(ReferralError::AlreadyOpen, "she already has an open referral there");
    auto st = db_.prepare("INSERT INTO referrals(id, visitor_id, from_service, to_service, partner_id, reason, "
                          "created_at, created_by, updated_at, updated_by) VALUES(?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, r.id).bind(2, visitor_id).bind(3, from_service);
    if (to_service.empty()) st.bind_null(4); else st.bind(4, to_service);
    if (partner_id.empty()) st.bind_null(5); else st.bind(5, partner_id);
    st.bind(6, reason).bind(7, at).bind(8, staff).bind(9, at).bind(10, staff).run();
    record(r, "proposed", reason, staff, now);
  });
  sodium_memzero(reason.data(), reason.size());
  return r.id;
}

void ReferralStore::accept(const std::string& id, const std::string& staff, TimePoint now) {
  move(id, "proposed", "accepted", "", staff, now);
}

void ReferralStore::decline(const std::string& id, const std::string& code, const std::string& staff, TimePoint now) {
  if (!has(referral_decline_reasons(), code))
    throw ReferralError(ReferralError::UnknownReasonCode, "'" + code + "' is not a reason to decline a referral");
  move(id, "proposed", "declined", code, staff, now);
}

void ReferralStore::complete(const std::string& id, const std::string& staff, TimePoint now) {
  move(id, "accepted", "completed", "", staff, now);
}

void ReferralStore::not_complete(const std::string& id, const std::string& code, const std::string& staff,
                                 TimePoint now) {
  if (!has(referral_not_completed_reasons(), code))
    throw ReferralError(ReferralError::UnknownReasonCode, "'" + code + "' is not a reason for a referral not completed");
  move(id, "accepted", "not_completed", code, staff, now);
}

void ReferralStore::move(const std::string& id, const char* from_state, const char* to_state, const std::string& code,
                         const std::string& staff, TimePoint now) {
  db_.transaction([&] {
    auto st = db_.prepare("UPDATE referrals SET state=?, state_reason=?, updated_at=?, updated_by=? "
                          "WHERE id=? AND state=?");
    st.bind(1, to_state);
    if (code.empty()) st.bind_null(2); else st.bind(2, code);
    st.bind(3, to_rfc3339_utc(now)).bind(4, staff).bind(5, id).bind(6, from_state).run();
    if (db_.changes() == 0) {
      auto r = select("id=?", {id}, "");
      if (r.empty()) throw ReferralError(ReferralError::NotFound, "no such referral");
      throw ReferralError(ReferralError::WrongState, "this referral is " + r[0].state + ", not " + from_state);
    }
    record(select("id=?", {id}, "").at(0), to_state, "", staff, now);
  });
}

void ReferralStore::record(const Referral& r, const std::string& event, const std::string& reason,
                           const std::string& staff, TimePoint now) {
  const std::string at = to_rfc3339_utc(now);
  json e = {{"centre_id", settings_.centre_id},
            {"kiosk_id", settings_.kiosk_id},
            {"referral_id", r.id},
            {"visitor_id", r.visitor_id},
            {"from_service", r.from_service},
            {"to", r.internal() ? "service:" + r.to_service : "partner:" + r.partner_id},
            {"event", event},
            {"at", at},
            {"staff", staff}};
  if (!r.state_reason.empty()) e["state_reason"] = r.state_reason;
  seal_.add_staff_text(e, "reason", reason);  // identity-class: sealed in format 3
  std::string payload = e.dump();
  store::append_outbox(db_, seal_.sealer(), "referral", payload, at);
  sodium_memzero(payload.data(), payload.size());
  append_audit(db_, "staff:" + staff, "referral_" + event, r.id,
               std::string(e["to"].get<std::string>()) + (r.state_reason.empty() ? "" : " " + r.state_reason), now);
}

std::vector<Referral> ReferralStore::select(const std::string& where, const std::vector<std::string>& args,
                                            const std::string& reader) {
  std::vector<Referral> out;
  std::vector<bool> has_reason;
  {
    auto st = db_.prepare(std::string("SELECT ") + kCols + " FROM referrals WHERE " + where);
    for (size_t i = 0; i < args.size(); ++i) st.bind(static_cast<int>(i + 1), args[i]);
    while (st.step()) {
      Referral r{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), "", false,
                 st.text(5), st.text(6), st.text(7), st.text(8)};
      parse_rfc3339_utc(st.text(9), r.created_at);
      parse_rfc3339_utc(st.text(10), r.updated_at);
      out.push_back(r);
      has_reason.push_back(st.integer(11) != 0);  // NULL once purged
    }
  }
  if (reader.empty()) return out;  // internal use: no words at all
  NoteAccess access(catalogue_, StaffStore(db_).services_of(reader));
  for (size_t i = 0; i < out.size(); ++i) {
    Referral& r = out[i];
    if (!has_reason[i]) continue;
    r.reason_hidden = !access.may_read(r.from_service, false) && !access.works_for(r.to_service);
    if (r.reason_hidden) continue;  // the words are never loaded for her
    auto st = db_.prepare("SELECT reason FROM referrals WHERE id=?");
    st.bind(1, r.id);
    if (st.step()) r.reason = st.text(0);
  }
  return out;
}

std::vector<Referral> ReferralStore::of_visitor(const std::string& visitor_id, const std::string& reader) {
  return select("visitor_id=? ORDER BY created_at DESC, rowid DESC", {visitor_id}, reader);
}

std::vector<Referral> ReferralStore::waiting_at(const std::vector<std::string>& services, const std::string& reader) {
  if (services.empty()) return {};
  std::string in = "to_service IN (";
  for (size_t i = 0; i < services.size(); ++i) in += i ? ",?" : "?";
  return select(in + ") AND state IN ('proposed','accepted') ORDER BY created_at, rowid", services, reader);
}

std::optional<Referral> ReferralStore::get(const std::string& referral_id, const std::string& reader) {
  auto r = select("id=?", {referral_id}, reader);
  if (r.empty()) return std::nullopt;
  return r[0];
}

}  // namespace shubbak
