#include "http/server.hpp"

#include <microhttpd.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "http/peer_address.hpp"
#include "http/server_impl.hpp"

namespace shubbak::http {

std::string Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return "";
}

Reply Reply::park() {
  Reply r;
  r.parked = true;
  return r;
}

Reply Reply::error(int status, const std::string& words) {
  std::string escaped;
  for (char ch : words) {
    if (ch == '"' || ch == '\\') escaped += '\\';
    escaped += ch;
  }
  return Reply{status, "{\"error\":\"" + escaped + "\"}", "application/json", {}};
}

namespace {

std::string lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

struct HeaderScan {
  Request* req;
  size_t bytes = 0;
  int count = 0;
};

MHD_Result collect_header(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto* scan = static_cast<HeaderScan*>(cls);
  ++scan->count;
  scan->bytes += std::char_traits<char>::length(key) + (value ? std::char_traits<char>::length(value) : 0) + 4;
  scan->req->headers.emplace_back(lower(key), value ? value : "");
  return MHD_YES;
}

MHD_Result on_request(void* cls, MHD_Connection* c, const char* url, const char* method, const char* version,
                      const char* data, size_t* size, void** con_cls) {
  auto* s = static_cast<Server::Impl*>(cls);
  auto* x = static_cast<Exchange*>(*con_cls);
  if (!x) *con_cls = x = new Exchange;  // (on_uri made it: this is only in case it did not)
  if (!x->begun) return s->begin(c, url, method, version, x);
  if (x->refused) {
    *size = 0;  // not kept, not counted
    return MHD_YES;
  }
  if (*size > 0) return s->take_body(c, x, data, size);
  if (x->ready) return x->gone ? MHD_NO : s->send(c, x, x->reply);  // MHD_NO: closed without an answer
  if (!x->dispatched) s->dispatch(x);
  return MHD_YES;
}

// Before the request line is parsed: the request's Exchange, with the query string as it was sent (libmicrohttpd
// gives the handler the path without it).
void* on_uri(void*, const char* uri, MHD_Connection*) {
  auto* x = new Exchange;
  if (const char* q = uri ? std::strchr(uri, '?') : nullptr) x->req.query = q + 1;
  x->raw_target_nul = uri && std::strstr(uri, "%00");
  return x;
}

// Just accepted, nothing read: a peer outside the allow-list is closed at once (a unix socket is always allowed).
MHD_Result on_accept(void* cls, const struct sockaddr* addr, socklen_t len) {
  return static_cast<Server::Impl*>(cls)->allowed(addr, len) ? MHD_YES : MHD_NO;
}

void on_completed(void* cls, MHD_Connection*, void** con_cls, MHD_RequestTerminationCode) {
  auto* x = static_cast<Exchange*>(*con_cls);
  if (x) static_cast<Server::Impl*>(cls)->ended(x);
  *con_cls = nullptr;
}

void on_connection(void* cls, MHD_Connection* c, void** socket_context, MHD_ConnectionNotificationCode code) {
  auto* s = static_cast<Server::Impl*>(cls);
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    *socket_context = s->watch->opened(info ? info->connect_fd : -1);
  } else {
    s->watch->closed(static_cast<ConnectionWatch::Entry*>(*socket_context));
    *socket_context = nullptr;
  }
}

ConnectionWatch::Entry* watch_entry(MHD_Connection* c) {
  const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return info ? static_cast<ConnectionWatch::Entry*>(info->socket_context) : nullptr;
}

bool has_body(const std::string& method) { return method == "POST" || method == "PUT" || method == "PATCH"; }

