// The shared HTTP server (http/server.hpp) with a plug-in handler instead of PostgreSQL, for the tests of its bounds
// (tests/national/http_*_test.cpp), with the receivers' options unless a flag says otherwise.
//   POST or GET /echo answers {"bytes":N,"start":NS,"end":NS} (body size after Content-Encoding is undone;
//     CLOCK_MONOTONIC nanoseconds around the handler's work), after --sleep-ms of work.
//   GET /request answers {"method":..,"path":..,"query":..,"peer":..} as the handler saw them.
//   With --park: GET /park?until=N parks until the counter reaches N, then answers {"counter":C,"timeout":false}
//     ({"counter":C,"timeout":true} when its time ran out); GET /bump adds one to the counter and wakes the parked.
//   http-plugin-server [--workers N] [--sleep-ms MS] [--max-buffered BYTES] [--max-queued N]
//                      [--listen HOST:PORT|unix:PATH] [--tls-cert PEM_FILE --tls-key PEM_FILE]
//                      [--allow CIDR,CIDR,...] [--park] [--park-seconds S] [--max-parked N]
//                      [--idle-seconds S] [--body-seconds S]
// Prints "listening on http(s)://HOST:PORT" when ready; SIGTERM: stops as the receiver does, exit 0.
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
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

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "\"";
}

struct Flags {
  ServerOptions opt = shubbak::upstream::receiver_server_options();
  int sleep_ms = 0;
  bool park = false;
  std::string listen = "127.0.0.1:0";
};

Flags parse(int argc, char** argv) {
  Flags f;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i], v = i + 1 < argc ? argv[i + 1] : "";
    if (flag == "--park") {
      f.park = true;
      continue;
    }
    ++i;
    if (flag == "--workers") f.opt.workers = std::stoi(v);
    else if (flag == "--sleep-ms") f.sleep_ms = std::stoi(v);
    else if (flag == "--max-buffered") f.opt.max_buffered_body_bytes = std::stoull(v);
    else if (flag == "--max-queued") f.opt.max_queued = std::stoi(v);
    else if (flag == "--listen") f.listen = v;
    else if (flag == "--tls-cert") f.opt.tls_cert_pem = read_file(v);
    else if (flag == "--tls-key") f.opt.tls_key_pem = read_file(v);
    else if (flag == "--park-seconds") f.opt.park_seconds = std::stoi(v);
    else if (flag == "--max-parked") f.opt.max_parked = std::stoi(v);
    else if (flag == "--idle-seconds") f.opt.idle_timeout_seconds = std::stoi(v);
    else if (flag == "--body-seconds") f.opt.body_deadline_seconds = std::stoi(v);
    else if (flag == "--allow") {
      std::istringstream nets(v);
      for (std::string net; std::getline(nets, net, ',');) f.opt.allow.push_back(Subnet::parse(net));
    }
  }
  return f;
}

struct Plugin {
  const Flags& flags;
  Server* server = nullptr;
  std::atomic<long long> counter{0};

  Reply echo(const Request& req) const {
    long long start = now_ns();
    if (flags.sleep_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(flags.sleep_ms));  // "work"
    return Reply{200, "{\"bytes\":" + std::to_string(req.body.size()) + ",\"start\":" + std::to_string(start) +
                          ",\"end\":" + std::to_string(now_ns()) + "}", "application/json", {}};
  }
  Reply park(const Request& req) const {
    long long until = req.query.rfind("until=", 0) == 0 ? std::stoll(req.query.substr(6)) : 0;
    long long now = counter.load();
    if (now < until && !req.parked_timeout) return Reply::park();
    return Reply{200, "{\"counter\":" + std::to_string(now) + ",\"timeout\":" +
                          (req.parked_timeout ? "true" : "false") + "}", "application/json", {}};
  }
  Reply bump() {
    long long now = ++counter;
    server->wake();
    return Reply{200, "{\"counter\":" + std::to_string(now) + "}", "application/json", {}};
  }
  Reply operator()(const Request& req) {
    if (req.path == "/echo") return echo(req);
    if (req.path == "/request")
      return Reply{200, "{\"method\":" + quoted(req.method) + ",\"path\":" + quoted(req.path) + ",\"query\":" +
                            quoted(req.query) + ",\"peer\":" + quoted(req.peer) + "}", "application/json", {}};
    if (flags.park && req.path == "/park") return park(req);
    if (flags.park && req.path == "/bump") return bump();
    return Reply::error(404, "no such route");
  }
};

}  // namespace

int main(int argc, char** argv) {
  Flags flags = parse(argc, argv);
  signal(SIGPIPE, SIG_IGN);
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // every thread made from here on inherits it
  Metrics metrics({"/echo", "/metrics", "/request", "/park", "/bump"});
  Plugin plugin{flags};
  Server server(flags.opt, [&plugin](const Request& req) { return plugin(req); }, metrics);
  plugin.server = &server;
  server.start(flags.listen);
  std::printf("listening on %s\n", server.address().c_str());
  std::fflush(stdout);
  int sig = 0;
  sigwait(&stop_signals, &sig);
  server.stop();
  return 0;
}
