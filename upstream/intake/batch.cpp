#include "upstream/intake/batch.hpp"

#include <initializer_list>
#include <nlohmann/json.hpp>

#include "upstream/intake/bounded_json.hpp"
#include "upstream/limits.hpp"

namespace shubbak::upstream::intake {

using nlohmann::json;

namespace {

// A batch holds records of five or six values each; a kiosk that adds a few fields still fits. Past this the
// parse stops (413: the kiosk halves its batch), so 1,000,000 records cost no more than a full batch.
constexpr size_t kValuesPerRecord = 16;
constexpr size_t kBatchMaxValues = limits::kBatchMaxRecords * kValuesPerRecord + 64;
// A heartbeat is one flat object of six fields.
constexpr size_t kHeartbeatMaxValues = 16;

std::string text_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

IncomingRecord to_record(const json& r) {
  IncomingRecord in;
  if (!r.is_object()) return in;  // no id: the opener rejects it
  in.id = text_of(r, "id");
  in.kind = text_of(r, "kind");
  in.created_at = text_of(r, "created_at");
  in.sealed_base64 = text_of(r, "sealed");
  auto schema = r.find("schema");
  if (schema != r.end() && schema->is_number_integer()) in.schema = schema->get<int>();
  return in;
}

}  // namespace

std::variant<Batch, Refusal> parse_batch(std::string_view body) {
  json doc;
  try {
    doc = parse_bounded(body, {limits::kMaxJsonDepth, kBatchMaxValues});
  } catch (const JsonBoundPassed& e) {
    if (e.which == JsonBoundPassed::Which::Values)
      return Refusal{413, "more than " + std::to_string(limits::kBatchMaxRecords) + " records in one batch"};
    return Refusal{400, e.what()};
  } catch (const json::exception&) {
    return Refusal{400, "the body is not JSON"};
  }
  if (!doc.is_object()) return Refusal{400, "the body is not a JSON object"};
  Batch b;
  b.kiosk_id = text_of(doc, "kiosk_id");
  b.centre_id = text_of(doc, "centre_id");
  b.batch_id = text_of(doc, "batch_id");
  if (b.kiosk_id.empty()) return Refusal{400, "the batch has no kiosk_id"};
  if (b.centre_id.empty()) return Refusal{400, "the batch has no centre_id"};
  auto records = doc.find("records");
  if (records == doc.end() || !records->is_array()) return Refusal{400, "the batch has no records list"};
  if (records->size() > static_cast<size_t>(limits::kBatchMaxRecords))
    return Refusal{413, "more than " + std::to_string(limits::kBatchMaxRecords) + " records in one batch"};
  b.records.reserve(records->size());
  for (const auto& r : *records) b.records.push_back(to_record(r));
  return b;
}

namespace {

bool counter_field(const json& doc, const char* key, long long& out) {
  auto it = doc.find(key);
  if (it == doc.end() || !it->is_number_integer()) return false;
  out = it->get<long long>();
  return out >= 0;
}

bool text_field(const json& doc, const char* key, std::string& out) {
  auto it = doc.find(key);
  if (it == doc.end() || !it->is_string()) return false;
  out = it->get<std::string>();
  return !out.empty();
}

}  // namespace

std::variant<Heartbeat, Refusal> parse_heartbeat(std::string_view body) {
  if (body.size() > limits::kMaxHeartbeatBytes)
    return Refusal{413, "a heartbeat is at most " + std::to_string(limits::kMaxHeartbeatBytes) + " bytes"};
  json doc;
  try {
    doc = parse_bounded(body, {1, kHeartbeatMaxValues});
  } catch (const JsonBoundPassed&) {
    return Refusal{400, "a heartbeat is one flat JSON object of six fields"};
  } catch (const json::exception&) {
    return Refusal{400, "the heartbeat is not JSON"};
  }
  const char* shape = "a heartbeat is {kiosk_id, centre_id, version, pending, last_success_at, free_disk_bytes}";
  if (!doc.is_object()) return Refusal{400, shape};
  for (const auto& [key, value] : doc.items()) {
    bool known = false;
    for (const char* k : {"kiosk_id", "centre_id", "version", "pending", "last_success_at", "free_disk_bytes"})
      known = known || key == k;
    if (!known) return Refusal{400, "unknown heartbeat field '" + key.substr(0, 40) + "'; " + shape};
  }
  Heartbeat h;
  if (!text_field(doc, "kiosk_id", h.kiosk_id) || !text_field(doc, "centre_id", h.centre_id) ||
      !text_field(doc, "version", h.version))
    return Refusal{400, "kiosk_id, centre_id and version must be text; " + std::string(shape)};
  if (!counter_field(doc, "pending", h.pending) || !counter_field(doc, "free_disk_bytes", h.free_disk_bytes))
    return Refusal{400, "pending and free_disk_bytes must be whole numbers, 0 or more; " + std::string(shape)};
  auto last = doc.find("last_success_at");
  if (last == doc.end() || !(last->is_null() || last->is_string()))
    return Refusal{400, "last_success_at must be an RFC 3339 time or null; " + std::string(shape)};
  if (last->is_string()) {
    h.last_success_at = last->get<std::string>();
    if (!is_rfc3339_utc(h.last_success_at)) return Refusal{400, "last_success_at is not an RFC 3339 UTC time"};
  }
  return h;
}

}  // namespace shubbak::upstream::intake
