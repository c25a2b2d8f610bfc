// Sync over real TLS on loopback: the reference upstream, and a scriptable faulty one. Each case asserts what a
// person would care about: nothing marked sent without an ack, nothing duplicated upstream, the right words.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "store/database.hpp"
#include "tests/integration/sync_fixture.hpp"

using namespace shubbak::testing;
using nlohmann::json;

TEST_F(Sync, EverythingReachesTheReferenceUpstreamExactlyOnce) {
  Hub up = upstream();
  seed(300);
  Result r = sync_once();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(outbox("sent"), 600);
  EXPECT_EQ(outbox("pending") + outbox("in_flight"), 0);
  EXPECT_NE(status("last_success_at"), "");
  std::set<std::string> ids;
  std::istringstream in(exported(up));
  for (std::string l; std::getline(in, l);) EXPECT_TRUE(ids.insert(json::parse(l)["id"]).second);
  EXPECT_EQ(ids, outbox_ids());
  EXPECT_EQ(up.count("SELECT count(*) FROM kiosk_health WHERE kiosk_id='kiosk-01'"), 1) << "the kiosk said it is alive";
  EXPECT_EQ(up.count("SELECT pending FROM kiosk_health WHERE kiosk_id='kiosk-01'"), 0);
  // Again: nothing pending, nothing sent twice.
  ASSERT_EQ(sync_once().exit_code, 0);
  std::string again = exported(up);
  EXPECT_EQ(std::count(again.begin(), again.end(), '\n'), 600);
}

TEST_F(Sync, ConnectionRefusedKeepsEverythingAndSaysSo) {
  int port;
  {
    Server s = start_server({bin("faulty-upstream"), "--cert", certs().server_cert.string(), "--key",
                             certs().server_key.string(), "--plan", "/dev/null", "--log", "/dev/null"});
    port = s.port;
  }  // killed: nothing listens on that port now
  make_sync_config(t.path / "cfg", "", "https://127.0.0.1:" + std::to_string(port), certs().ca, "x");
  fix_seal_key();
  seed(5);
  Result r = sync_once();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("10 records still waiting"), std::string::npos) << r.err;
  EXPECT_EQ(outbox("sent"), 0);
  EXPECT_EQ(status("last_error_kind"), "offline");
  EXPECT_NE(status("last_error").find("No connection to the ministry server"), std::string::npos);
}

TEST_F(Sync, StalledServerTimesOutThenTheSameBatchGoesAgain) {
  Server s = faulty({"stall"});
  seed(5);
  Result r = sync_once();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto reqs = requests();
  ASSERT_GE(reqs.size(), 2u);
  EXPECT_EQ(reqs[0]["key"], reqs[1]["key"]) << "a retry keeps its Idempotency-Key";
  EXPECT_EQ(reqs[0]["ids"], reqs[1]["ids"]);
  EXPECT_EQ(stored_once(), outbox_ids());
  EXPECT_EQ(outbox("sent"), 10);
}

TEST_F(Sync, BodyTruncatedAfter200IsNotTakenAsAnAck) {
  Server s = faulty({"truncate"});
  seed(20);
  ASSERT_EQ(sync_once().exit_code, 0);
  auto reqs = requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0]["key"], reqs[1]["key"]);
  EXPECT_EQ(reqs[0]["ids"], reqs[1]["ids"]);
  EXPECT_EQ(reqs[1]["stored"].size(), 0u) << "the server had stored them: the retry finds duplicates";
  EXPECT_EQ(stored_once(), outbox_ids());
  EXPECT_EQ(outbox("sent"), 40);
}

TEST_F(Sync, ResetMidResponseIsRetriedWithTheSameKey) {
  Server s = faulty({"reset"});
  seed(20);
  ASSERT_EQ(sync_once().exit_code, 0);
  auto reqs = requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0]["key"], reqs[1]["key"]);
  EXPECT_EQ(stored_once(), outbox_ids());
}

TEST_F(Sync, RetryAfterIsHonouredOn429And503) {
  for (const char* code : {"429", "503"}) {
    TempDir fresh;
    t.path.swap(fresh.path);
    {
      Server s = faulty({std::string("status ") + code + " 2"});
      seed(3);
      Result r = sync_once();
      ASSERT_EQ(r.exit_code, 0) << r.err;
      auto reqs = requests();
      ASSERT_EQ(reqs.size(), 2u);
      long gap = reqs[1]["ms"].get<long>() - reqs[0]["ms"].get<long>();
      EXPECT_GE(gap, 2000) << code << ": no request before Retry-After";
      EXPECT_EQ(stored_once(), outbox_ids());
    }
    t.path.swap(fresh.path);
  }
}

