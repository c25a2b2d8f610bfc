// The daemon's other two calls: the heartbeat, and the signed catalogue.
#pragma once
#include <string>

#include "store/database.hpp"
#include "sync/engine/engine.hpp"
#include "sync/transport/https_client.hpp"

namespace shubbak::sync {

// POST /v1/heartbeat: kiosk id, version, pending count, last success, free disk. True on 200.
bool send_heartbeat(store::Database& db, transport::HttpsClient& http, const EngineConfig& cfg,
                    const std::string& data_dir, const std::string& version);

enum class CatalogueResult { Unchanged, Replaced, BadSignature, NotAvailable, Failed };
const char* catalogue_result_name(CatalogueResult r);

// GET /v1/catalog with If-None-Match. A 200 replaces `target` atomically only if its Ed25519 signature verifies
// against `signing_public_key` (base64) and it is a catalogue the kiosk accepts (Catalogue::from_document). Every
// failure logs one line saying why; the local file is then left as it was.
CatalogueResult fetch_catalogue(store::Database& db, transport::HttpsClient& http, const EngineConfig& cfg,
                                const std::string& signing_public_key, const std::string& target);

}  // namespace shubbak::sync
