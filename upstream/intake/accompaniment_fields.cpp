#include "upstream/intake/accompaniment_fields.hpp"

#include <algorithm>
#include <initializer_list>

#include "store/uuid.hpp"
#include "upstream/intake/batch.hpp"
#include "upstream/intake/record_fields.hpp"

namespace shubbak::upstream::intake {

using nlohmann::json;

namespace {

// The words of docs/sync-protocol.md ("Accompaniment records"), in one place.
using Words = std::initializer_list<const char*>;
constexpr Words kPurposes = {"keep", "sms", "share"};
constexpr Words kChannels = {"kiosk", "desk"};
constexpr Words kAppointmentEvents = {"booked", "moved", "cancelled", "kept", "late", "missed"};
constexpr Words kAppointmentEventsWithSlot = {"booked", "moved"};
constexpr Words kReferralEvents = {"proposed", "accepted", "declined", "completed", "not_completed"};
constexpr Words kReferralEventsWithReason = {"declined", "not_completed"};
constexpr Words kNotCompletedReasons = {"unreachable", "refused", "other"};
constexpr Words kReferralTargets = {"service", "partner"};
constexpr Words kMilestones = {"registered", "coached", "trained", "incubated", "project_started"};
// A reason code is a short word, never a sentence a staff member typed (that would be identity-class).
constexpr size_t kMaxCodeBytes = 64;

bool one_of(const std::string& s, Words words) {
  return std::any_of(words.begin(), words.end(), [&](const char* w) { return s == w; });
}

std::string list_of(Words words) {
  std::string out;
  for (const char* w : words) out += (out.empty() ? "" : ", ") + std::string(w);
  return out;
}

std::string not_one_of(const char* field, Words words) {
  return std::string("field '") + field + "' is not one of " + list_of(words);
}

bool is_code(const std::string& s) {
  if (s.empty() || s.size() > kMaxCodeBytes) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::string uuid_error(const char* field, const std::string& value) {
  return store::is_uuid_v4(value) ? "" : std::string("field '") + field + "' is not a UUIDv4";
}

// What every accompaniment record has: her visitor id and the time it happened.
std::string common_error(const OpenedRecord& r) {
  if (std::string e = uuid_error("visitor_id", r.visitor_id); !e.empty()) return e;
  if (!is_rfc3339_utc(r.at)) return "field 'at' is not an RFC 3339 UTC time";
  return {};
}

std::string consent_words(const OpenedRecord& r) {
  if (std::string e = uuid_error("consent_id", r.consent_id); !e.empty()) return e;
  if (!one_of(r.purpose, kPurposes)) return not_one_of("purpose", kPurposes);
  if (!one_of(r.channel, kChannels)) return not_one_of("channel", kChannels);
  if (r.text_version.empty()) return "field 'text_version' is empty";
  return {};
}

std::string appointment_words(const OpenedRecord& r) {
  if (std::string e = uuid_error("appointment_id", r.appointment_id); !e.empty()) return e;
  if (!one_of(r.event, kAppointmentEvents)) return not_one_of("event", kAppointmentEvents);
  if (r.slot.empty() && one_of(r.event, kAppointmentEventsWithSlot)) return "field 'slot' is missing";
  if (!r.slot.empty() && !is_rfc3339_utc(r.slot)) return "field 'slot' is not an RFC 3339 UTC time";
  return {};
}

std::string referral_words(const OpenedRecord& r) {
  if (std::string e = uuid_error("referral_id", r.referral_id); !e.empty()) return e;
  if (!one_of(r.event, kReferralEvents)) return not_one_of("event", kReferralEvents);
  if (!one_of(r.referred_kind, kReferralTargets) || r.referred_to.empty())
    return "field 'to' is not service:ID or partner:ID";
  if (r.state_reason.empty()) {
    if (one_of(r.event, kReferralEventsWithReason)) return "field 'state_reason' is missing";
    return {};
  }
  if (r.event == "not_completed" && !one_of(r.state_reason, kNotCompletedReasons))
    return not_one_of("state_reason", kNotCompletedReasons);
  if (!is_code(r.state_reason)) return "field 'state_reason' is not a reason code (letters, digits, '_' or '-')";
  return {};
}

std::string milestone_words(const OpenedRecord& r) {
  if (!one_of(r.milestone, kMilestones)) return not_one_of("milestone", kMilestones);
  return {};
}

// The fields every accompaniment kind shares; the kind's own are read by the caller with the same Fields.
void read_common(Fields& f, OpenedRecord& r) {
  r.visitor_id = f.text("visitor_id", true);
  r.at = f.text("at", true);
  r.staff = f.text("staff");
}

// After the fields are read: their words, then (format 3) nothing of identity class in clear.
std::string finish(const json& doc, const Fields& f, OpenedRecord& r) {
  if (!f.error.empty()) return f.error;
  if (std::string e = accompaniment_words_error(r); !e.empty()) return e;
  return r.format == 3 ? sealed_identity_of(doc, false, r) : "";
}

}  // namespace

std::string consent_facts(const json& doc, OpenedRecord& r) {
  Fields f(doc);
  r.consent_id = f.text("consent_id", true);
  r.purpose = f.text("purpose", true);
  r.granted = f.flag("granted", true);
  r.text_version = f.text("text_version", true);
  r.channel = f.text("channel", true);
  read_common(f, r);
  return finish(doc, f, r);
}

std::string appointment_facts(const json& doc, OpenedRecord& r) {
  Fields f(doc);
  r.appointment_id = f.text("appointment_id", true);
  r.service = f.text("service", true);
  r.event = f.text("event", true);
  r.slot = f.text("slot");
  read_common(f, r);
  return finish(doc, f, r);
}

std::string referral_facts(const json& doc, const ReceiverKeys& keys, OpenedRecord& r) {
  Fields f(doc);
  r.referral_id = f.text("referral_id", true);
  r.from_service = f.text("from_service", true);
  std::string to = f.text("to", true);
  if (size_t colon = to.find(':'); colon != std::string::npos) {
    r.referred_kind = to.substr(0, colon);
    r.referred_to = to.substr(colon + 1);
  }
  r.event = f.text("event", true);
  r.state_reason = f.text("state_reason");
  read_common(f, r);
  if (std::string e = finish(doc, f, r); !e.empty() || r.format == 3) return e;
  return seal_free_text(doc, "reason", keys, r);
}

std::string milestone_facts(const json& doc, OpenedRecord& r) {
  Fields f(doc);
  r.milestone = f.text("milestone", true);
  r.service = f.text("service", true);
  read_common(f, r);
  return finish(doc, f, r);
}

std::string accompaniment_words_error(const OpenedRecord& r) {
  if (r.kind == Kind::Registration || r.kind == Kind::TicketEvent) return {};
  if (std::string e = common_error(r); !e.empty()) return e;
  switch (r.kind) {
    case Kind::Consent: return consent_words(r);
    case Kind::Appointment: return appointment_words(r);
    case Kind::Referral: return referral_words(r);
    case Kind::Milestone: return milestone_words(r);
    default: return {};
  }
}

}  // namespace shubbak::upstream::intake
