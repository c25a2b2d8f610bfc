// The receiver's HTTP layer with a plug-in handler instead of PostgreSQL, for the tests of its bounds
// (tests/national/http_*_test.cpp). POST or GET /echo answers {"bytes":N,"start":NS,"end":NS} (body size after
// Content-Encoding is undone; CLOCK_MONOTONIC nanoseconds around the handler's work), after --sleep-ms of work.
//   http-plugin-server [--workers N] [--sleep-ms MS] [--max-buffered BYTES] [--max-queued N]
//                      [--listen HOST:PORT|unix:PATH]
// Prints "listening on http://HOST:PORT" when ready; SIGTERM: stops as the receiver does, exit 0.
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

#include "http/server.hpp"
#include "upstream/server_options.hpp"

using namespace shubbak::http;

namespace {

long long now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  ServerOptions opt = shubbak::upstream::receiver_server_options();
  int sleep_ms = 0;
  std::string listen = "127.0.0.1:0";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string f = argv[i], v = argv[i + 1];
    if (f == "--workers") opt.workers = std::stoi(v);
    else if (f == "--sleep-ms") sleep_ms = std::stoi(v);
    else if (f == "--max-buffered") opt.max_buffered_body_bytes = std::stoull(v);
    else if (f == "--max-queued") opt.max_queued = std::stoi(v);
    else if (f == "--listen") listen = v;
  }
  signal(SIGPIPE, SIG_IGN);
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // every thread made from here on inherits it
  Metrics metrics({"/echo", "/metrics"});
  Server server(opt, [&](const Request& req) -> Reply {
    if (req.path != "/echo") return Reply::error(404, "no such route");
    long long start = now_ns();
    if (sleep_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));  // the handler's "work"
    return Reply{200, "{\"bytes\":" + std::to_string(req.body.size()) + ",\"start\":" + std::to_string(start) +
                          ",\"end\":" + std::to_string(now_ns()) + "}", "application/json", {}};
  }, metrics);
  server.start(listen);
  std::printf("listening on %s\n", server.address().c_str());
  std::fflush(stdout);
  int sig = 0;
  sigwait(&stop_signals, &sig);
  server.stop();
  return 0;
}