TEST_F(Sync, A500StreakBacksOffAndDeliversOnce) {
  Server s = faulty({"status 500", "status 502", "status 500"});
  seed(10);
  Result r = sync_once({"--max-failures", "5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto reqs = requests();
  ASSERT_EQ(reqs.size(), 4u);
  for (const auto& q : reqs) EXPECT_EQ(q["key"], reqs[0]["key"]);
  EXPECT_EQ(stored_once(), outbox_ids());
}

TEST_F(Sync, CaptivePortalPageDeliversNothing) {
  Server s = faulty({"html", "html", "html", "html", "html"});
  seed(5);
  Result r = sync_once();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(outbox("sent"), 0);
  EXPECT_EQ(status("last_error_kind"), "portal");
  EXPECT_NE(status("last_error").find("web page instead of the ministry server"), std::string::npos);
}

TEST_F(Sync, RefusedCredentialsStopSendingAndSaySo) {
  Server s = faulty({"status 401"});
  seed(5);
  Result r = sync_once();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("refused our key"), std::string::npos) << r.err;
  EXPECT_EQ(requests().size(), 1u) << "no more sending after a 401";
  EXPECT_EQ(outbox("sent"), 0);
  EXPECT_EQ(outbox("pending"), 10);
  EXPECT_EQ(status("last_error_kind"), "credentials");
  Result st = run({bin("shubbak-admin"), "--data", data(), "--config", cfg(), "status"});
  EXPECT_NE(st.out.find("The ministry server refused our key"), std::string::npos) << st.out;
}

TEST_F(Sync, TooLargeHalvesTheBatch) {
  Server s = faulty({"status 413"});
  seed(50);
  ASSERT_EQ(sync_once().exit_code, 0);
  auto reqs = requests();
  ASSERT_GE(reqs.size(), 3u);
  EXPECT_EQ(reqs[1]["ids"].size(), reqs[0]["ids"].size() / 2);
  EXPECT_EQ(stored_once(), outbox_ids());
}

TEST_F(Sync, APoisonRecordIsSetAsideAndTheOtherNinetyNineGoThrough) {
  make_config(t.path / "cfg");
  seed(50);  // 100 records
  std::string poison;
  {
    auto db = shubbak::store::Database::open(data() + "/shubbak.db");
    poison = db.scalar_text("SELECT id FROM outbox ORDER BY seq LIMIT 1 OFFSET 36");
  }
  fs::remove_all(t.path / "cfg");
  Server s = faulty({}, poison);
  Result r = sync_once();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(outbox("sent"), 99);
  EXPECT_EQ(outbox("quarantined"), 1);
  auto db = shubbak::store::Database::open(data() + "/shubbak.db");
  EXPECT_EQ(db.scalar_text("SELECT id FROM outbox WHERE state='quarantined'"), poison);
  EXPECT_NE(db.scalar_text("SELECT last_error FROM outbox WHERE state='quarantined'").find("record cannot be accepted"),
            std::string::npos);
  Result st = run({bin("shubbak-admin"), "--data", data(), "--config", cfg(), "status", "--json"});
  auto j = json::parse(st.out);
  ASSERT_EQ(j["sync"]["quarantined"].size(), 1u);
  EXPECT_EQ(j["sync"]["quarantined"][0]["id"], poison);
  EXPECT_NE(j["sync"]["quarantined"][0]["reason"].get<std::string>().find("record cannot be accepted"), std::string::npos);
  std::set<std::string> expected = outbox_ids();
  expected.erase(poison);
  EXPECT_EQ(stored_once(), expected);
}

TEST_F(Sync, RecordsMissingFromAnAnswerStayPending) {
  Server s = faulty({"omit 3"});
  seed(5);
  ASSERT_EQ(sync_once().exit_code, 0);
  auto reqs = requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[1]["ids"].size(), 3u) << "only the unacknowledged records are sent again";
  EXPECT_EQ(stored_once(), outbox_ids());
}

