// shubbak-upstream: the reference HTTPS receiver (what the ministry runs; its own receiver follows
// docs/sync-protocol.md).
//   shubbak-upstream keygen --out DIR
//   shubbak-upstream token add KIOSK_ID --data DIR
//   shubbak-upstream serve --data DIR --listen HOST:PORT --cert PEM --key PEM [--client-ca PEM] [--keys DIR]
//                          [--catalog FILE]
//   shubbak-upstream export --data DIR [--keys DIR] --json
#include <httplib.h>
#include <signal.h>
#include <sodium.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/exit_codes.hpp"
#include "common/clock.hpp"
#include "common/log.hpp"
#include "upstream/upstream_store.hpp"
#include "store/uuid.hpp"

namespace {

using namespace shubbak;
using nlohmann::json;

const char* kUsage =
    "usage: shubbak-upstream keygen --out DIR\n"
    "       shubbak-upstream token add KIOSK_ID --data DIR\n"
    "       shubbak-upstream serve --data DIR --listen HOST:PORT --cert PEM --key PEM [--client-ca PEM]\n"
    "                              [--keys DIR] [--catalog FILE]\n"
    "       shubbak-upstream export --data DIR [--keys DIR] --json\n";

[[noreturn]] void usage_error(const std::string& m) {
  std::fprintf(stderr, "shubbak-upstream: %s\n%s", m.c_str(), kUsage);
  std::exit(exit_code::kUsage);
}

struct Args {
  std::vector<std::string> words;
  std::map<std::string, std::string> flags;
  bool has(const std::string& f) const { return flags.count(f) > 0; }
  std::string get(const std::string& f, const std::string& fallback = "") const {
    auto it = flags.find(f);
    return it == flags.end() ? fallback : it->second;
  }
  std::string need(const std::string& f) const {
    if (!has(f)) usage_error(f + " is required");
    return get(f);
  }
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    if (s == "--json") a.flags[s] = "1";
    else if (s.rfind("--", 0) == 0) {
      if (i + 1 >= argc) usage_error(s + " needs a value");
      a.flags[s] = argv[++i];
    } else a.words.push_back(s);
  }
  return a;
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot read " + path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void reply_json(httplib::Response& res, int status, const json& j) {
  res.status = status;
  res.set_content(j.dump(), "application/json");
}

// POST /v1/records: each record id is stored once; a repeated Idempotency-Key gets the earlier answer.
void handle_records(upstream::UpstreamStore& st, const upstream::UpstreamKeys& keys, const httplib::Request& req,
                    httplib::Response& res) {
  std::string auth = req.get_header_value("Authorization");
  std::optional<std::string> kiosk;
  if (auth.rfind("Bearer ", 0) == 0) kiosk = st.kiosk_for_token(auth.substr(7));
  if (!kiosk) return reply_json(res, 401, {{"error", "unknown or missing token"}});
  std::string key = req.get_header_value("Idempotency-Key");
  if (key.empty()) return reply_json(res, 400, {{"error", "Idempotency-Key header missing"}});
  if (auto earlier = st.idempotent_answer(*kiosk, key)) {
    res.status = 200;
    res.set_content(*earlier, "application/json");
    return;
  }
  store::Opener opener(keys.seal);  // one key agreement per sender key in this batch
  json batch;
  try {
    batch = json::parse(req.body);
  } catch (const std::exception&) {
    return reply_json(res, 400, {{"error", "body is not JSON"}});
  }
  if (!batch.is_object() || !batch.contains("records") || !batch["records"].is_array() ||
      !batch.value("kiosk_id", json()).is_string() || !batch.value("centre_id", json()).is_string())
    return reply_json(res, 400, {{"error", "body must have kiosk_id, centre_id and records"}});
  if (batch["kiosk_id"] != *kiosk) return reply_json(res, 403, {{"error", "token belongs to another kiosk"}});
  const std::string centre = batch["centre_id"];
  const std::string now = to_rfc3339_utc(std::chrono::system_clock::now());
  json results = json::array();
  st.db().transaction([&] {
    auto ins = st.db().prepare(
        "INSERT OR IGNORE INTO records(id, kiosk_id, centre_id, kind, created_at, received_at, sealed) "
        "VALUES(?,?,?,?,?,?,?)");
    for (const auto& r : batch["records"]) {
      std::string id = r.is_object() && r.value("id", json()).is_string() ? r["id"].get<std::string>() : "";
      auto reject = [&](const std::string& why) {
        results.push_back({{"id", id}, {"status", "rejected"}, {"reason", why}});
      };
      if (!store::is_uuid_v4(id)) {
        reject("id is not a UUIDv4");
        continue;
      }
      if (!r.value("kind", json()).is_string() || !r.value("created_at", json()).is_string() ||
          !r.value("sealed", json()).is_string()) {
        reject("kind, created_at and sealed are required");
        continue;
      }
      auto sealed = store::from_base64(r["sealed"].get<std::string>());
      std::optional<std::string> plain = sealed ? opener.open(*sealed) : std::nullopt;
      if (!plain) {
        reject("cannot open the sealed payload with this server's key");
        continue;
      }
      if (!json::accept(*plain)) {
        reject("the sealed payload is not JSON");
        continue;
      }
      ins.bind(1, id).bind(2, *kiosk).bind(3, centre).bind(4, r["kind"].get<std::string>())
          .bind(5, r["created_at"].get<std::string>()).bind(6, now).bind_blob(7, *sealed);
      ins.run();
      bool fresh = st.db().changes() > 0;
      ins.reset();
      results.push_back({{"id", id}, {"status", fresh ? "stored" : "duplicate"}});
    }
  });
  std::string answer = json{{"results", results}}.dump();
  st.remember_answer(*kiosk, key, answer);
  res.status = 200;
  res.set_content(answer, "application/json");
}

