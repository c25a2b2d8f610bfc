// One request as the server holds it between libmicrohttpd's calls (its connection's "con_cls").
#pragma once
#include <atomic>

#include "http/connection_watch.hpp"
#include "http/server.hpp"

namespace shubbak::http {

struct Exchange {
  Request req;
  size_t limit = 0;          // this request's body limit
  long long counted = 0;     // its body bytes counted in the buffered budget (given back when it ends)
  bool refused = false;      // an early answer is queued: whatever else arrives is not kept
  bool dispatched = false;   // handed to a worker (the connection is suspended meanwhile)
  std::atomic<bool> ready{false};
  Reply reply;               // set by the worker before it resumes the connection
  ConnectionWatch::Entry* watch = nullptr;
};

}  // namespace shubbak::http
