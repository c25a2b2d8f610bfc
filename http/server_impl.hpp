// The server's state, shared by its event threads (http/server.cpp: libmicrohttpd's callbacks) and its workers
// (http/server_work.cpp: the handler, parking).
#pragma once
#include <microhttpd.h>

#include <condition_variable>
#include <memory>
#include <mutex>

#include "http/connection_watch.hpp"
#include "http/exchange.hpp"
#include "http/listen_socket.hpp"
#include "http/parking_lot.hpp"
#include "http/refusal_log.hpp"
#include "http/server.hpp"
#include "http/worker_pool.hpp"

namespace shubbak::http {

// TLS 1.2 and 1.3 only (GnuTLS priority string).
inline constexpr const char* kTlsPriorities = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2";

struct Server::Impl {
  Impl(ServerOptions o, Handler h, Metrics& m) : opt(std::move(o)), handler(std::move(h)), metrics(m) {}
  ServerOptions opt;
  Handler handler;
  Metrics& metrics;
  ListenSocket sock;
  MHD_Daemon* daemon = nullptr;
  std::unique_ptr<WorkerPool> pool;
  std::unique_ptr<ConnectionWatch> watch;
  std::unique_ptr<ParkingLot> lot;
  RefusalLog refusals;
  std::mutex mu;
  std::condition_variable idle;  // signalled when a request ends
  int inflight = 0;

  bool tls() const { return !opt.tls_cert_pem.empty() && !opt.tls_key_pem.empty(); }
  // Event threads (server.cpp).
  MHD_Result begin(MHD_Connection* c, const char* url, const char* method, const char* version, Exchange* x);
  MHD_Result take_body(MHD_Connection* c, Exchange* x, const char* data, size_t* size);
  MHD_Result refuse(MHD_Connection* c, Exchange* x, int status, const std::string& words);
  bool reserve(Exchange* x, size_t n);
  MHD_Result send(MHD_Connection* c, Exchange* x, const Reply& r);
  bool allowed(const struct sockaddr* addr, socklen_t len);
  void ended(Exchange* x);
  // Workers (server_work.cpp).
  void dispatch(Exchange* x);
  void work(Exchange* x);
  Reply answer(Exchange* x);
  Reply call_handler(Exchange* x);
  bool park(Exchange* x, Reply& r);
  void finish(Exchange* x, Reply r);
  void release(Exchange* x, ParkingLot::Why why);
  Reply busy(const Exchange* x, const std::string& why, const std::string& words);
  // The server's own refusal of `x`, worded by opt.refusal when it is set (server_work.cpp).
  Reply refusal(const Exchange* x, int status, const std::string& words) const;
};

}  // namespace shubbak::http