// TLS: the identity of the server is always checked; a failure sends nothing and says so.
TEST_F(Sync, WrongHostExpiredAndSelfSignedCertificatesAreRefused) {
  struct Case {
    fs::path cert, key;
  } cases[] = {{certs().wrong_host_cert, certs().wrong_host_key},
               {certs().expired_cert, certs().expired_key},
               {certs().self_signed_cert, certs().self_signed_key}};
  for (const auto& c : cases) {
    TempDir fresh;
    t.path.swap(fresh.path);
    {
      Server s = faulty({}, "", c.cert, c.key);
      seed(2);
      Result r = sync_once();
      EXPECT_EQ(r.exit_code, 1) << c.cert;
      EXPECT_NE(r.err.find("identity could not be verified"), std::string::npos) << r.err;
      EXPECT_EQ(outbox("sent"), 0);
      EXPECT_EQ(outbox("pending"), 4);
      EXPECT_EQ(status("last_error_kind"), "tls");
      EXPECT_TRUE(read_file(t.path / "requests.jsonl").empty()) << "not one request reached a server we cannot trust";
    }
    t.path.swap(fresh.path);
  }
}

TEST_F(Sync, PinnedKeyMismatchIsRefusedAndTheRightPinWorks) {
  Server s = faulty({});
  seed(2);
  Result r = sync_once({"--pin", "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("key pin"), std::string::npos) << r.err;
  EXPECT_EQ(outbox("sent"), 0);
  // A backup pin first, then the real one: accepted.
  r = sync_once({"--pin", "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=;" + certs().server_pin});
  EXPECT_EQ(r.exit_code, 0) << r.err << " pin " << certs().server_pin;
  EXPECT_EQ(outbox("sent"), 4);
}

TEST_F(Sync, MutualTlsNeedsTheClientCertificate) {
  Hub up = upstream({"--client-ca", certs().ca.string()});
  seed(2);
  Result r = sync_once();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(outbox("sent"), 0);
  EXPECT_NE(status("last_error"), "");
  r = sync_once({"--client-cert", certs().client_cert.string(), "--client-key", certs().client_key.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(outbox("sent"), 4);
}

TEST_F(Sync, PlainHttpIsRefused) {
  make_config(t.path / "cfg");
  seed(1);
  Result r = sync_once({"--upstream", "http://127.0.0.1:1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("https://"), std::string::npos);
}

// SIGKILL at random moments while draining 5,000 records, twenty times; then one clean run.
TEST_F(Sync, KilledTwentyTimesWhileDrainingFiveThousandRecords) {
  Hub up = upstream();
  seed(2500);
  std::mt19937 rng(12345);
  std::uniform_int_distribution<int> delay_ms(20, 700);
  int killed_mid_way = 0;
  for (int i = 0; i < 20; ++i) {
    pid_t pid = fork();
    if (pid == 0) {
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 2);
      execl(bin("shubbak-sync").c_str(), "shubbak-sync", "--data", data().c_str(), "--config", cfg().c_str(), "--once",
            nullptr);
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));  // a random moment, not a wait
    kill(pid, SIGKILL);
    int st = 0;
    waitpid(pid, &st, 0);
    if (WIFSIGNALED(st)) ++killed_mid_way;
  }
  std::printf("killed %d of 20 runs mid-way; %lld of 5000 sent before the clean run\n", killed_mid_way,
              static_cast<long long>(outbox("sent")));
  EXPECT_GE(killed_mid_way, 1) << "no run was killed mid-way: the test proved nothing";
  Result r = sync_once();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(outbox("sent"), 5000);
  EXPECT_EQ(outbox("pending") + outbox("in_flight"), 0);
  std::map<std::string, int> seen;
  std::istringstream in(exported(up));
  for (std::string l; std::getline(in, l);) ++seen[json::parse(l)["id"]];
  EXPECT_EQ(seen.size(), 5000u);
  for (const auto& [id, n] : seen) EXPECT_EQ(n, 1) << id;
  std::set<std::string> upstream_ids;
  for (const auto& [id, n] : seen) upstream_ids.insert(id);
  EXPECT_EQ(upstream_ids, outbox_ids());
}

// A canary registered at the kiosk: not readable in the outbox, nor in the national export; readable with the
// registry key (export --identities).
TEST_F(Sync, TheOutboxHoldsNoPlaintextYetTheRegistryCanReadIt) {
  Hub up = upstream();
  write_file(t.path / "s.txt",
             "tap lang.fr\ntap service.jisr\ntap action.register\ntype Canaryname Zzqx\ntap form.next\n"
             "type 0699887766\ntap form.next\ntype ZZ987654\ntap form.next\ntype 1991\ntap form.next\n"
             "type Anfa\ntap form.next\ntap contact.sms\ntap form.next\ntap consent.yes\ntap consent.yes\ntap consent.yes\nexpect screen ticket\n");
  Result k = run({bin("shubbak-kiosk"), "--headless", "--data", data(), "--config", cfg(), "--script",
                  (t.path / "s.txt").string(), "--shots", (t.path / "shots").string()});
  ASSERT_EQ(k.exit_code, 0) << k.err;
  {
    auto db = shubbak::store::Database::open(data() + "/shubbak.db");
    auto st = db.prepare("SELECT payload FROM outbox");
    int rows = 0;
    while (st.step()) {
      ++rows;
      auto p = st.blob(0);
      std::string raw(p.begin(), p.end());
      for (const char* canary : {"Canaryname", "Zzqx", "0699887766", "ZZ987654"})
        EXPECT_EQ(raw.find(canary), std::string::npos) << canary;
    }
    EXPECT_EQ(rows, 4) << "her registration, her ticket, her answers for SMS and for sharing";
  }
  ASSERT_EQ(sync_once().exit_code, 0);
  std::string plain = exported(up);
  EXPECT_NE(plain.find("\"kind\":\"registration\""), std::string::npos) << plain;
  EXPECT_EQ(plain.find("Canaryname"), std::string::npos);
  EXPECT_EQ(plain.find("0699887766"), std::string::npos);
  Result ex = run({bin("shubbak-upstream"), "export", "--db", up.db, "--identities", "--registry-key",
                   up.registry_key_file, "--reason", "test"});
  ASSERT_EQ(ex.exit_code, 0) << ex.err;
  EXPECT_NE(ex.out.find("Canaryname Zzqx"), std::string::npos);
  EXPECT_NE(ex.out.find("0699887766"), std::string::npos);
}

// The daemon: new records leave within about a second, without waiting for the interval; SIGTERM ends it cleanly.
TEST_F(Sync, DaemonSendsNewRecordsPromptlyAndStopsOnSigterm) {
  Hub up = upstream();
  seed(1);
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 2);
    execl(bin("shubbak-sync").c_str(), "shubbak-sync", "--data", data().c_str(), "--config", cfg().c_str(), nullptr);
    _exit(127);
  }
  auto wait_sent = [&](int64_t n) {
    auto t0 = std::chrono::steady_clock::now();
    while (outbox("sent") < n && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(20))
      std::this_thread::sleep_for(std::chrono::milliseconds(50));  // polling an observable, with a deadline
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  wait_sent(2);
  ASSERT_EQ(outbox("sent"), 2);
  seed(3);  // the interval is 60 s: these must go because they appeared, not because time passed
  double took = wait_sent(8);
  std::printf("new records sent %.2f s after they were written\n", took);
  EXPECT_EQ(outbox("sent"), 8);
  EXPECT_LT(took, 3.0);
  kill(pid, SIGTERM);
  int st = 0;
  waitpid(pid, &st, 0);
  EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

// A catalogue published upstream replaces the local one only when its Ed25519 signature verifies.
TEST_F(Sync, SignedCatalogueReplacesTheLocalOneAndAForgedOneDoesNot) {
  std::string published = read_file(fs::path(SHUBBAK_SOURCE_DIR) / "config/demo/catalog.conf");
  published.replace(published.find("title.fr = Accompagnement Jisr"), 30, "title.fr = Programme Jisr");
  write_file(t.path / "published.conf", published);
  Hub up = upstream({"--catalog", (t.path / "published.conf").string()});
  std::string sign_pub = up.signing_public_key;
  std::string centre = read_file(t.path / "cfg/centre.conf");
  write_file(t.path / "cfg/centre.conf", centre + "signing_public_key = " + sign_pub + "\n");
  Result r = sync_once();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(t.path / "cfg/catalog.conf"), published);
  // Not signed by the upstream's key: refused, the local file stays.
  TempDir other;
  ASSERT_EQ(run({bin("shubbak-upstream"), "keygen", "--out", (other.path / "k").string(), "--registry-out",
                 (other.path / "r").string()}).exit_code, 0);
  std::string wrong = read_file(other.path / "k/sign.pub");
  wrong.pop_back();
  write_file(t.path / "cfg/centre.conf", centre + "signing_public_key = " + wrong + "\n");
  write_file(t.path / "cfg/catalog.conf", "# local\n" + published);
  {
    auto db = shubbak::store::Database::open(data() + "/shubbak.db");
    db.exec("DELETE FROM meta WHERE key='catalogue_etag'");
  }
  r = sync_once();
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("signature does not verify"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(t.path / "cfg/catalog.conf"), "# local\n" + published);
}
