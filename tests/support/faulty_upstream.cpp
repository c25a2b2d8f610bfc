// A scriptable faulty upstream for the sync tests: real TLS on loopback, one behaviour per request from a plan,
// and a log of what arrived. It acts as an upstream too (it remembers record ids and answers stored/duplicate),
// so tests can check that nothing was duplicated or lost.
//
//   faulty-upstream --cert PEM --key PEM --plan FILE --log FILE [--poison ID]
//
// Plan: one behaviour a line, used by successive requests; after the last line every request gets `ok`.
//   ok                      200 with results for every record (stored, or duplicate if seen before)
//   status CODE [SECONDS]   answer CODE, with Retry-After: SECONDS if given
//   html                    200 text/html (a captive portal's login page)
//   truncate                store the batch, send 200 and half of the body, close
//   reset                   store the batch, send part of the body, reset the connection
//   stall                   read the request and never answer
//   omit N                  200 naming all but the last N records (they are not stored)
// Requests to other paths (heartbeat, catalogue) get 404 and are neither planned nor logged.
// --poison ID: any batch holding ID gets 400 (the record the upstream cannot accept).
// Log: one JSON line per request: {"ms":EPOCH_MS,"key":IDEMPOTENCY_KEY,"ids":[...],"behaviour":"..."}
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

static void send_all(SSL* ssl, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    int n = SSL_write(ssl, s.data() + off, static_cast<int>(s.size() - off));
    if (n <= 0) return;
    off += n;
  }
}

static std::string response(int status, const std::string& type, const std::string& body,
                            const std::string& extra = "", long content_length = -1) {
  std::string reason = status == 200 ? "OK" : "Error";
  return "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(content_length >= 0 ? content_length : long(body.size())) + "\r\n" +
         extra + "\r\n" + body;
}

int main(int argc, char** argv) {
  std::string cert, key, plan_file, log_file, poison;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--cert") cert = argv[i + 1];
    else if (a == "--key") key = argv[i + 1];
    else if (a == "--plan") plan_file = argv[i + 1];
    else if (a == "--log") log_file = argv[i + 1];
    else if (a == "--poison") poison = argv[i + 1];
  }
  std::vector<std::string> plan;
  {
    std::ifstream f(plan_file);
    for (std::string l; std::getline(f, l);)
      if (!l.empty() && l[0] != '#') plan.push_back(l);
  }
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
  std::printf("listening on https://127.0.0.1:%d\n", ntohs(addr.sin_port));
  std::fflush(stdout);
  std::FILE* log = std::fopen(log_file.c_str(), "a");
  std::set<std::string> seen;
  size_t next = 0;
  std::mutex mu;  // one connection thread at a time touches the plan, the log and the stored ids
  auto serve = [&](int c) {
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, c);
    bool keep = SSL_accept(ssl) == 1;
    std::string pending;
    while (keep) {
      Request req;
      if (!read_request(ssl, pending, req)) break;
      if (req.path != "/v1/records") {  // heartbeat, catalogue: not what this server is for
        send_all(ssl, response(404, "application/json", R"({"error":"not here"})"));
        continue;
      }
      std::unique_lock<std::mutex> lock(mu);
      std::string behaviour = next < plan.size() ? plan[next++] : "ok";
      std::istringstream bs(behaviour);
      std::string verb;
      bs >> verb;
      json batch = json::parse(req.body, nullptr, false);
      std::vector<std::string> ids;
      if (batch.is_object() && batch.contains("records"))
        for (auto& r : batch["records"]) ids.push_back(r.value("id", ""));
      bool poisoned = !poison.empty() && std::find(ids.begin(), ids.end(), poison) != ids.end();
      long ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch()).count();
      json stored = json::array();
      auto results = [&](size_t omit) {
        json r = json::array();
        for (size_t i = 0; i + omit < ids.size(); ++i) {
          bool fresh = seen.insert(ids[i]).second;
          if (fresh) stored.push_back(ids[i]);
          r.push_back({{"id", ids[i]}, {"status", fresh ? "stored" : "duplicate"}});
        }
        return json{{"results", r}}.dump();
      };
      std::string out;
      if (poisoned) {
        out = response(400, "application/json", R"({"error":"record cannot be accepted"})");
      } else if (verb == "ok") {
        out = response(200, "application/json", results(0));
      } else if (verb == "omit") {
        size_t n = 0;
        bs >> n;
        out = response(200, "application/json", results(n));
      } else if (verb == "status") {
        int code = 500;
        long retry = -1;
        bs >> code >> retry;
        std::string extra = retry >= 0 ? "Retry-After: " + std::to_string(retry) + "\r\n" : "";
        out = response(code, "application/json", R"({"error":"planned failure"})", extra);
      } else if (verb == "html") {
        out = response(200, "text/html", "<html><body>Please log in to the Wi-Fi</body></html>");
      } else if (verb == "truncate" || verb == "reset") {
        std::string body = results(0);
        std::string full = response(200, "application/json", body);
        out = full.substr(0, full.size() - body.size() / 2);
        keep = false;
        if (verb == "reset") {
          linger l{1, 0};
          setsockopt(c, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        }
      } else if (verb == "stall") {
        keep = false;
      }
      json entry = {{"ms", ms}, {"key", req.headers["idempotency-key"]}, {"ids", ids}, {"stored", stored},
                    {"behaviour", poisoned ? "poison" : behaviour}};
      std::fprintf(log, "%s\n", entry.dump().c_str());
      std::fflush(log);
      lock.unlock();
      if (verb == "stall" && !poisoned) {
        std::this_thread::sleep_for(std::chrono::seconds(60));
        break;
      }
      send_all(ssl, out);
    }
    SSL_free(ssl);
    close(c);
  };
  while (true) {
    int c = accept(s, nullptr, nullptr);
    if (c >= 0) std::thread(serve, c).detach();
  }
}
