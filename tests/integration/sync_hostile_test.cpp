// shubbak-sync against an upstream that answers what is not our protocol: answers too big to hold (a gzip bomb, an
// endless or huge body), an answer that trickles for ever, a 200 that confirms nothing, a failing catalogue, a
// signed catalogue the kiosk could not use. Real processes over real TLS; what a person would notice is asserted:
// the daemon's memory, what is marked sent, what the status says, what the operator's log says.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>

#include "tests/integration/sync_fixture.hpp"

using namespace shubbak::testing;

namespace {

// Peak RSS in MB of the program /usr/bin/time -v ran, from its report on stderr.
double max_rss_mb(const std::string& err) {
  std::smatch m;
  static const std::regex re("Maximum resident set size \\(kbytes\\): ([0-9]+)");
  return std::regex_search(err, m, re) ? std::stod(m[1]) / 1024 : -1;
}

// The "backoff up to N s" of each "not delivered" line of the sync's log, in order.
std::vector<int> backoff_ceilings(const std::string& err) {
  std::vector<int> out;
  static const std::regex re("not delivered.*backoff up to ([0-9]+) s");
  for (std::sregex_iterator it(err.begin(), err.end(), re), end; it != end; ++it) out.push_back(std::stoi((*it)[1]));
  return out;
}

const char* kAnySigningKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

}  // namespace

class HostileAnswer : public Sync, public ::testing::WithParamInterface<const char*> {
 protected:
  Result sync_once_measured() {
    std::vector<std::string> argv = {"/usr/bin/time", "-v", bin("shubbak-sync"), "--data", data(), "--config", cfg(),
                                     "--once", "--backoff-cap", "1", "--max-failures", "3"};
    return run(argv);
  }
};

// The bound on the daemon's peak memory: 64 MB, or 256 MB under AddressSanitizer (its shadow memory and quarantine
// roughly double a process's RSS). Unbounded, these answers took over 1 GB either way.
#if defined(__SANITIZE_ADDRESS__)
constexpr double kMaxRssMb = 256;
#else
constexpr double kMaxRssMb = 64;
#endif

// Each answer would be 256 MiB in memory; the daemon cuts it off at the protocol's bound and stays small.
TEST_P(HostileAnswer, IsCutOffMemoryStaysSmallNothingIsMarkedSentAndTheRecordsGoLater) {
  const std::string verb = GetParam();
  Server s = faulty({verb, verb, verb});
  seed(5);
  Result r = sync_once_measured();
  EXPECT_EQ(r.exit_code, 1) << r.err;
  double rss = max_rss_mb(r.err);
  std::printf("%s: peak RSS of shubbak-sync %.1f MB over 3 answers\n", verb.c_str(), rss);
  EXPECT_GT(rss, 0) << r.err;
  EXPECT_LT(rss, kMaxRssMb) << verb;
  EXPECT_EQ(requests().size(), 3u);
  EXPECT_EQ(outbox("sent"), 0);
  EXPECT_EQ(outbox("pending") + outbox("in_flight"), 10);
  EXPECT_EQ(status("last_error_kind"), "not_protocol");
  EXPECT_NE(status("last_error").find("far larger than our protocol allows"), std::string::npos) << status("last_error");
  EXPECT_EQ(status("last_success_at"), "");
  Result st = run({bin("shubbak-admin"), "--data", data(), "--config", cfg(), "status"});
  EXPECT_NE(st.out.find("far larger than our protocol allows"), std::string::npos) << st.out;
  // The upstream behaves again: everything goes, once.
  r = sync_once();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(outbox("sent"), 10);
  EXPECT_EQ(stored_once(), outbox_ids());
}

INSTANTIATE_TEST_SUITE_P(Sync, HostileAnswer, ::testing::Values("gzipbomb", "endless", "huge"));

