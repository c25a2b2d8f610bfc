#include "upstream/app/serve_routes.hpp"

#include <chrono>
#include <memory>
#include <variant>

#include "common/log.hpp"
#include "upstream/intake/batch.hpp"
#include "upstream/limits.hpp"

namespace shubbak::upstream::app {

using http::Reply;
using http::Request;

namespace {

thread_local std::unique_ptr<pg::ReceiverStore> t_store;
thread_local int t_slot = -1;

Reply method_not_allowed(const char* allowed) {
  Reply r = Reply::error(405, std::string("this route takes ") + allowed);
  r.headers.emplace_back("Allow", allowed);
  return r;
}

}  // namespace

const std::vector<std::string>& Routes::paths() {
  static const std::vector<std::string> p = {"/v1/records", "/v1/heartbeat", "/v1/catalog", "/healthz", "/metrics"};
  return p;
}

size_t Routes::body_limit(const std::string& path) {
  if (path == "/v1/heartbeat") return limits::kMaxHeartbeatBytes;
  if (path == "/v1/records") return limits::kMaxBodyBytes;
  return 4096;  // GET routes take no body
}

Reply Routes::refuse(int status, const std::string& words, const char* log_class) {
  refusals_.note(status, log_class ? log_class : words);
  return Reply::error(status, words);
}

pg::ReceiverStore& Routes::store() {
  if (t_slot < 0) t_slot = next_slot_++;
  if (!t_store) {
    t_store = std::make_unique<pg::ReceiverStore>(cfg_.db);
    t_store->set_naive(cfg_.naive);
  }
  return *t_store;
}

Reply Routes::operator()(const Request& req) {
  try {
    Reply r = with_one_retry(req);
    if (t_slot >= 0) metrics_.db_state(t_slot, http::Metrics::Db::Idle);
    return r;
  } catch (const pg::DatabaseUnavailable&) {
    if (t_slot >= 0) metrics_.db_state(t_slot, http::Metrics::Db::Down);
    Reply r = refuse(503, "the database is not reachable; try again shortly");
    r.headers.emplace_back("Retry-After", std::to_string(limits::kRetryAfterSeconds));
    return r;
  }
}

// A connection found broken (PostgreSQL restarted, a failover) is made again at once and the request tried once
// more: safe, since batches are idempotent (stored answers, records deduplicated by id).
Reply Routes::with_one_retry(const Request& req) {
  const bool was_connected = t_store && t_store->connected();
  try {
    return route(req);
  } catch (const pg::DatabaseUnavailable&) {
    if (!was_connected) throw;
  }
  return route(req);
}

Reply Routes::route(const Request& req) {
  const std::string& p = req.path;
  if (p == "/v1/records") return req.method == "POST" ? records(req) : method_not_allowed("POST");
  if (p == "/v1/heartbeat") return req.method == "POST" ? heartbeat(req) : method_not_allowed("POST");
  if (p == "/v1/catalog") return req.method == "GET" ? catalog(req) : method_not_allowed("GET");
  if (p == "/healthz") return req.method == "GET" ? healthz() : method_not_allowed("GET");
  if (p == "/metrics") return method_not_allowed("GET");
  return Reply::error(404, "no such route");
}

std::optional<pg::TokenOwner> Routes::authenticate(const Request& req) {
  std::string auth = req.header("authorization");
  if (auth.rfind("Bearer ", 0) != 0 || auth.size() <= 7 || auth.size() > 512) return std::nullopt;
  return tokens_.owner(auth.substr(7), [this](const std::string& token) {
    pg::ReceiverStore& s = store();
    metrics_.db_state(t_slot, http::Metrics::Db::Busy);
    return s.token_owner(token);
  });
}

pg::PreparedBatch Routes::prepare(const intake::Batch& batch) {
  pg::PreparedBatch out;
  intake::RecordOpener opener(cfg_.keys.receiver);
  for (const auto& in : batch.records) {
    intake::OpenResult r = opener.open(in, batch);
    if (r.record) out.opened.push_back(std::move(*r.record));
    else out.rejected.push_back({pg::RecordOutcome::Status::Rejected, in.id, r.rejected, false});
  }
  return out;
}

Reply Routes::records(const Request& req) {
  auto who = authenticate(req);
  if (!who) return refuse(401, "unknown or missing token");
  std::string key = req.header("idempotency-key");
  if (key.empty() || key.size() > 64) return refuse(400, "the Idempotency-Key header is missing or too long");
  auto parsed = intake::parse_batch(req.body);
  if (auto* no = std::get_if<intake::Refusal>(&parsed)) return refuse(no->status, no->error, "a malformed batch");
  const intake::Batch& batch = std::get<intake::Batch>(parsed);
  if (batch.kiosk_id != who->kiosk_id) return refuse(403, "this token belongs to another kiosk");
  if (batch.centre_id != who->centre_id) return refuse(403, "this token belongs to another centre");
  auto t0 = std::chrono::steady_clock::now();
  metrics_.db_state(t_slot, http::Metrics::Db::Busy);
  pg::BatchAnswer answer = store().receive_batch(*who, key, [&] { return prepare(batch); });
  metrics_.observe_batch(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  if (!answer.replayed) metrics_.count_records(answer.stored, answer.duplicate, answer.rejected, answer.conflict);
  return Reply{200, answer.json, "application/json", {}};
}

Reply Routes::heartbeat(const Request& req) {
  auto who = authenticate(req);
  if (!who) return refuse(401, "unknown or missing token");
  auto parsed = intake::parse_heartbeat(req.body);
  if (auto* no = std::get_if<intake::Refusal>(&parsed))
    return refuse(no->status, no->error, "a malformed heartbeat");
  const intake::Heartbeat& beat = std::get<intake::Heartbeat>(parsed);
  if (beat.kiosk_id != who->kiosk_id) return refuse(403, "this token belongs to another kiosk");
  if (beat.centre_id != who->centre_id) return refuse(403, "this token belongs to another centre");
  metrics_.db_state(t_slot, http::Metrics::Db::Busy);
  store().record_heartbeat(*who, beat);
  return Reply{200, "{\"ok\":true}", "application/json", {}};
}

Reply Routes::catalog(const Request& req) {
  if (!authenticate(req)) return refuse(401, "unknown or missing token");
  if (cfg_.catalog.body.empty()) return Reply::error(404, "no catalogue published");
  if (req.header("if-none-match") == cfg_.catalog.etag)
    return Reply{304, "", "text/plain", {{"ETag", cfg_.catalog.etag}}};
  return Reply{200, cfg_.catalog.body, "text/plain; charset=utf-8",
               {{"ETag", cfg_.catalog.etag}, {"X-Shubbak-Signature", cfg_.catalog.signature}}};
}

// 200 when the database answers (a query on this worker's connection).
Reply Routes::healthz() {
  pg::ReceiverStore& s = store();
  metrics_.db_state(t_slot, http::Metrics::Db::Busy);
  if (!s.healthy()) throw pg::DatabaseUnavailable("the database does not answer");
  return Reply{200, "{\"ok\":true}", "application/json", {}};
}

}  // namespace shubbak::upstream::app
