// A scriptable faulty upstream for the sync tests: real TLS on loopback, one behaviour per request from a plan,
// and a log of what arrived. It acts as an upstream too (it remembers record ids and answers stored/duplicate),
// so tests can check that nothing was duplicated or lost.
//
//   faulty-upstream --cert PEM --key PEM --plan FILE --log FILE [--poison ID] [--catalog BEHAVIOUR]
//
// Plan: one behaviour a line, used by successive requests; after the last line every request gets `ok`.
//   ok                      200 with results for every record (stored, or duplicate if seen before)
//   status CODE [SECONDS]   answer CODE, with Retry-After: SECONDS if given
//   html                    200 text/html (a captive portal's login page)
//   truncate                store the batch, send 200 and half of the body, close
//   reset                   store the batch, send part of the body, reset the connection
//   stall                   read the request and never answer
//   omit N                  200 naming all but the last N records (they are not stored)
//   empty                   200 {"results":[]}: acknowledges nothing (nothing stored)
//   foreign                 200 with results for ids that are not in the batch (nothing stored)
//   gzipbomb                200, Content-Encoding: gzip, ~256 KiB that inflate to 256 MiB of spaces
//   endless                 200 chunked, 64 KiB chunks until the client hangs up (or 256 MiB: a safety stop)
//   huge                    200 without Content-Length, Connection: close, 256 MiB or until the client hangs up
//   drip                    200 chunked, 20 bytes a second for ever: above any low-speed limit, never done
// Requests to /v1/catalog get --catalog's behaviour (any of the above that makes sense for a GET, default
// "status 404"); other paths (heartbeat) get 404. Neither is planned; catalogue requests are logged.
// --poison ID: any batch holding ID gets 400 (the record the upstream cannot accept).
// Log: one JSON line per request: {"ms":EPOCH_MS,"conn":N,"path":"...","key":IDEMPOTENCY_KEY,"ids":[...],
// "stored":[...],"behaviour":"..."}; conn counts accepted TCP connections from 1, so tests see reuse.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <zlib.h>

#include "store/seal.hpp"

using nlohmann::json;

static std::string gunzip(const std::string& in) {
  auto out = shubbak::store::inflate_bytes(shubbak::store::Bytes(in.begin(), in.end()), 256 << 20);
  return out ? *out : std::string();
}

struct Request {
  std::string path;
  std::map<std::string, std::string> headers;
  std::string body;
};

// Reads one HTTP/1.1 request; false when the client closed.
static bool read_request(SSL* ssl, std::string& pending, Request& req) {
  char buf[65536];
  size_t end;
  while ((end = pending.find("\r\n\r\n")) == std::string::npos) {
    int n = SSL_read(ssl, buf, sizeof buf);
    if (n <= 0) return false;
    pending.append(buf, n);
  }
  std::istringstream head(pending.substr(0, end));
  std::string line;
  std::getline(head, line);
  {
    std::istringstream rl(line);
    std::string method;
    rl >> method >> req.path;
  }
  req.headers.clear();
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t c = line.find(':');
    if (c == std::string::npos) continue;
    std::string k = line.substr(0, c);
    for (auto& ch : k) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    req.headers[k] = line.substr(line.find_first_not_of(' ', c + 1));
  }
  size_t len = req.headers.count("content-length") ? std::stoul(req.headers["content-length"]) : 0;
  pending.erase(0, end + 4);
  while (pending.size() < len) {
    int n = SSL_read(ssl, buf, sizeof buf);
    if (n <= 0) return false;
    pending.append(buf, n);
  }
  req.body = pending.substr(0, len);
  pending.erase(0, len);
  if (req.headers["content-encoding"] == "gzip") req.body = gunzip(req.body);
  return true;
}

// False once the client has gone.
static bool send_all(SSL* ssl, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    int n = SSL_write(ssl, s.data() + off, static_cast<int>(s.size() - off));
    if (n <= 0) return false;
    off += n;
  }
  return true;
}

constexpr size_t kFloodBytes = 256u << 20;  // what a flooding answer sends at most: bounded even for a broken client

