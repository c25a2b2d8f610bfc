// shubbak-desk as a process: what a staff member's browser sees and what the store records.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "tests/desk/desk_fixture.hpp"

using namespace shubbak::testing;

class DeskHttp : public ::testing::Test {
 protected:
  DeskProcess desk;
};

TEST_F(DeskHttp, SignInCallNextAndServedAreInTheStore) {
  desk.issue("jisr");
  Browser b = desk.browser();
  ASSERT_TRUE(b.sign_in("salma", "4821", 1)) << b.last_page;
  EXPECT_EQ(b.post("/call-next", "csrf=" + b.csrf()).status, 303);
  b.get("/console");
  EXPECT_EQ(text_of(b.last_page, "current-number"), "A-001");
  EXPECT_EQ(b.post("/served", "csrf=" + b.csrf() + "&outcome=info_given&note=rdv+lundi").status, 303);
  EXPECT_EQ(desk.q("SELECT state || '/' || outcome || '/' || counter FROM tickets WHERE number='A-001'"),
            "served/info_given/1");
  EXPECT_EQ(desk.q("SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log WHERE actor='staff:salma' "
                   "ORDER BY id)"), "sign_in,called,served");
  b.get("/console");
  EXPECT_NE(b.last_page.find("id=\"call-next\""), std::string::npos) << "nobody is served any more";
  EXPECT_EQ(b.last_page.find("id=\"details\""), std::string::npos);
}

TEST_F(DeskHttp, EveryPageSaysNoStoreAndCarriesTheSecurityHeaders) {
  Browser b = desk.browser();
  for (const char* path : {"/signin", "/console", "/nowhere"}) {
    HttpAnswer a = b.get(path);
    EXPECT_EQ(a.header("cache-control"), "no-store") << path;
    EXPECT_EQ(a.header("x-content-type-options"), "nosniff") << path;
    EXPECT_EQ(a.header("referrer-policy"), "no-referrer") << path;
    EXPECT_NE(a.header("content-security-policy").find("script-src 'self'"), std::string::npos) << path;
  }
  ASSERT_TRUE(b.sign_in("salma", "4821", 1));
  EXPECT_EQ(b.get("/console").header("cache-control"), "no-store");
  std::string cookie;
  b.get("/signin");
  Browser fresh = desk.browser();
  fresh.get("/signin");
  HttpAnswer a = fresh.post("/signin", "csrf=" + fresh.csrf() + "&login=amina&pin=1357&counter=2&lang=ar");
  for (auto [it, end] = a.headers.equal_range("set-cookie"); it != end; ++it)
    if (it->second.rfind("shubbak_desk=", 0) == 0) cookie = it->second;
  EXPECT_NE(cookie.find("HttpOnly; Secure; SameSite=Strict; Path=/"), std::string::npos) << cookie;
}

TEST_F(DeskHttp, WrongPinsLockTheAccountWithWords) {
  Browser b = desk.browser();
  b.get("/signin");
  for (int i = 0; i < 4; ++i) {
    HttpAnswer a = b.post("/signin", "csrf=" + b.csrf() + "&login=salma&pin=0000&counter=1&lang=fr");
    b.last_page = a.body;
    EXPECT_NE(a.body.find("Code incorrect. Encore"), std::string::npos) << a.body;
  }
  HttpAnswer locked = b.post("/signin", "csrf=" + b.csrf() + "&login=salma&pin=0000&counter=1&lang=fr");
  EXPECT_NE(locked.body.find("Compte bloqué jusqu"), std::string::npos) << locked.body;
  b.last_page = locked.body;
  HttpAnswer right = b.post("/signin", "csrf=" + b.csrf() + "&login=salma&pin=4821&counter=1&lang=fr");
  EXPECT_NE(right.status, 303) << "the right PIN does not open a locked account";
  EXPECT_EQ(desk.q("SELECT count(*) FROM audit_log WHERE action='pin_lockout'"), "1");
  EXPECT_EQ(desk.q("SELECT count(*) FROM audit_log WHERE action='sign_in'"), "0");
}

TEST_F(DeskHttp, TooManySignInAttemptsFromOnePcAreRefusedWithWords) {
  Browser b = desk.browser();
  b.get("/signin");
  const std::string csrf = b.csrf();
  long last = 0;
  std::string body;
  for (int i = 0; i < 11; ++i) {
    HttpAnswer a = b.post("/signin", "csrf=" + csrf + "&login=nobody&pin=0000&counter=1&lang=fr");
    last = a.status;
    body = a.body;
  }
  EXPECT_EQ(last, 429);
  EXPECT_NE(body.find("Trop d&#39;essais de connexion depuis ce poste"), std::string::npos) << body;
}

TEST_F(DeskHttp, APostWithoutItsCsrfTokenIsRefusedWithWords) {
  desk.issue("jisr");
  Browser b = desk.browser();
  ASSERT_TRUE(b.sign_in("salma", "4821", 1));
  HttpAnswer none = b.post("/call-next", "x=1");
  EXPECT_EQ(none.status, 403);
  EXPECT_NE(none.body.find("La page était trop ancienne"), std::string::npos) << none.body;
  HttpAnswer wrong = b.post("/call-next", "csrf=" + std::string(43, 'A'));
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(desk.q("SELECT state FROM tickets WHERE number='A-001'"), "waiting");
  // The sign-in form too: without the pre-session pair nobody is signed in.
  Browser other = desk.browser();
  EXPECT_EQ(other.post("/signin", "login=amina&pin=1357&counter=2&lang=fr").status, 403);
}

