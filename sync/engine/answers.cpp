#include "sync/engine/answers.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "store/seal.hpp"

namespace shubbak::sync {

using nlohmann::json;

std::optional<std::vector<RecordAck>> parse_records_answer(const std::string& content_type, const std::string& body) {
  if (content_type.rfind("application/json", 0) != 0) return std::nullopt;
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("results") || !j["results"].is_array()) return std::nullopt;
  std::vector<RecordAck> out;
  for (const auto& item : j["results"]) {
    if (!item.is_object() || !item.contains("id") || !item["id"].is_string() || !item.contains("status")) continue;
    RecordAck a;
    a.id = item["id"].get<std::string>();
    std::string status = item["status"].is_string() ? item["status"].get<std::string>() : "";
    if (status == "stored" || status == "duplicate") a.status = RecordAck::Stored;
    else if (status == "rejected") a.status = RecordAck::Rejected;
    if (item.contains("reason") && item["reason"].is_string()) a.reason = item["reason"].get<std::string>().substr(0, 200);
    out.push_back(std::move(a));
  }
  return out;
}

std::string refusal_reason(const std::string& body) {
  json j = json::parse(body, nullptr, false);
  if (!j.is_discarded() && j.is_object() && j.contains("error") && j["error"].is_string())
    return j["error"].get<std::string>().substr(0, 200);
  return "the batch was refused as malformed";
}

bool catalogue_signature_ok(const std::string& body, const std::string& signature_b64,
                            const std::string& public_key_b64) {
  auto key = store::from_base64(public_key_b64);
  auto sig = store::from_base64(signature_b64);
  return sodium_init() >= 0 && key && key->size() == crypto_sign_PUBLICKEYBYTES && sig &&
         sig->size() == crypto_sign_BYTES &&
         crypto_sign_verify_detached(sig->data(), reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                                     key->data()) == 0;
}

}  // namespace shubbak::sync
