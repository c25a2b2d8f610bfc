#include "http/server.hpp"

#include <microhttpd.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <stdexcept>

#include "http/connection_watch.hpp"
#include "http/exchange.hpp"
#include "http/inflate.hpp"
#include "http/listen_socket.hpp"
#include "http/refusal_log.hpp"
#include "http/worker_pool.hpp"

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

struct Server::Impl {
  Impl(ServerOptions o, Handler h, Metrics& m) : opt(std::move(o)), handler(std::move(h)), metrics(m) {}
  ServerOptions opt;
  Handler handler;
  Metrics& metrics;
  ListenSocket sock;
  MHD_Daemon* daemon = nullptr;
  std::unique_ptr<WorkerPool> pool;
  std::unique_ptr<ConnectionWatch> watch;
  RefusalLog refusals;
  std::mutex mu;
  std::condition_variable idle;  // signalled when a request ends
  int inflight = 0;

  MHD_Result begin(MHD_Connection* c, const char* url, const char* method, void** con_cls);
  MHD_Result take_body(MHD_Connection* c, Exchange* x, const char* data, size_t* size);
  MHD_Result refuse(MHD_Connection* c, Exchange* x, int status, const std::string& words);
  bool reserve(Exchange* x, size_t n);
  MHD_Result send(MHD_Connection* c, Exchange* x, const Reply& r);
  void dispatch(MHD_Connection* c, Exchange* x);
  Reply answer(Exchange* x);
  void ended(Exchange* x);
};

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

MHD_Result on_request(void* cls, MHD_Connection* c, const char* url, const char* method, const char*,
                      const char* data, size_t* size, void** con_cls) {
  auto* s = static_cast<Server::Impl*>(cls);
  auto* x = static_cast<Exchange*>(*con_cls);
  if (!x) return s->begin(c, url, method, con_cls);
  if (x->refused) {
    *size = 0;  // not kept, not counted
    return MHD_YES;
  }
  if (*size > 0) return s->take_body(c, x, data, size);
  if (x->ready) return s->send(c, x, x->reply);
  if (!x->dispatched) s->dispatch(c, x);
  return MHD_YES;
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

}  // namespace

// The headers are whole: checked against their bounds and the body's announced size before any body is read.
MHD_Result Server::Impl::begin(MHD_Connection* c, const char* url, const char* method, void** con_cls) {
  auto* x = new Exchange;
  *con_cls = x;
  {
    std::lock_guard<std::mutex> lock(mu);
    ++inflight;
  }
  metrics.add_inflight(1);
  x->req.method = method;
  x->req.path = url;
  x->watch = watch_entry(c);
  watch->headers_received(x->watch);
  HeaderScan scan{&x->req};
  MHD_get_connection_values(c, MHD_HEADER_KIND, collect_header, &scan);
  if (scan.count > opt.max_header_count || scan.bytes + x->req.path.size() > opt.max_header_bytes)
    return refuse(c, x, 431, "too many or too large header lines");
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
  Reply r = Reply::error(status, words);
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

// The request is whole: a worker answers it while the connection waits, suspended (no socket events, no timeout).
void Server::Impl::dispatch(MHD_Connection* c, Exchange* x) {
  x->dispatched = true;
  watch->answering(x->watch);
  MHD_suspend_connection(c);
  const size_t max_waiting = static_cast<size_t>(opt.max_queued);
  bool posted = pool->try_post([this, c, x] {
    x->reply = answer(x);
    x->ready = true;
    MHD_resume_connection(c);  // x is not touched after this: the event thread sends and frees it
  }, max_waiting);
  if (!posted) {  // every worker busy and enough waiting: answered at once, the kiosk tries again shortly
    refusals.note(503, "every worker busy");
    x->reply = Reply::error(503, "the server is busy receiving other batches; try again shortly");
    x->reply.headers.emplace_back("Retry-After", std::to_string(opt.retry_after_seconds));
    x->ready = true;
    MHD_resume_connection(c);
  }
}

Reply Server::Impl::answer(Exchange* x) {
  std::string encoding = lower(x->req.header("content-encoding"));
  if (encoding == "gzip" || encoding == "x-gzip") {
    std::string decoded;
    Inflated rc = inflate_gzip(x->req.body, opt.max_decoded_body_bytes, decoded);
    if (rc == Inflated::TooLarge) {
      refusals.note(413, "decoded body over the limit");
      return Reply::error(413, "the body, once decompressed, is larger than this server accepts");
    }
    if (rc == Inflated::Damaged) return Reply::error(400, "the gzip body is damaged");
    x->req.body = std::move(decoded);
  } else if (!encoding.empty() && encoding != "identity") {
    return Reply::error(415, "Content-Encoding must be gzip or none");
  }
  try {
    return handler(x->req);
  } catch (const std::exception& e) {
    refusals.note(500, std::string("handler failed: ") + e.what());
    return Reply::error(500, "server error");
  }
}

void Server::Impl::ended(Exchange* x) {
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

void Server::start(const std::string& listen) {
  Impl& s = *impl_;
  s.sock = open_listen_socket(listen, 511);
  s.watch = std::make_unique<ConnectionWatch>(s.opt.idle_timeout_seconds, s.opt.body_deadline_seconds);
  s.pool = std::make_unique<WorkerPool>(s.opt.workers);
  // The pool per connection holds its headers and read buffer: headers over it are refused (431) without being
  // read whole; twice the header bound leaves room for the read buffer.
  const size_t memory = std::max<size_t>(s.opt.max_header_bytes * 2, 32u << 10);
  // poll(), not epoll: libmicrohttpd 0.9.75's epoll mode, under load, stopped reading a body half-way with the rest
  // waiting in the socket (the request then hung to the idle timeout, its budget held).
  s.daemon = MHD_start_daemon(
      MHD_USE_POLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME, 0, nullptr, nullptr,
      on_request, &s, MHD_OPTION_LISTEN_SOCKET, static_cast<MHD_socket>(s.sock.fd), MHD_OPTION_THREAD_POOL_SIZE,
      static_cast<unsigned>(std::max(s.opt.io_threads, 1)), MHD_OPTION_CONNECTION_TIMEOUT,
      static_cast<unsigned>(s.opt.idle_timeout_seconds), MHD_OPTION_CONNECTION_MEMORY_LIMIT, memory,
      MHD_OPTION_CONNECTION_LIMIT, static_cast<unsigned>(s.opt.max_connections), MHD_OPTION_NOTIFY_COMPLETED,
      on_completed, &s, MHD_OPTION_NOTIFY_CONNECTION, on_connection, &s, MHD_OPTION_END);
  if (!s.daemon) {
    close(s.sock.fd);
    throw std::runtime_error("cannot start the HTTP server on " + listen);
  }
}

void Server::wake() {}  // parking: not yet built (issue 15)

Subnet Subnet::parse(const std::string&) { throw std::logic_error("subnets: not yet built"); }
bool Subnet::contains(const struct sockaddr*) const { return false; }

std::string Server::address() const { return impl_->sock.address; }
int Server::port() const { return impl_->sock.port; }

void Server::stop(int grace_seconds) {
  Impl& s = *impl_;
  if (!s.daemon) return;
  MHD_socket fd = MHD_quiesce_daemon(s.daemon);  // no new connections from here on
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