// 20 bytes a second is above the low-speed limit: only the request's own deadline ends it.
TEST_F(Sync, AnAnswerThatTricklesForEverEndsAtTheRequestDeadline) {
  Server s = faulty({"drip"});
  seed(2);
  auto t0 = std::chrono::steady_clock::now();
  Result r = sync_once({"--request-deadline", "3"});
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_LT(took, 20);
  EXPECT_NE(r.err.find("too slow or stalled"), std::string::npos) << r.err;
  EXPECT_EQ(requests().size(), 2u);
  EXPECT_EQ(stored_once(), outbox_ids());
}

// A 200 naming none of the batch's records (none at all, or other ids) is a failure with growing backoff.
TEST_F(Sync, AnAnswerThatConfirmsNothingIsAFailureWithGrowingBackoff) {
  Server s = faulty({"empty", "foreign"});
  seed(5);
  Result r = sync_once({"--backoff-cap", "300", "--max-failures", "2"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("giving up after 2 failed attempts, 10 records still waiting"), std::string::npos) << r.err;
  EXPECT_EQ(backoff_ceilings(r.err), (std::vector<int>{4, 8})) << r.err;
  EXPECT_EQ(requests().size(), 2u);
  EXPECT_EQ(outbox("sent"), 0);
  EXPECT_EQ(status("last_success_at"), "") << "nothing was confirmed: no success to show";
  EXPECT_EQ(status("consecutive_failures"), "2");
  EXPECT_EQ(status("last_error_kind"), "unconfirmed");
  EXPECT_NE(status("last_error").find("answered without confirming any of the records"), std::string::npos);
  EXPECT_NE(status("next_attempt_at"), "");
  Result st = run({bin("shubbak-admin"), "--data", data(), "--config", cfg(), "status"});
  EXPECT_NE(st.out.find("answered without confirming any of the records"), std::string::npos) << st.out;
  // Once it answers properly, the same records go (in a new batch: a receiver may repeat its answer to a key).
  r = sync_once();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto reqs = requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_NE(reqs[2]["key"], reqs[1]["key"]);
  EXPECT_EQ(stored_once(), outbox_ids());
}

// The benchmark baseline really opens a new connection per batch; normal sending keeps one.
TEST_F(Sync, FreshConnectionsOpenOneConnectionPerBatchWhileNormalSendingReusesOne) {
  auto connections = [&](const std::vector<std::string>& extra) {
    TempDir fresh;
    t.path.swap(fresh.path);
    std::set<int> conns;
    size_t batches = 0;
    {
      Server s = faulty({});
      seed(5);  // 10 records, 5 batches of 2
      std::vector<std::string> args = {"--batch-max-records", "2"};
      args.insert(args.end(), extra.begin(), extra.end());
      Result r = sync_once(args);
      EXPECT_EQ(r.exit_code, 0) << r.err;
      for (const auto& q : requests()) conns.insert(q["conn"].get<int>());
      batches = requests().size();
    }
    t.path.swap(fresh.path);
    EXPECT_EQ(batches, 5u);
    return conns.size();
  };
  EXPECT_EQ(connections({}), 1u);
  EXPECT_EQ(connections({"--fresh-connections"}), 5u);
}

// Every way the catalogue fetch can fail leaves one line for the operator.
TEST_F(Sync, ACatalogueFetchThatFailsSaysWhyInTheLog) {
  struct Case {
    const char* behaviour;
    const char* words;
  } cases[] = {{"status 500", "the upstream answered HTTP 500"},
               {"gzipbomb", "far larger than any catalogue"},
               {"reset", "no answer from the upstream"}};
  for (const auto& c : cases) {
    TempDir fresh;
    t.path.swap(fresh.path);
    {
      Server s = faulty({}, "", {}, {}, {"--catalog", c.behaviour});
      write_file(t.path / "cfg/centre.conf", read_file(t.path / "cfg/centre.conf") +
                                                 "signing_public_key = " + kAnySigningKey + "\n");
      std::string before = read_file(t.path / "cfg/catalog.conf");
      seed(1);
      Result r = sync_once();
      EXPECT_EQ(r.exit_code, 0) << r.err;
      EXPECT_EQ(requests("/v1/catalog").size(), 1u) << c.behaviour;
      EXPECT_NE(r.err.find("the catalogue from the upstream was not taken"), std::string::npos) << r.err;
      EXPECT_NE(r.err.find(c.words), std::string::npos) << c.behaviour << ": " << r.err;
      EXPECT_EQ(r.err.find("test-token"), std::string::npos) << "never the token";
      EXPECT_TRUE(read_file(t.path / "cfg/catalog.conf") == before) << "the local catalogue was replaced";
    }
    t.path.swap(fresh.path);
  }
}

// Correctly signed by the upstream, yet two services share a ticket prefix: the kiosk would refuse it.
TEST_F(Sync, ASignedCatalogueThatBreaksARuleIsRefusedAndTheLocalOneKept) {
  std::string published = read_file(fs::path(SHUBBAK_SOURCE_DIR) / "config/demo/catalog.conf");
  published.replace(published.find("prefix = B"), 10, "prefix = A");
  write_file(t.path / "published.conf", published);
  Hub up = upstream({"--catalog", (t.path / "published.conf").string()});
  std::string sign_pub = up.signing_public_key;
  write_file(t.path / "cfg/centre.conf", read_file(t.path / "cfg/centre.conf") + "signing_public_key = " + sign_pub + "\n");
  const std::string before = read_file(t.path / "cfg/catalog.conf");
  Result r = sync_once();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(read_file(t.path / "cfg/catalog.conf") == before) << "the local catalogue was replaced";
  EXPECT_NE(r.err.find("signed but breaks a rule of the catalogue"), std::string::npos) << r.err;
  EXPECT_TRUE(std::regex_search(r.err, std::regex("catalog.conf from the upstream:[0-9]+: .*prefix.*'A' is already "
                                                  "used by another service")))
      << r.err;
  EXPECT_FALSE(fs::exists(t.path / "cfg/catalog.conf.new"));
  // The receiver says so in its log, and serves all the same (the sync above was answered).
  const std::string receiver_log = read_file(t.path / "hub/receiver.1.log");
  EXPECT_NE(receiver_log.find("the kiosks will refuse this catalogue"), std::string::npos) << receiver_log;
  EXPECT_NE(receiver_log.find("is already used by another service"), std::string::npos) << receiver_log;
}

// A token file that cannot be read says which file and why; a configuration error ends with exit code 3.
TEST_F(Sync, AnUnreadableTokenFileNamesTheFileAndTheReason) {
  Server up = faulty({});  // never reached: the token file is read first
  seed(1);
  for (const char* why : {"No such file or directory", "Is a directory"}) {
    fs::path token = t.path / "no-token";
    fs::remove_all(token);
    if (std::string(why) == "Is a directory") fs::create_directory(token);
    Result r = sync_once({"--token-file", token.string()});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find(token.string() + ": cannot read this kiosk's token file"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(why), std::string::npos) << r.err;
  }
  write_file(t.path / "empty-token", "\n");
  Result r = sync_once({"--token-file", (t.path / "empty-token").string()});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("token file ([sync] token_file) is empty"), std::string::npos) << r.err;
  EXPECT_EQ(outbox("sent"), 0);
}

// The exit codes of common/exit_codes.hpp: usage 2, configuration 3, data store 4.
TEST_F(Sync, ExitCodesSayWhatKindOfProblemItIs) {
  Server up = faulty({});
  seed(1);
  EXPECT_EQ(sync_once({"--no-such-flag"}).exit_code, 2);
  EXPECT_EQ(sync_once({"--max-failures", "many"}).exit_code, 2);
  std::string conf = read_file(t.path / "cfg/centre.conf");
  write_file(t.path / "cfg/centre.conf", std::regex_replace(conf, std::regex("upstream = https://"), "upstream = http://"));
  Result r = sync_once();
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("centre.conf:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("must start with https://"), std::string::npos) << r.err;
  write_file(t.path / "cfg/centre.conf", conf);
  write_file(t.path / "not-a-folder", "x");
  r = run({bin("shubbak-sync"), "--data", (t.path / "not-a-folder").string(), "--config", cfg(), "--once"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
}
