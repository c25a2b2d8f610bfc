// The bounded HTTP(S) server of every Shubbak server (libmicrohttpd): the national receivers (upstream/) and the
// desk console on a centre's LAN (desk/). Bounded by itself whatever is in front of it: headers over a size or a
// count, bodies over the limit whatever their framing (Content-Length, chunked; a POST with neither is refused), gzip
// inflated with a cap, body bytes of all requests together under a budget, slow clients closed at a deadline, peers
// outside an allow-list refused before a byte is read. Sockets are served by a few event threads (poll) that never
// block; complete requests go to a pool of worker threads that run the handler, so a slow handler delays only its
// own request. A handler may park a request (long polling: the desk's live queue) without holding a worker.
#pragma once
#include <sys/socket.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/metrics.hpp"

namespace shubbak::http {

// The defaults of every bound (each server sets its own: upstream/server_options.hpp, desk/desk_limits.hpp).
inline constexpr int kBodyDeadlineSeconds = 60;  // a body must be whole this long after its headers
inline constexpr int kIoThreads = 2;             // event threads (they only move bytes)
inline constexpr int kStopGraceSeconds = 30;     // SIGTERM: requests in progress get this long to finish
inline constexpr int kDefaultWorkers = 4;
inline constexpr size_t kDefaultMaxBodyBytes = 1u << 20;
inline constexpr size_t kDefaultMaxBufferedBodyBytes = 16u << 20;
inline constexpr int kDefaultMaxQueued = 4;
inline constexpr size_t kDefaultMaxHeaderBytes = 16u << 10;
inline constexpr int kDefaultMaxHeaderCount = 64;
inline constexpr int kDefaultIdleTimeoutSeconds = 10;
inline constexpr int kDefaultMaxConnections = 256;
inline constexpr int kDefaultRetryAfterSeconds = 2;
inline constexpr int kDefaultParkSeconds = 25;  // a parked request is answered (timed out) after this long

struct Request {
  std::string method, path;  // path without the query string
  std::string query;         // after '?', undecoded ("" if none)
  std::string peer;          // the client's address ("203.0.113.7", "::1"; "unix" on a unix socket)
  bool parked_timeout = false;  // a parked request handed back because its time ran out (see Reply::park)
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
  // Not an answer yet: the connection waits (no worker held, no idle timeout or body deadline) until Server::wake()
  // or park_seconds after it was first parked, then the handler is called again on a worker with the same request
  // (parked_timeout set when the time ran out, or when the server is stopping); it may park it again, except once
  // parked_timeout is set (then 503). Beyond max_parked: 503 with Retry-After. A client that hangs up while parked
  // is closed at once, the handler not called again. A wake() that comes while the handler runs is not lost: the
  // handler is then called again at once instead of parking.
  static Reply park();
  bool parked = false;
};

using Handler = std::function<Reply(const Request&)>;

// An IPv4 or IPv6 network ("192.168.1.0/24", "fd00::/8", "127.0.0.1/32"; no prefix: one address; host bits are
// ignored; spaces around are allowed). parse() throws std::invalid_argument with words naming the text. An IPv4
// client of a dual-stack socket (::ffff:a.b.c.d) is matched as IPv4; ::ffff:a.b.c.d/n (n >= 96) is an IPv4 network.
struct Subnet {
  static Subnet parse(const std::string& text);
  bool contains(const struct sockaddr* addr) const;
  int family = 0;  // AF_INET or AF_INET6
  unsigned char bytes[16] = {};
  int prefix = 0;
};

struct ServerOptions {
  int workers = kDefaultWorkers;
  int io_threads = kIoThreads;
  size_t max_body_bytes = kDefaultMaxBodyBytes;
  size_t max_decoded_body_bytes = kDefaultMaxBodyBytes;
  size_t max_buffered_body_bytes = kDefaultMaxBufferedBodyBytes;
  int max_queued = kDefaultMaxQueued;
  size_t max_header_bytes = kDefaultMaxHeaderBytes;
  int max_header_count = kDefaultMaxHeaderCount;
  int idle_timeout_seconds = kDefaultIdleTimeoutSeconds;  // also: the headers must be whole within this
  int body_deadline_seconds = kBodyDeadlineSeconds;
  int max_connections = kDefaultMaxConnections;
  // Connections from one TCP address at once (0: no bound; a unix socket is never bounded): beyond it a new one is
  // closed at once, so one peer holding idle connections cannot take every slot of max_connections.
  int max_connections_per_peer = 0;
  int retry_after_seconds = kDefaultRetryAfterSeconds;
  int park_seconds = kDefaultParkSeconds;
  int max_parked = 256;  // parked requests at once; beyond: 503 (each holds a connection: keep under max_connections)
  // A smaller body limit for some paths (e.g. heartbeats); 0 or unset: max_body_bytes.
  std::function<size_t(const std::string& path)> body_limit;
  // Served by the server itself, on its event threads (never queued behind the handler): GET of this path.
  // Empty: no metrics route.
  std::string metrics_path = "/metrics";
  // HTTPS when both are set (PEM text, not file names): TLS 1.2 and 1.3 only.
  std::string tls_cert_pem, tls_key_pem;
  // When not empty: a connection from an address outside every subnet is closed before anything is read (counted in
  // shubbak_refused_connections_total, logged with its address at most every RefusalLog::kEverySeconds). A unix
  // socket is always allowed.
  std::vector<Subnet> allow;
  // How the server's own refusals (400, 411, 413, 415, 431, 503, 500) are answered: the request as far as it was read
  // (headers, no body), the status and the server's words (English, for logs). Unset: Reply::error(status, words).
  std::function<Reply(const Request&, int status, const std::string& words)> refusal;
};

class Server {
 public:
  Server(ServerOptions options, Handler handler, Metrics& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // "HOST:PORT" (port 0: any free port) or "unix:PATH". Throws std::runtime_error with words if it cannot.
  void start(const std::string& listen);
  // "http://HOST:PORT" or "https://HOST:PORT" (the real port), or "unix:PATH".
  std::string address() const;
  int port() const;
  // Hands every parked request back to the handler (from any thread; cheap when nothing is parked).
  void wake();
  // Stops accepting, hands parked requests back (parked_timeout), lets requests in progress finish (at most
  // grace_seconds), then closes every connection.
  void stop(int grace_seconds = kStopGraceSeconds);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace shubbak::http
