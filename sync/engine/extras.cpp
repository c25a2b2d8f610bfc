#include "common/atomic_file.hpp"
#include "sync/engine/extras.hpp"

#include "sync/engine/answers.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

#include "common/catalogue.hpp"
#include "common/config_file.hpp"
#include "store/data_dir.hpp"
#include "common/log.hpp"
#include "store/outbox.hpp"
#include "store/seal.hpp"

namespace shubbak::sync {

bool send_heartbeat(store::Database& db, transport::HttpsClient& http, const EngineConfig& cfg,
                    const std::string& data_dir, const std::string& version) {
  store::OutboxCounts c = store::outbox_counts(db);
  std::string last = db.scalar_text("SELECT coalesce(last_success_at,'') FROM sync_status");
  struct statvfs vfs{};
  unsigned long long free_bytes = statvfs(data_dir.c_str(), &vfs) == 0 ? 1ULL * vfs.f_bavail * vfs.f_frsize : 0;
  nlohmann::json j = {{"kiosk_id", cfg.kiosk_id},
                      {"centre_id", cfg.centre_id},
                      {"version", version},
                      {"pending", c.pending + c.in_flight},
                      {"last_success_at", last.empty() ? nlohmann::json() : nlohmann::json(last)},
                      {"free_disk_bytes", free_bytes}};
  auto r = http.request("POST", cfg.base_url + "/v1/heartbeat",
                        {{"Authorization", "Bearer " + cfg.token}, {"Content-Type", "application/json"}}, j.dump());
  return r.ok_transfer() && r.status == 200;
}

const char* catalogue_result_name(CatalogueResult r) {
  switch (r) {
    case CatalogueResult::Unchanged: return "unchanged";
    case CatalogueResult::Replaced: return "replaced";
    case CatalogueResult::BadSignature: return "bad signature";
    case CatalogueResult::NotAvailable: return "not published";
    case CatalogueResult::Failed: return "failed";
  }
  return "?";
}

namespace {

// One plain line for the operator, then the result. Never the token, never the body.
CatalogueResult failed(const std::string& why) {
  log::error("the catalogue from the upstream was not taken (the local one is kept): " + why);
  return CatalogueResult::Failed;
}

// Empty if the catalogue the kiosk would read from `body` is good; else why not (file:line: key message).
std::string catalogue_problem(const std::string& body) {
  try {
    Catalogue::from_document(ConfigDocument::parse(body, "catalog.conf from the upstream"));
    return "";
  } catch (const ConfigError& e) {
    return e.what();
  }
}


}  // namespace

CatalogueResult fetch_catalogue(store::Database& db, transport::HttpsClient& http, const EngineConfig& cfg,
                                const std::string& signing_public_key, const std::string& target) {
  std::map<std::string, std::string> h = {{"Authorization", "Bearer " + cfg.token}};
  std::string etag = store::meta_get(db, "catalogue_etag");
  if (!etag.empty()) h["If-None-Match"] = etag;
  auto r = http.request("GET", cfg.base_url + "/v1/catalog", h, "");
  if (r.oversized) return failed("the answer was far larger than any catalogue, so it was not read");
  if (!r.ok_transfer()) return failed("no answer from the upstream (" + r.curl_error + ")");
  if (r.status == 304) return CatalogueResult::Unchanged;
  if (r.status == 404) return CatalogueResult::NotAvailable;
  if (r.status != 200) return failed("the upstream answered HTTP " + std::to_string(r.status));
  if (!catalogue_signature_ok(r.body, r.headers["x-shubbak-signature"], signing_public_key)) {
    log::error("a catalogue from the upstream was refused: its signature does not verify (the local one is kept)");
    return CatalogueResult::BadSignature;
  }
  // Checked with the kiosk's own rules: a signed catalogue the kiosk cannot use must never replace a good one.
  if (std::string why = catalogue_problem(r.body); !why.empty())
    return failed("it is signed but breaks a rule of the catalogue: " + why);
  if (std::string why = replace_file(target, r.body); !why.empty()) return failed(why);
  store::meta_set(db, "catalogue_etag", r.headers["etag"]);
  log::info("a new signed catalogue from the upstream is in place");
  return CatalogueResult::Replaced;
}

}  // namespace shubbak::sync
