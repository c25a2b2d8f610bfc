// The receiver's HTTP server (libmicrohttpd), bounded by itself whatever is in front of it (docs/national.md,
// "Limits"): headers over a size or a count, bodies over the limit whatever their framing (Content-Length, chunked;
// a POST with neither is refused), gzip inflated with a cap, body bytes of all requests together under a budget,
// slow clients closed at a deadline. Sockets are served by a few event threads (poll) that never block; complete
// requests go to a pool of worker threads that run the handler, so a slow handler delays only its own request.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "upstream/http/metrics.hpp"
#include "upstream/limits.hpp"

namespace shubbak::upstream::http {

// Bounds of this module that upstream/limits.hpp does not hold.
inline constexpr int kBodyDeadlineSeconds = 60;  // a body must be whole this long after its headers
inline constexpr int kIoThreads = 2;             // event threads (they only move bytes)
inline constexpr int kStopGraceSeconds = 30;     // SIGTERM: requests in progress get this long to finish

struct Request {
  std::string method, path;
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;                                          // Content-Encoding undone
  std::string header(std::string_view lower_case_name) const;  // "" if absent
};

struct Reply {
  int status = 200;
  std::string body, content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  // {"error": words}
  static Reply error(int status, const std::string& words);
};

using Handler = std::function<Reply(const Request&)>;

struct ServerOptions {
  int workers = limits::kDefaultWorkers;
  int io_threads = kIoThreads;
  size_t max_body_bytes = limits::kMaxBodyBytes;
  size_t max_decoded_body_bytes = limits::kMaxDecodedBodyBytes;
  size_t max_buffered_body_bytes = limits::kMaxBufferedBodyBytes;
  int max_queued = limits::kMaxQueuedRequests;
  size_t max_header_bytes = limits::kMaxHeaderBytes;
  int max_header_count = limits::kMaxHeaderCount;
  int idle_timeout_seconds = limits::kIdleTimeoutSeconds;  // also: the headers must be whole within this
  int body_deadline_seconds = kBodyDeadlineSeconds;
  int max_connections = limits::kMaxConnections;
  // A smaller body limit for some paths (e.g. heartbeats); 0 or unset: max_body_bytes.
  std::function<size_t(const std::string& path)> body_limit;
  // Served by the server itself, on its event threads (never queued behind the handler): GET of this path.
  std::string metrics_path = "/metrics";
};

class Server {
 public:
  Server(ServerOptions options, Handler handler, Metrics& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // "HOST:PORT" (port 0: any free port) or "unix:PATH". Throws std::runtime_error with words if it cannot.
  void start(const std::string& listen);
  // "http://HOST:PORT" (the real port) or "unix:PATH".
  std::string address() const;
  int port() const;
  // Stops accepting, lets requests in progress finish (at most grace_seconds), then closes every connection.
  void stop(int grace_seconds = kStopGraceSeconds);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace shubbak::upstream::http
