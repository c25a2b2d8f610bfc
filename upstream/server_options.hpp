// The receiver's bounds (upstream/limits.hpp) as options of the shared HTTP server (http/server.hpp).
#pragma once
#include "http/server.hpp"
#include "upstream/limits.hpp"

namespace shubbak::upstream {

inline http::ServerOptions receiver_server_options() {
  http::ServerOptions o;
  o.workers = limits::kDefaultWorkers;
  o.max_body_bytes = limits::kMaxBodyBytes;
  o.max_decoded_body_bytes = limits::kMaxDecodedBodyBytes;
  o.max_buffered_body_bytes = limits::kMaxBufferedBodyBytes;
  o.max_queued = limits::kMaxQueuedRequests;
  o.max_header_bytes = limits::kMaxHeaderBytes;
  o.max_header_count = limits::kMaxHeaderCount;
  o.idle_timeout_seconds = limits::kIdleTimeoutSeconds;
  o.max_connections = limits::kMaxConnections;
  o.retry_after_seconds = limits::kRetryAfterSeconds;
  return o;
}

}  // namespace shubbak::upstream