TEST_F(DeskHttp, ACookieFromASignedOutSessionIsRefused) {
  desk.issue("jisr");
  Browser b = desk.browser();
  ASSERT_TRUE(b.sign_in("salma", "4821", 1));
  const std::string csrf = b.csrf();
  const auto kept = b.cookies;
  EXPECT_EQ(b.post("/signout", "csrf=" + csrf).status, 303);
  Browser thief = desk.browser();
  thief.cookies = kept;
  HttpAnswer a = thief.post("/call-next", "csrf=" + csrf);
  EXPECT_EQ(a.status, 401);
  EXPECT_NE(a.body.find("Votre session est terminée"), std::string::npos) << a.body;
  EXPECT_EQ(desk.q("SELECT state FROM tickets WHERE number='A-001'"), "waiting");
  EXPECT_EQ(thief.get("/console/live").status, 401);
}

TEST_F(DeskHttp, TwoDesksRacingOnCallNextNeverGetTheSameTicket) {
  for (int i = 0; i < 100; ++i) desk.issue(i % 2 ? "jisr" : "social");
  Browser a = desk.browser(), b = desk.browser();
  ASSERT_TRUE(a.sign_in("salma", "4821", 1));
  ASSERT_TRUE(b.sign_in("amina", "1357", 1));
  std::vector<std::string> got_a, got_b;
  auto run = [](Browser& br, std::vector<std::string>& got) {
    for (int i = 0; i < 50; ++i) {
      br.post("/call-next", "csrf=" + br.csrf());
      br.get("/console");
      got.push_back(text_of(br.last_page, "current-number"));
      br.post("/no-show", "csrf=" + br.csrf());
    }
  };
  std::thread ta(run, std::ref(a), std::ref(got_a)), tb(run, std::ref(b), std::ref(got_b));
  ta.join();
  tb.join();
  std::set<std::string> all(got_a.begin(), got_a.end());
  all.insert(got_b.begin(), got_b.end());
  all.erase("");
  EXPECT_EQ(all.size(), 100u) << "each desk called 50 and no ticket twice";
  EXPECT_EQ(desk.q("SELECT count(*) FROM tickets WHERE state='no_show'"), "100");
  EXPECT_EQ(desk.q("SELECT count(*) FROM (SELECT subject FROM audit_log WHERE action='called' GROUP BY subject "
                   "HAVING count(*) > 1)"), "0");
}

// Needs the http helper's Reply::park()/Server::wake() and Request::query (issue 15): before them the desk answers
// at once with the version the page already has.
TEST_F(DeskHttp, EventsAnswerWhenTheKioskIssuesATicket) {
  Browser b = desk.browser();
  ASSERT_TRUE(b.sign_in("salma", "4821", 1));
  const std::string page = b.last_page;
  const std::string since = page.substr(page.find("data-version=\"") + 14, page.find('"', page.find("data-version=\"") + 14) -
                                                                               page.find("data-version=\"") - 14);
  HttpAnswer answer;
  auto started = std::chrono::steady_clock::now();
  std::thread poll([&] { answer = b.get("/events?since=" + since, 5000); });
  std::this_thread::yield();
  desk.issue("jisr");
  auto issued = std::chrono::steady_clock::now();
  poll.join();
  EXPECT_EQ(answer.status, 200);
  EXPECT_NE(answer.body, "{\"version\":" + since + "}") << "the answer tells of the new ticket";
  EXPECT_LT(std::chrono::steady_clock::now() - issued, std::chrono::seconds(1));
  (void)started;
  b.get("/console/live");
  EXPECT_NE(b.last_page.find(">A-001<"), std::string::npos) << b.last_page;
}

// 50 connections on the LAN sending a byte now and then (a broken PC, a scan, an attack) never reach a handler:
// a signed-in desk is still answered within 1 s, every time.
TEST_F(DeskHttp, FiftyTricklingConnectionsDoNotDelayADesk) {
  Browser b = desk.browser();
  ASSERT_TRUE(b.sign_in("salma", "4821", 1));
  const int port = std::stoi(desk.url.substr(desk.url.rfind(':') + 1));
  std::vector<int> socks;
  for (int i = 0; i < 50; ++i) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    socks.push_back(fd);
  }
  std::atomic<bool> stop{false};
  std::atomic<int> rounds{0};
  std::thread trickle([&] {  // a TLS record header, then a byte at a time
    const char hello[] = "\x16\x03\x01\x02\x00";
    for (size_t k = 0; !stop; k = (k + 1) % 5, ++rounds) {
      for (int fd : socks) (void)send(fd, hello + k, 1, MSG_NOSIGNAL);
      std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the trickle's own pace, not a synchronisation
    }
  });
  while (rounds < 2) std::this_thread::yield();
  for (int i = 0; i < 5; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    HttpAnswer a = b.get("/console", 5000);
    EXPECT_EQ(a.status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(1)) << "request " << i;
  }
  stop = true;
  trickle.join();
  for (int fd : socks) close(fd);
}

// Needs the http helper's Subnet::parse and allow-list (issue 15).
TEST(DeskAllowList, AnAddressOutsideTheAllowListIsRefused) {
  DeskProcess desk("allow = 10.0.0.0/8\n");
  Browser b = desk.browser();
  HttpAnswer a = b.get("/signin", 3000);
  EXPECT_EQ(a.status, 0) << "the connection from 127.0.0.1 is closed before anything is read";
}

TEST(DeskStart, WithoutItsCertificateTheDeskRefusesToStartWithWords) {
  TempDir t;
  make_config(t.path / "cfg");
  Result r = run({bin("shubbak-desk"), "--data", (t.path / "data").string(), "--config", (t.path / "cfg").string(),
                  "--listen", "127.0.0.1:0"});
  EXPECT_EQ(r.exit_code, 3) << "a configuration problem";
  EXPECT_NE(r.err.find("desk/server.pem"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("shubbak-admin desk-cert"), std::string::npos) << r.err;
}