int cmd_serve(const Args& a) {
  std::string data = a.need("--data"), listen = a.need("--listen");
  std::string keys_dir = a.get("--keys", data + "/keys");
  upstream::UpstreamStore st(data);
  upstream::UpstreamKeys keys = upstream::UpstreamKeys::load(keys_dir);
  std::string catalog = a.has("--catalog") ? read_file(a.get("--catalog")) : "";
  std::string catalog_etag, catalog_sig;
  if (!catalog.empty()) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(catalog.data()), catalog.size());
    char hex[sizeof h * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    catalog_etag = std::string("\"") + hex + "\"";
    store::Bytes sig(crypto_sign_BYTES);
    crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(catalog.data()), catalog.size(),
                         keys.sign_secret.data());
    catalog_sig = store::to_base64(sig);
  }
  std::string client_ca = a.get("--client-ca");
  httplib::SSLServer svr(a.need("--cert").c_str(), a.need("--key").c_str(),
                         client_ca.empty() ? nullptr : client_ca.c_str());
  if (!svr.is_valid()) throw std::runtime_error("cannot start TLS: check --cert, --key and --client-ca");
  std::mutex mu;  // one writer at a time on the store
  svr.set_payload_max_length(32 << 20);
  svr.Post("/v1/records", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    try {
      handle_records(st, keys, req, res);
    } catch (const std::exception& e) {
      log::error(std::string("records: ") + e.what());
      reply_json(res, 500, {{"error", "server error"}});
    }
  });
  svr.Post("/v1/heartbeat", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    std::string auth = req.get_header_value("Authorization");
    auto kiosk = auth.rfind("Bearer ", 0) == 0 ? st.kiosk_for_token(auth.substr(7)) : std::nullopt;
    if (!kiosk) return reply_json(res, 401, {{"error", "unknown or missing token"}});
    if (!json::accept(req.body)) return reply_json(res, 400, {{"error", "body is not JSON"}});
    st.db().prepare("INSERT INTO heartbeats(kiosk_id, at, body) VALUES(?,?,?)")
        .bind(1, *kiosk).bind(2, to_rfc3339_utc(std::chrono::system_clock::now())).bind(3, req.body).run();
    reply_json(res, 200, {{"ok", true}});
  });
  svr.Get("/v1/catalog", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    std::string auth = req.get_header_value("Authorization");
    auto kiosk = auth.rfind("Bearer ", 0) == 0 ? st.kiosk_for_token(auth.substr(7)) : std::nullopt;
    if (!kiosk) return reply_json(res, 401, {{"error", "unknown or missing token"}});
    if (catalog.empty()) return reply_json(res, 404, {{"error", "no catalogue published"}});
    res.set_header("ETag", catalog_etag);
    if (req.get_header_value("If-None-Match") == catalog_etag) {
      res.status = 304;
      return;
    }
    res.set_header("X-Shubbak-Signature", catalog_sig);
    res.set_content(catalog, "text/plain; charset=utf-8");
  });
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) usage_error("--listen must be HOST:PORT");
  std::string host = listen.substr(0, colon);
  int port = std::atoi(listen.substr(colon + 1).c_str());
  if (port == 0) port = svr.bind_to_any_port(host.c_str());
  else if (!svr.bind_to_port(host.c_str(), port)) port = -1;
  if (port <= 0) throw std::runtime_error("cannot listen on " + listen);
  // Tests and scripts read this line to learn the port.
  std::printf("listening on https://%s:%d\n", host.c_str(), port);
  std::fflush(stdout);
  svr.listen_after_bind();
  return 0;
}

int cmd_export(const Args& a) {
  std::string data = a.need("--data");
  upstream::UpstreamStore st(data);
  upstream::UpstreamKeys keys = upstream::UpstreamKeys::load(a.get("--keys", data + "/keys"));
  auto q = st.db().prepare(
      "SELECT id, kiosk_id, centre_id, kind, created_at, received_at, sealed FROM records ORDER BY received_at, id");
  store::Opener opener(keys.seal);
  while (q.step()) {
    auto plain = opener.open(q.blob(6));
    json line = {{"id", q.text(0)},         {"kiosk_id", q.text(1)},    {"centre_id", q.text(2)},
                 {"kind", q.text(3)},       {"created_at", q.text(4)}, {"received_at", q.text(5)},
                 {"record", plain ? json::parse(*plain) : json()}};
    std::printf("%s\n", line.dump().c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  log::set_program("shubbak-upstream");
  signal(SIGPIPE, SIG_IGN);  // a peer that hangs up must not kill the process
  Args a = parse(argc, argv);
  if (a.words.empty()) usage_error("no command given");
  try {
    const std::string& cmd = a.words[0];
    if (cmd == "keygen") {
      std::string out = a.need("--out");
      upstream::UpstreamKeys::generate(out);
      std::printf("keys written to %s (seal.pub and sign.pub go in the kiosks' centre.conf)\n", out.c_str());
      return 0;
    }
    if (cmd == "token" && a.words.size() == 3 && a.words[1] == "add") {
      upstream::UpstreamStore st(a.need("--data"));
      std::printf("%s\n", st.add_token(a.words[2]).c_str());
      return 0;
    }
    if (cmd == "serve") return cmd_serve(a);
    if (cmd == "export") return cmd_export(a);
    usage_error("unknown command");
  } catch (const store::StoreError& e) {
    log::error(std::string("data store error (") + store::fault_name(e.fault) + "): " + e.what());
    return exit_code::kStore;
  } catch (const std::exception& e) {
    log::error(e.what());
    return exit_code::kUnexpected;
  }
}
