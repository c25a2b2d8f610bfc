#include "upstream/intake/record_fields.hpp"

#include <sodium.h>

#include "store/identity.hpp"
#include "upstream/intake/bounded_json.hpp"

namespace shubbak::upstream::intake {

using nlohmann::json;

namespace {

// A fact is a short word, id or name of a place: longer is not a record a kiosk wrote.
constexpr size_t kMaxFactBytes = 256;
// Fields of identity class: never a fact, never in clear in format 3.
const char* const kIdentityFields[] = {"visitor", "name", "phone", "cin", "birth_year", "note", "reason"};

}  // namespace

void Fields::fail(const char* key, const char* what) {
  if (error.empty()) error = std::string("field '") + key + "' " + what;
}

std::string Fields::text(const char* key, bool required) {
  auto it = j_.find(key);
  if (it == j_.end() || it->is_null()) {
    if (required) fail(key, "is missing");
    return {};
  }
  std::string out;
  if (it->is_string()) out = it->get<std::string>();
  else if (it->is_number_integer()) out = std::to_string(it->get<long long>());
  else fail(key, "is not text");
  if (out.size() > kMaxFactBytes) {
    fail(key, "is too long");
    return {};
  }
  if (required && out.empty()) fail(key, "is empty");
  return out;
}

bool Fields::flag(const char* key, bool required) {
  auto it = j_.find(key);
  if (it == j_.end()) {
    if (required) fail(key, "is missing");
    return false;
  }
  if (!it->is_boolean()) {
    fail(key, "is not true or false");
    return false;
  }
  return it->get<bool>();
}

const json* Fields::object(const char* key) {
  auto it = j_.find(key);
  if (it == j_.end() || !it->is_object()) {
    fail(key, "is missing or not an object");
    return nullptr;
  }
  return &*it;
}

// Format 3: identity arrives sealed at the kiosk, as base64; anything of identity class in clear is refused.
std::string sealed_identity_of(const json& doc, bool required, OpenedRecord& r) {
  for (const char* k : kIdentityFields)
    if (doc.contains(k)) return std::string("format 3 carries no '") + k + "' in clear";
  auto it = doc.find("identity");
  if (it == doc.end()) return required ? "field 'identity' is missing" : "";
  std::optional<store::Bytes> b = it->is_string() ? store::from_base64(it->get<std::string>()) : std::nullopt;
  if (!b || b->size() < crypto_box_SEALBYTES) return "field 'identity' is not a sealed identity in base64";
  r.identity_sealed = std::move(*b);
  return {};
}

namespace {

// Formats 1 and 2: what identifies her is sealed here to the registry key, then the clear text forgotten.
void seal_here(const json& identity, const ReceiverKeys& keys, OpenedRecord& r) {
  std::string clear = identity.dump();
  r.identity_sealed = store::seal_identity(clear, keys.registry_public);
  sodium_memzero(clear.data(), clear.size());
}

std::string registration_v12(const json& doc, const ReceiverKeys& keys, OpenedRecord& r) {
  Fields f(doc);
  const json* v = f.object("visitor");
  if (!v) return f.error;
  Fields vf(*v);
  json identity = {{"name", vf.text("name")}, {"phone", vf.text("phone")}, {"cin", vf.text("cin")},
                   {"birth_year", vf.text("birth_year")}};
  r.commune = vf.text("commune");
  r.contact = vf.text("contact");
  if (!vf.error.empty()) return "visitor " + vf.error;
  r.age_band = store::age_band(identity["birth_year"].get<std::string>(), r.created_at);
  if (!keys.national_key.empty())
    r.person_key = store::person_key(keys.national_key, identity["cin"].get<std::string>(),
                                     identity["phone"].get<std::string>(), r.visitor_id);
  seal_here(identity, keys, r);
  wipe_strings(identity);
  return {};
}

std::string registration_v3(const json& doc, OpenedRecord& r) {
  Fields f(doc);
  r.age_band = f.text("age_band", true);
  r.commune = f.text("commune");
  r.contact = f.text("contact");
  r.person_key = f.text("person_key", true);
  if (!f.error.empty()) return f.error;
  if (!store::is_age_band(r.age_band)) return "field 'age_band' is not one of the age bands";
  std::optional<store::Bytes> pk = store::from_base64(r.person_key);
  if (!pk || pk->size() != crypto_generichash_BYTES) return "field 'person_key' is not 32 bytes in base64";
  return sealed_identity_of(doc, true, r);
}

}  // namespace

std::string registration_facts(const json& doc, const ReceiverKeys& keys, OpenedRecord& r) {
  Fields f(doc);
  r.registration_id = f.text("registration_id", true);
  r.visitor_id = f.text("visitor_id", true);
  r.service = f.text("service", true);
  r.ticket = f.text("ticket");
  r.consent = f.flag("consent");
  if (!f.error.empty()) return f.error;
  return r.format == 3 ? registration_v3(doc, r) : registration_v12(doc, keys, r);
}

std::string ticket_event_facts(const json& doc, const ReceiverKeys& keys, OpenedRecord& r) {
  Fields f(doc);
  r.ticket_id = f.text("ticket_id", true);
  r.event = f.text("event", true);
  r.service = f.text("service", true);
  r.number = f.text("number");
  r.at = f.text("at");
  r.priority = f.flag("priority");
  r.visitor_id = f.text("visitor_id");
  r.staff = f.text("staff");
  r.counter = f.text("counter");
  r.outcome = f.text("outcome");
  r.to_service = f.text("to_service");
  if (!f.error.empty()) return f.error;
  if (!r.at.empty() && !is_rfc3339_utc(r.at)) return "field 'at' is not an RFC 3339 UTC time";
  if (r.format == 3) return sealed_identity_of(doc, false, r);
  return seal_free_text(doc, "note", keys, r);
}

std::string seal_free_text(const json& doc, const char* key, const ReceiverKeys& keys, OpenedRecord& r) {
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) return {};
  if (!it->is_string()) return std::string("field '") + key + "' is not text";
  if (it->get_ref<const std::string&>().empty()) return {};
  json clear = {{key, *it}};
  seal_here(clear, keys, r);
  wipe_strings(clear);
  return {};
}

}  // namespace shubbak::upstream::intake
