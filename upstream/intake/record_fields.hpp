// The facts of an opened record (upstream/intake/record.hpp), read field by field with their types checked, and
// its identity sealed to the registry key (formats 1 and 2 carry it in clear; format 3 already sealed).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "upstream/intake/record.hpp"

namespace shubbak::upstream::intake {

// Typed reads of one JSON object; the first problem is kept in `error` (words naming the field).
class Fields {
 public:
  explicit Fields(const nlohmann::json& j) : j_(j) {}
  // A string (a whole number is accepted as its digits); "" if absent (an error if required).
  std::string text(const char* key, bool required = false);
  bool flag(const char* key, bool required = false);
  bool has(const char* key) const { return j_.contains(key); }
  const nlohmann::json* object(const char* key);
  std::string error;

 private:
  void fail(const char* key, const char* what);
  const nlohmann::json& j_;
};

// Format 3: the identity arrives sealed at the kiosk (base64 in `identity`); a field of identity class in clear
// ("visitor", "name", "phone", "cin", "birth_year", "note", "reason") is refused. "" or the reason.
std::string sealed_identity_of(const nlohmann::json& doc, bool required, OpenedRecord& r);
// Formats 1 and 2: the optional free text `key` ("note", "reason") sealed here to the registry key as {key: text};
// "" or the reason (not text).
std::string seal_free_text(const nlohmann::json& doc, const char* key, const ReceiverKeys& keys, OpenedRecord& r);

// Fill r's facts (and r.identity_sealed) from a registration or a ticket event; "" or the reason it is refused.
std::string registration_facts(const nlohmann::json& doc, const ReceiverKeys& keys, OpenedRecord& r);
std::string ticket_event_facts(const nlohmann::json& doc, const ReceiverKeys& keys, OpenedRecord& r);

}  // namespace shubbak::upstream::intake