// 256 MiB of spaces, gzipped once (~256 KiB).
static const std::string& gzip_bomb() {
  static const std::string bomb = [] {
    z_stream zs{};
    deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    std::string in(1 << 20, ' '), out, buf(1 << 16, '\0');
    for (size_t done = 0; done < kFloodBytes; done += in.size()) {
      zs.next_in = reinterpret_cast<Bytef*>(in.data());
      zs.avail_in = static_cast<uInt>(in.size());
      int flush = done + in.size() >= kFloodBytes ? Z_FINISH : Z_NO_FLUSH;
      do {
        zs.next_out = reinterpret_cast<Bytef*>(buf.data());
        zs.avail_out = static_cast<uInt>(buf.size());
        deflate(&zs, flush);
        out.append(buf.data(), buf.size() - zs.avail_out);
      } while (zs.avail_out == 0);
    }
    deflateEnd(&zs);
    return out;
  }();
  return bomb;
}

// The answers that flood or never end, sent after the lock is released. False: the connection is over.
static bool stream(SSL* ssl, const std::string& verb) {
  const std::string chunk(64 << 10, ' ');
  auto hex = [](size_t n) {
    char b[32];
    std::snprintf(b, sizeof b, "%zx\r\n", n);
    return std::string(b);
  };
  if (verb == "gzipbomb") {
    const std::string& z = gzip_bomb();
    return send_all(ssl, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                         "Content-Length: " + std::to_string(z.size()) + "\r\n\r\n" + z);
  }
  if (verb == "endless" || verb == "drip") {
    if (!send_all(ssl, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"))
      return false;
    for (size_t sent = 0; sent < kFloodBytes; sent += chunk.size()) {
      if (verb == "drip") {
        std::this_thread::sleep_for(std::chrono::seconds(1));
        if (!send_all(ssl, hex(20) + std::string(20, ' ') + "\r\n")) return false;
      } else if (!send_all(ssl, hex(chunk.size()) + chunk + "\r\n")) {
        return false;
      }
    }
    send_all(ssl, "0\r\n\r\n");
    return false;
  }
  // huge: no length, the end of the body is the end of the connection.
  if (!send_all(ssl, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n")) return false;
  for (size_t sent = 0; sent < kFloodBytes; sent += chunk.size())
    if (!send_all(ssl, chunk)) break;
  return false;
}

static bool is_stream(const std::string& verb) {
  return verb == "gzipbomb" || verb == "endless" || verb == "huge" || verb == "drip";
}

static std::string response(int status, const std::string& type, const std::string& body,
                            const std::string& extra = "", long content_length = -1) {
  std::string reason = status == 200 ? "OK" : "Error";
  return "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(content_length >= 0 ? content_length : long(body.size())) + "\r\n" +
         extra + "\r\n" + body;
}

// The plan, the log and the stored ids, shared by the connection threads (one at a time).
struct State {
  std::vector<std::string> plan;
  size_t next = 0;
  std::string poison, catalog = "status 404";
  std::FILE* log = nullptr;
  std::set<std::string> seen;
  std::mutex mu;
};

// What one request gets: a whole answer in `out`, or a streaming verb; `keep` false closes after it.
struct Reply {
  std::string out, verb, behaviour;
  bool keep = true, reset = false, stall = false;
  json stored = json::array();
};

static Reply plan_reply(State& st, const std::string& behaviour, const std::vector<std::string>& ids) {
  Reply rep;
  rep.behaviour = behaviour;
  std::istringstream bs(behaviour);
  bs >> rep.verb;
  auto results = [&](size_t omit) {
    json r = json::array();
    for (size_t i = 0; i + omit < ids.size(); ++i) {
      bool fresh = st.seen.insert(ids[i]).second;
      if (fresh) rep.stored.push_back(ids[i]);
      r.push_back({{"id", ids[i]}, {"status", fresh ? "stored" : "duplicate"}});
    }
    return json{{"results", r}}.dump();
  };
  const std::string& verb = rep.verb;
  if (verb == "ok") {
    rep.out = response(200, "application/json", results(0));
  } else if (verb == "omit") {
    size_t n = 0;
    bs >> n;
    rep.out = response(200, "application/json", results(n));
  } else if (verb == "empty") {
    rep.out = response(200, "application/json", R"({"results":[]})");
  } else if (verb == "foreign") {
    json r = json::array();
    for (size_t i = 0; i < std::max<size_t>(ids.size(), 1); ++i)
      r.push_back({{"id", "00000000-0000-4000-8000-" + std::to_string(100000000000 + i)}, {"status", "stored"}});
    rep.out = response(200, "application/json", json{{"results", r}}.dump());
  } else if (verb == "status") {
    int code = 500;
    long retry = -1;
    bs >> code >> retry;
    std::string extra = retry >= 0 ? "Retry-After: " + std::to_string(retry) + "\r\n" : "";
    rep.out = response(code, "application/json", R"({"error":"planned failure"})", extra);
  } else if (verb == "html") {
    rep.out = response(200, "text/html", "<html><body>Please log in to the Wi-Fi</body></html>");
  } else if (verb == "truncate" || verb == "reset") {
    std::string body = results(0);
    std::string full = response(200, "application/json", body);
    rep.out = full.substr(0, full.size() - body.size() / 2);
    rep.keep = false;
    rep.reset = verb == "reset";
  } else if (verb == "stall") {
    rep.keep = false;
    rep.stall = true;
  } else if (is_stream(verb)) {
    rep.keep = false;
  }
  return rep;
}

static Reply decide(State& st, const Request& req, int conn) {
  std::lock_guard<std::mutex> lock(st.mu);
  std::vector<std::string> ids;
  Reply rep;
  if (req.path == "/v1/records") {
    json batch = json::parse(req.body, nullptr, false);
    if (batch.is_object() && batch.contains("records"))
      for (auto& r : batch["records"]) ids.push_back(r.value("id", ""));
    bool poisoned = !st.poison.empty() && std::find(ids.begin(), ids.end(), st.poison) != ids.end();
    if (poisoned) {
      rep.out = response(400, "application/json", R"({"error":"record cannot be accepted"})");
      rep.behaviour = "poison";
    } else {
      rep = plan_reply(st, st.next < st.plan.size() ? st.plan[st.next++] : "ok", ids);
    }
  } else if (req.path == "/v1/catalog") {
    rep = plan_reply(st, st.catalog, ids);
  } else {  // heartbeat: not what this server is for
    rep.out = response(404, "application/json", R"({"error":"not here"})");
    return rep;
  }
  long ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now().time_since_epoch()).count();
  json entry = {{"ms", ms},         {"conn", conn},          {"path", req.path}, {"key", req.headers.at("idempotency-key")},
                {"ids", ids},       {"stored", rep.stored},  {"behaviour", rep.behaviour}};
  std::fprintf(st.log, "%s\n", entry.dump().c_str());
  std::fflush(st.log);
  return rep;
}

static void serve(State& st, SSL_CTX* ctx, int c, int conn) {
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, c);
  bool keep = SSL_accept(ssl) == 1;
  std::string pending;
  while (keep) {
    Request req;
    if (!read_request(ssl, pending, req)) break;
    req.headers.emplace("idempotency-key", "");
    Reply rep = decide(st, req, conn);
    keep = rep.keep;
    if (rep.reset) {
      linger l{1, 0};
      setsockopt(c, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    }
    if (rep.stall) {
      std::this_thread::sleep_for(std::chrono::seconds(60));
      break;
    }
    if (is_stream(rep.verb)) stream(ssl, rep.verb);
    else if (!send_all(ssl, rep.out)) break;
  }
  SSL_free(ssl);
  close(c);
}

int main(int argc, char** argv) {
  State st;
  std::string cert, key, plan_file, log_file;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--cert") cert = argv[i + 1];
    else if (a == "--key") key = argv[i + 1];
    else if (a == "--plan") plan_file = argv[i + 1];
    else if (a == "--log") log_file = argv[i + 1];
    else if (a == "--poison") st.poison = argv[i + 1];
    else if (a == "--catalog") st.catalog = argv[i + 1];
  }
  {
    std::ifstream f(plan_file);
    for (std::string l; std::getline(f, l);)
      if (!l.empty() && l[0] != '#') st.plan.push_back(l);
  }
  // Made before listening: deflating 256 MiB takes seconds, longer than a client's low-speed limit.
  bool bomb = st.catalog == "gzipbomb";
  for (const auto& l : st.plan) bomb = bomb || l == "gzipbomb";
  if (bomb) gzip_bomb();
  signal(SIGPIPE, SIG_IGN);  // a peer that hangs up must not kill the process
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  if (SSL_CTX_use_certificate_chain_file(ctx, cert.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(ctx, key.c_str(), SSL_FILETYPE_PEM) != 1) {
    std::fprintf(stderr, "faulty-upstream: bad certificate or key\n");
    return 2;
  }
  int s = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(s, 16) != 0) return 2;
  socklen_t alen = sizeof addr;
  getsockname(s, reinterpret_cast<sockaddr*>(&addr), &alen);
  st.log = std::fopen(log_file.c_str(), "a");
  std::printf("listening on https://127.0.0.1:%d\n", ntohs(addr.sin_port));
  std::fflush(stdout);
  for (int conn = 1;;) {
    int c = accept(s, nullptr, nullptr);
    if (c >= 0) std::thread(serve, std::ref(st), ctx, c, conn++).detach();
  }
}