// What a proxy in front and this server could read differently (request smuggling), or what HTTP/1.1 forbids: a
// second Content-Length, Content-Length with Transfer-Encoding, a second Host, an HTTP/1.1 request without Host;
// and a control character in the path (a NUL, which ends the decoded path early, is caught in on_uri).
const char* request_fault(const Request& r, const char* version) {
  int hosts = 0, lengths = 0, encodings = 0;
  for (const auto& [k, v] : r.headers) {
    hosts += k == "host";
    lengths += k == "content-length";
    encodings += k == "transfer-encoding";
  }
  if (lengths > 1) return "Content-Length given more than once";
  if (lengths > 0 && encodings > 0) return "both Content-Length and Transfer-Encoding";
  if (hosts > 1) return "Host given more than once";
  if (hosts == 0 && version && std::strcmp(version, MHD_HTTP_VERSION_1_1) == 0) return "HTTP/1.1 without Host";
  for (unsigned char ch : r.path)
    if (ch < 0x20 || ch == 0x7F) return "a control character in the path";
  return nullptr;
}

}  // namespace

// The headers are whole: checked against their bounds and the body's announced size before any body is read.
MHD_Result Server::Impl::begin(MHD_Connection* c, const char* url, const char* method, const char* version,
                                Exchange* x) {
  x->begun = true;
  x->conn = c;
  {
    std::lock_guard<std::mutex> lock(mu);
    ++inflight;
  }
  metrics.add_inflight(1);
  x->req.method = method;
  x->req.path = url;
  const MHD_ConnectionInfo* peer = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  x->req.peer = peer_address(peer ? peer->client_addr : nullptr);
  const MHD_ConnectionInfo* fd = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
  x->fd = fd ? fd->connect_fd : -1;
  x->watch = watch_entry(c);
  watch->headers_received(x->watch);
  HeaderScan scan{&x->req};
  MHD_get_connection_values(c, MHD_HEADER_KIND, collect_header, &scan);
  if (scan.count > opt.max_header_count ||
      scan.bytes + x->req.path.size() + x->req.query.size() > opt.max_header_bytes)
    return refuse(c, x, 431, "too many or too large header lines");
  if (const char* fault = request_fault(x->req, version)) return refuse(c, x, 400, fault);
  if (x->raw_target_nul) return refuse(c, x, 400, "a NUL in the request target");
  size_t route_limit = opt.body_limit ? opt.body_limit(x->req.path) : 0;
  x->limit = route_limit > 0 ? std::min(route_limit, opt.max_body_bytes) : opt.max_body_bytes;
  std::string length = x->req.header("content-length");
  bool chunked = lower(x->req.header("transfer-encoding")).find("chunked") != std::string::npos;
  bool digits = !length.empty() && length.size() <= 19 &&
                std::all_of(length.begin(), length.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  if (!length.empty() && !digits) return refuse(c, x, 400, "Content-Length is not a number");
  if (!length.empty() && std::stoull(length) > x->limit)
    return refuse(c, x, 413, "the body is larger than this server accepts");
  if (has_body(x->req.method) && length.empty() && !chunked)
    return refuse(c, x, 411, "a body needs Content-Length or chunked encoding");
  if (!length.empty() && !reserve(x, std::stoull(length)))
    return refuse(c, x, 503, "the server is busy receiving other batches; try again shortly");
  if (x->req.method == "GET" && x->req.path == opt.metrics_path)
    return send(c, x, Reply{200, metrics.render(), "text/plain; version=0.0.4; charset=utf-8", {}});
  return MHD_YES;
}

// A piece of the body: counted against the request's limit and the budget of all requests together.
MHD_Result Server::Impl::take_body(MHD_Connection* c, Exchange* x, const char* data, size_t* size) {
  size_t n = *size;
  *size = 0;
  if (x->req.body.size() + n > x->limit) return refuse(c, x, 413, "the body is larger than this server accepts");
  // A chunked body is counted as it arrives (its Content-Length body was counted whole before it was read).
  if (x->req.body.size() + n > static_cast<size_t>(x->counted) && !reserve(x, n))
    return refuse(c, x, 503, "the server is busy receiving other batches; try again shortly");
  x->req.body.append(data, n);
  return MHD_YES;
}

// Counts `n` more body bytes of this request in the budget of all requests together; false if over it.
bool Server::Impl::reserve(Exchange* x, size_t n) {
  const auto k = static_cast<long long>(n);
  if (metrics.add_buffered(k) > static_cast<long long>(opt.max_buffered_body_bytes)) {
    metrics.add_buffered(-k);
    return false;
  }
  x->counted += k;
  return true;
}

MHD_Result Server::Impl::refuse(MHD_Connection* c, Exchange* x, int status, const std::string& words) {
  x->refused = true;
  refusals.note(status, words);
  Reply r = refusal(x, status, words);
  r.headers.emplace_back("Connection", "close");
  if (status == 503) r.headers.emplace_back("Retry-After", std::to_string(opt.retry_after_seconds));
  // While a body is arriving libmicrohttpd takes no answer (MHD_queue_response fails): the connection is then
  // closed without one, which the kiosk treats as a failed attempt (same batch later, with backoff).
  return send(c, x, r);
}

MHD_Result Server::Impl::send(MHD_Connection* c, Exchange* x, const Reply& r) {
  MHD_Response* resp =
      MHD_create_response_from_buffer(r.body.size(), const_cast<char*>(r.body.data()), MHD_RESPMEM_MUST_COPY);
  if (!resp) return MHD_NO;
  MHD_add_response_header(resp, "Content-Type", r.content_type.c_str());
  for (const auto& [k, v] : r.headers) MHD_add_response_header(resp, k.c_str(), v.c_str());
  // Counted before it is queued: once queued, the client may read it and ask /metrics (on another thread) first.
  metrics.count_request(x->req.path, r.status);
  MHD_Result rc = MHD_queue_response(c, static_cast<unsigned>(r.status), resp);
  MHD_destroy_response(resp);
  return rc;
}

bool Server::Impl::allowed(const struct sockaddr* addr, socklen_t len) {
  if (!addr || len < static_cast<socklen_t>(sizeof(sa_family_t))) return true;
  if (addr->sa_family != AF_INET && addr->sa_family != AF_INET6) return true;  // a unix socket
  for (const Subnet& net : opt.allow)
    if (net.contains(addr)) return true;
  metrics.count_refused_connection();
  refusals.note(0, "a connection from outside the allow-list", "from " + peer_address(addr));
  return false;
}

void Server::Impl::ended(Exchange* x) {
  if (!x->begun) {  // ended before its headers were whole
    delete x;
    return;
  }
  metrics.add_buffered(-x->counted);
  metrics.add_inflight(-1);
  watch->answered(x->watch);
  delete x;
  {
    std::lock_guard<std::mutex> lock(mu);
    --inflight;
  }
  idle.notify_all();
}

Server::Server(ServerOptions options, Handler handler, Metrics& metrics)
    : impl_(new Impl(std::move(options), std::move(handler), metrics)) {}

Server::~Server() { stop(0); }

namespace {

template <typename Callback>
MHD_OptionItem callback_option(MHD_OPTION option, Callback* fn, Server::Impl& s) {
  return {option, reinterpret_cast<intptr_t>(fn), &s};
}

MHD_OptionItem text_option(MHD_OPTION option, const std::string& text) {
  return {option, 0, const_cast<char*>(text.c_str())};
}

std::vector<MHD_OptionItem> daemon_options(Server::Impl& s) {
  // The pool per connection holds its headers and read buffer: headers over it are refused (431) without being
  // read whole; twice the header bound leaves room for the read buffer.
  const size_t memory = std::max<size_t>(s.opt.max_header_bytes * 2, 32u << 10);
  std::vector<MHD_OptionItem> o = {
      {MHD_OPTION_LISTEN_SOCKET, s.sock.fd, nullptr},
      {MHD_OPTION_THREAD_POOL_SIZE, std::max(s.opt.io_threads, 1), nullptr},
      {MHD_OPTION_CONNECTION_TIMEOUT, s.opt.idle_timeout_seconds, nullptr},
      {MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<intptr_t>(memory), nullptr},
      {MHD_OPTION_CONNECTION_LIMIT, s.opt.max_connections, nullptr},
      {MHD_OPTION_PER_IP_CONNECTION_LIMIT, std::max(s.opt.max_connections_per_peer, 0), nullptr},
      callback_option(MHD_OPTION_NOTIFY_COMPLETED, on_completed, s),
      callback_option(MHD_OPTION_NOTIFY_CONNECTION, on_connection, s),
      callback_option(MHD_OPTION_URI_LOG_CALLBACK, on_uri, s),
  };
  if (s.tls()) {
    o.push_back(text_option(MHD_OPTION_HTTPS_MEM_CERT, s.opt.tls_cert_pem));
    o.push_back(text_option(MHD_OPTION_HTTPS_MEM_KEY, s.opt.tls_key_pem));
    o.push_back({MHD_OPTION_HTTPS_PRIORITIES, 0, const_cast<char*>(kTlsPriorities)});
  }
  o.push_back({MHD_OPTION_END, 0, nullptr});
  return o;
}

}  // namespace

void Server::start(const std::string& listen) {
  Impl& s = *impl_;
  if (s.tls() && !MHD_is_feature_supported(MHD_FEATURE_TLS))
    throw std::runtime_error("cannot serve HTTPS on " + listen + ": this libmicrohttpd is built without TLS");
  s.sock = open_listen_socket(listen, 511);
  s.watch = std::make_unique<ConnectionWatch>(s.opt.idle_timeout_seconds, s.opt.body_deadline_seconds);
  s.pool = std::make_unique<WorkerPool>(s.opt.workers);
  s.lot = std::make_unique<ParkingLot>(s.opt.max_parked,
                                       [&s](Exchange* x, ParkingLot::Why why) { s.release(x, why); });
  std::vector<MHD_OptionItem> options = daemon_options(s);
  // poll(), not epoll: libmicrohttpd 0.9.75's epoll mode, under load, stopped reading a body half-way with the rest
  // waiting in the socket (the request then hung to the idle timeout, its budget held).
  unsigned flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | (s.tls() ? MHD_USE_TLS : 0);
  s.daemon = MHD_start_daemon(flags, 0, s.opt.allow.empty() ? nullptr : on_accept, &s, on_request, &s,
                              MHD_OPTION_ARRAY, options.data(), MHD_OPTION_END);
  if (!s.daemon) {
    close(s.sock.fd);
    throw std::runtime_error("cannot start the HTTP server on " + listen +
                             (s.tls() ? " (is the certificate or its key damaged, or do they not match?)" : ""));
  }
}

void Server::wake() {
  if (impl_->lot) impl_->lot->wake();
}

std::string Server::address() const {
  const std::string& a = impl_->sock.address;
  return impl_->tls() && a.rfind("http://", 0) == 0 ? "https://" + a.substr(7) : a;
}

int Server::port() const { return impl_->sock.port; }

void Server::stop(int grace_seconds) {
  Impl& s = *impl_;
  if (!s.daemon) return;
  MHD_socket fd = MHD_quiesce_daemon(s.daemon);  // no new connections from here on
  s.lot->close();  // parked requests are handed back (parked_timeout) and answered
  {
    std::unique_lock<std::mutex> lock(s.mu);
    s.idle.wait_for(lock, std::chrono::seconds(grace_seconds), [&] { return s.inflight == 0; });
  }
  s.pool.reset();  // workers finish what they hold (and resume those connections)
  MHD_stop_daemon(s.daemon);
  s.daemon = nullptr;
  if (fd != MHD_INVALID_SOCKET) close(fd);
  s.watch.reset();
  if (!s.sock.unix_path.empty()) unlink(s.sock.unix_path.c_str());
}

}  // namespace shubbak::http
