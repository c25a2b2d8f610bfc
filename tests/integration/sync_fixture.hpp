// The sync tests' fixture: a data folder and config pointing at the reference upstream or at the scriptable faulty
// one (tests/support/faulty_upstream.cpp), and readers for what each side saw.
#pragma once
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "tests/integration/upstream_fixture.hpp"

namespace shubbak::testing {

using nlohmann::json;

class Sync : public UpstreamTest {
 protected:
  // The faulty upstream with a plan; the kiosk config points at it.
  Server faulty(const std::vector<std::string>& plan, const std::string& poison = "",
                const fs::path& cert = {}, const fs::path& key = {}, const std::vector<std::string>& extra = {}) {
    std::string p;
    for (const auto& l : plan) p += l + "\n";
    write_file(t.path / "plan", p);
    std::vector<std::string> argv = {bin("faulty-upstream"), "--cert",
                                     (cert.empty() ? certs().server_cert : cert).string(), "--key",
                                     (key.empty() ? certs().server_key : key).string(), "--plan",
                                     (t.path / "plan").string(), "--log", (t.path / "requests.jsonl").string()};
    if (!poison.empty()) argv.insert(argv.end(), {"--poison", poison});
    argv.insert(argv.end(), extra.begin(), extra.end());
    Server s = start_server(argv);
    make_sync_config(t.path / "cfg", "", s.url(), certs().ca, "test-token");
    fix_seal_key();
    return s;
  }
  // faulty() writes a config without a usable key: give it one (the faulty server never opens payloads).
  void fix_seal_key() {
    std::string c = read_file(t.path / "cfg/centre.conf");
    TempDir tmp;
    make_config(tmp.path);
    std::string good = read_file(tmp.path / "centre.conf");
    auto key_line = [](const std::string& s) {
      size_t a = s.find("seal_public_key = ");
      return s.substr(a, s.find('\n', a) - a);
    };
    c.replace(c.find("seal_public_key = "), key_line(c).size(), key_line(good));
    write_file(t.path / "cfg/centre.conf", c);
  }
  // The reference upstream, its keys and a token for kiosk-01.
  void seed(int registrations) {
    Result r = run({bin("shubbak-admin"), "--data", data(), "--config", cfg(), "seed", "--registrations",
                    std::to_string(registrations)});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  Result sync_once(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> argv = {bin("shubbak-sync"), "--data", data(), "--config", cfg(), "--once",
                                     "--backoff-cap", "1", "--max-failures", "3"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run(argv);
  }
  int64_t outbox(const std::string& state) {
    auto db = shubbak::store::Database::open(data() + "/shubbak.db");
    return db.scalar("SELECT count(*) FROM outbox WHERE state='" + state + "'");
  }
  std::string status(const std::string& column) {
    auto db = shubbak::store::Database::open(data() + "/shubbak.db");
    return db.scalar_text("SELECT coalesce(" + column + ",'') FROM sync_status");
  }
  // What reached the faulty upstream at `path` (batches by default), in order.
  std::vector<json> requests(const std::string& path = "/v1/records") {
    std::vector<json> out;
    std::istringstream in(read_file(t.path / "requests.jsonl"));
    for (std::string l; std::getline(in, l);)
      if (json j = json::parse(l); j.value("path", "") == path) out.push_back(j);
    return out;
  }
  // Every id the faulty upstream stored, checking none was stored twice.
  std::set<std::string> stored_once() {
    std::set<std::string> ids;
    for (const auto& r : requests())
      for (const auto& id : r["stored"]) EXPECT_TRUE(ids.insert(id.get<std::string>()).second) << "stored twice: " << id;
    return ids;
  }
  std::set<std::string> outbox_ids() {
    auto db = shubbak::store::Database::open(data() + "/shubbak.db");
    std::set<std::string> ids;
    auto st = db.prepare("SELECT id FROM outbox");
    while (st.step()) ids.insert(st.text(0));
    return ids;
  }
};


}  // namespace shubbak::testing
