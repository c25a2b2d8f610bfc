// One request as the server holds it between libmicrohttpd's calls (its connection's "con_cls").
#pragma once
#include <atomic>
#include <chrono>

#include "http/connection_watch.hpp"
#include "http/server.hpp"

struct MHD_Connection;

namespace shubbak::http {

struct Exchange {
  Request req;
  MHD_Connection* conn = nullptr;
  int fd = -1;               // its connection's socket
  bool begun = false;        // its headers were checked (it counts in flight)
  size_t limit = 0;          // this request's body limit
  long long counted = 0;     // its body bytes counted in the buffered budget (given back when it ends)
  bool refused = false;      // an early answer is queued: whatever else arrives is not kept
  bool dispatched = false;   // handed to a worker (the connection is suspended meanwhile)
  bool decoded = false;      // its Content-Encoding undone: the handler may be called (again, once parked)
  bool gone = false;         // its client hung up while it was parked: closed without an answer
  bool raw_target_nul = false;  // its request target held %00 (libmicrohttpd's decoded path ends there)
  std::chrono::steady_clock::time_point park_deadline{};  // set when it is first parked
  unsigned long long wakes_seen = 0;  // Server::wake() calls counted before the handler last ran
  std::atomic<bool> ready{false};
  Reply reply;               // set by the worker before it resumes the connection
  ConnectionWatch::Entry* watch = nullptr;
};

}  // namespace shubbak::http
