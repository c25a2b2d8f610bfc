// The ministry's dashboard attacked on its own port (issue 17): the real HTTP server (http/server.hpp) with the
// dashboard's options and handler, on 127.0.0.1, spoken to with raw bytes. Each refusal must be a short page in the
// dashboard's words (Arabic by default, French with the language cookie), never JSON, and the server must go on
// serving the others. docs/dashboard.md, "What the server refuses", lists every attack tried.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "http/server.hpp"
#include "tests/national/dashboard_fixture.hpp"
#include "tests/national/http_client.hpp"
#include "upstream/dashboard_web/dashboard_app.hpp"
#include "upstream/dashboard_web/dashboard_limits.hpp"

namespace shubbak::testing {
namespace {

using namespace upstream::dashboard_web;

const std::string kBadRequestAr = "هاد الطلب ما تقراش";
const std::string kBadRequestFr = "Revenez à la page précédente";  // (its apostrophe is escaped in the page)
const std::string kForm = "Content-Type: application/x-www-form-urlencoded\r\n";

class DashboardAttack : public DashboardDb {
 protected:
  void SetUp() override {
    DashboardDb::SetUp();
    DashboardOptions o;
    o.db = pg.conninfo();
    o.catalog = SHUBBAK_SOURCE_DIR "/config/demo/catalog.conf";
    o.assets_dir = SHUBBAK_SOURCE_DIR "/assets";
    app = std::make_unique<DashboardApp>(o);
    metrics = std::make_unique<http::Metrics>(std::vector<std::string>{"/", "/signin"}, limits::kWorkers);
    server = std::make_unique<http::Server>(
        app->server_options(), [this](const http::Request& r) { return app->handle(r); }, *metrics);
    server->start("127.0.0.1:0");
  }
  void TearDown() override { server->stop(0); }
  // One request of raw bytes on a fresh connection (from 127.0.0.1).
  HttpAnswer raw(const std::string& bytes) {
    RawConnection c(server->port());
    EXPECT_TRUE(c.send_all(bytes));
    return c.read_answer(5);
  }
  // A refusal as the dashboard words it: its status, a page (not JSON) with its security headers and its words.
  static void expect_refusal_page(const HttpAnswer& a, int status, const std::string& words, const char* what) {
    EXPECT_EQ(a.status, status) << what << "\n" << a.head << a.body.substr(0, 200);
    EXPECT_EQ(a.header("content-type").rfind("text/html", 0), 0u) << what << ": " << a.body.substr(0, 200);
    EXPECT_NE(a.body.find(words), std::string::npos) << what << ": " << a.body.substr(0, 200);
    EXPECT_NE(a.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos) << what;
    EXPECT_EQ(a.header("x-content-type-options"), "nosniff") << what;
  }
  void expect_still_serving() {
    HttpAnswer a = http_request(server->port(), "GET", "/signin", "", "", 5);
    EXPECT_EQ(a.status, 200) << "the sign-in page for the others, meanwhile";
  }
  std::unique_ptr<DashboardApp> app;
  std::unique_ptr<http::Metrics> metrics;
  std::unique_ptr<http::Server> server;
};

TEST_F(DashboardAttack, RequestsAProxyCouldReadDifferentlyAreRefused) {
  const std::string post = "POST /signin HTTP/1.1\r\nHost: x\r\n" + kForm;
  expect_refusal_page(raw(post + "Content-Length: 5\r\nContent-Length: 7\r\nConnection: close\r\n\r\nname=ab"), 400,
                      kBadRequestAr, "two Content-Length");
  expect_refusal_page(raw(post + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                                 "0\r\n\r\nGET /centres HTTP/1.1\r\nHost: x\r\n\r\n"),
                      400, kBadRequestAr, "Content-Length with Transfer-Encoding");
  expect_refusal_page(raw("GET /signin HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n"), 400,
                      kBadRequestAr, "two Host");
  expect_refusal_page(raw("GET /signin HTTP/1.1\r\nConnection: close\r\n\r\n"), 400, kBadRequestAr,
                      "HTTP/1.1 without Host");
  EXPECT_EQ(raw("GET /signin HTTP/1.0\r\n\r\n").status, 200) << "HTTP/1.0 needs no Host";
  expect_still_serving();
}

TEST_F(DashboardAttack, APathWithANulOrAControlCharacterIsRefusedNotCutShort) {
  // libmicrohttpd decodes the path and gives it as a C string: "/static/dashboard.css%00.png" was the stylesheet.
  for (const char* path : {"/static/dashboard.css%00.png", "/static/dashboard.css%00", "/sign%01in", "/signin%0d%0a"})
    expect_refusal_page(raw(std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400,
                        kBadRequestAr, path);
  EXPECT_EQ(raw("GET /static/dashboard.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status, 200);
}

TEST_F(DashboardAttack, OversizedOrEncodedRequestsAreRefusedInTheDashboardsWords) {
  const std::string fr = "Cookie: shubbak_dash_lang=fr\r\n";
  std::string many;
  for (int i = 0; i <= limits::kMaxHeaderCount; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
  expect_refusal_page(raw("GET /signin HTTP/1.1\r\nHost: x\r\n" + fr + many + "\r\n"), 431, kBadRequestFr,
                      "too many header lines");
  expect_refusal_page(raw("GET /?region=" + std::string(limits::kMaxHeaderBytes, '0') + " HTTP/1.1\r\nHost: x\r\n" +
                          fr + "\r\n"),
                      431, kBadRequestFr, "a query over the header bound");
  const std::string post = "POST /signin HTTP/1.1\r\nHost: x\r\n" + kForm + fr;
  expect_refusal_page(raw(post + "Connection: close\r\n\r\nname=a"), 411, kBadRequestFr, "a body without a length");
  expect_refusal_page(raw(post + "Content-Length: 1000000\r\n\r\n"), 413, kBadRequestFr, "a body over the bound");
  expect_refusal_page(raw(post + "Content-Encoding: deflate\r\nContent-Length: 3\r\n\r\nabc"), 415, kBadRequestFr,
                      "deflate");
  expect_refusal_page(raw(post + "Content-Encoding: gzip\r\nContent-Length: 3\r\n\r\nabc"), 400, kBadRequestFr,
                      "a damaged gzip body");
  expect_still_serving();
}

TEST_F(DashboardAttack, OnePeerHoldingIdleConnectionsLeavesRoomForTheOthers) {
  // Every connection the server takes, from one address, each with half a request line (idle until its deadline).
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < limits::kMaxConnections; ++i) {
    held.push_back(std::make_unique<RawConnection>(server->port()));
    held.back()->send_all("GET /signin HTTP/1.1\r\nHost: x\r\n");
  }
  EXPECT_TRUE(held.back()->closed_within(2)) << "a connection over the bound per address is closed at once";
  RawConnection other(server->port(), "127.0.0.2");
  ASSERT_TRUE(other.send_get("/signin"));
  EXPECT_EQ(other.read_answer(3).status, 200) << "another address is served at once, not after the idle timeout";
}

}  // namespace
}  // namespace shubbak::testing
