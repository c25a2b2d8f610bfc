// The receiver's HTTP layer refuses what took the old receiver (cpp-httplib) down, without reading it whole and
// with its memory bounded: a gzip bomb, chunked and length-less bodies over the limit, a huge header line, too many
// header lines, more body bytes at once than its budget.
#include <gtest/gtest.h>
#include <zlib.h>

#include <chrono>
#include <memory>
#include <string>

#include "tests/national/http_client.hpp"
#include "tests/national/http_fixture.hpp"
#include "upstream/limits.hpp"

namespace shubbak::testing {
namespace {

namespace limits = upstream::limits;
constexpr long long kRssBound = 100ll << 20;  // the bound for a receiver, whatever it is sent
constexpr size_t kHostile = 64u << 20;        // what a hostile client tries to send: far over every limit

// gzip of `members` × `zeros_each` zero bytes (RFC 1952 allows members one after another; each is about 1,000
// times smaller than what it inflates to).
std::string gzip_of_zeros(size_t zeros_each, int members = 1) {
  z_stream zs{};
  deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  std::string in(zeros_each, '\0'), member(deflateBound(&zs, zeros_each), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(in.data());
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(member.data());
  zs.avail_out = static_cast<uInt>(member.size());
  deflate(&zs, Z_FINISH);
  member.resize(zs.total_out);
  deflateEnd(&zs);
  std::string out;
  for (int i = 0; i < members; ++i) out += member;
  return out;
}

bool refused_status(int status) { return status == 413 || status == 431 || status == 400 || status == 411; }

TEST(HttpLimits, GzipBombIsRefusedQuicklyWithMemoryBounded) {
  std::string bomb = gzip_of_zeros(16u << 20, 64);  // 1 GiB once inflated
  ASSERT_GT(bomb.size(), 500u << 10);
  ASSERT_LT(bomb.size(), limits::kMaxBodyBytes);
  Server s = start_plugin_server();
  auto t0 = std::chrono::steady_clock::now();
  HttpAnswer a = http_request(s.port, "POST", "/echo", bomb, "Content-Encoding: gzip\r\n", 30);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(a.status, 413) << a.head << a.body;
  EXPECT_LT(seconds, 5.0);
  EXPECT_LT(peak_rss_bytes(s.pid), kRssBound);
  // A small gzip body is inflated and handled.
  std::string small = gzip_of_zeros(256u << 10, 4);  // four members: 1 MiB
  HttpAnswer ok = http_request(s.port, "POST", "/echo", small, "Content-Encoding: gzip\r\n");
  EXPECT_EQ(ok.status, 200);
  EXPECT_NE(ok.body.find("\"bytes\":1048576"), std::string::npos) << ok.body;
}

TEST(HttpLimits, ChunkedBodyOverTheLimitIsCutWithoutBeingRead) {
  Server s = start_plugin_server();
  RawConnection c(s.port);
  ASSERT_TRUE(c.send_all("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"));
  std::string chunk = "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
  size_t sent = c.send_until_refused(chunk, kHostile);
  EXPECT_LT(sent, kHostile);
  HttpAnswer a = c.read_answer();
  EXPECT_TRUE(a.status == 413 || a.status == 0) << a.head;
  EXPECT_LT(peak_rss_bytes(s.pid), kRssBound);
}

TEST(HttpLimits, LengthlessBodyIsRefusedWithoutBeingRead) {
  Server s = start_plugin_server();
  RawConnection c(s.port);
  ASSERT_TRUE(c.send_all("POST /echo HTTP/1.0\r\nHost: a\r\n\r\n"));
  size_t sent = c.send_until_refused(std::string(0x10000, 'x'), kHostile);
  EXPECT_LT(sent, kHostile);
  HttpAnswer a = c.read_answer();
  EXPECT_TRUE(refused_status(a.status) || a.status == 0) << a.head;
  EXPECT_LT(peak_rss_bytes(s.pid), kRssBound);
}

TEST(HttpLimits, ContentLengthOverTheLimitIsRefusedBeforeTheBody) {
  Server s = start_plugin_server();
  RawConnection c(s.port);
  ASSERT_TRUE(c.send_all("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: " + std::to_string(kHostile) +
                         "\r\n\r\n"));
  HttpAnswer a = c.read_answer();
  EXPECT_EQ(a.status, 413) << a.head;
  EXPECT_TRUE(c.closed_within(5));
}

TEST(HttpLimits, HugeHeaderLineIsRefusedWithoutBeingRead) {
  Server s = start_plugin_server();
  RawConnection c(s.port);
  ASSERT_TRUE(c.send_all("GET /echo HTTP/1.1\r\nHost: a\r\nX-Big: "));
  size_t sent = c.send_until_refused(std::string(0x10000, 'a'), 50u << 20);
  EXPECT_LT(sent, 50u << 20);
  HttpAnswer a = c.read_answer();
  EXPECT_TRUE(refused_status(a.status) || a.status == 0) << a.head;
  EXPECT_LT(peak_rss_bytes(s.pid), kRssBound);
}

TEST(HttpLimits, TooManyHeaderLinesAreRefused) {
  Server s = start_plugin_server();
  std::string many;
  for (int i = 0; i < 200; ++i) many += "X-Line-" + std::to_string(i) + ": v\r\n";
  HttpAnswer a = http_request(s.port, "GET", "/echo", "", many);
  EXPECT_TRUE(refused_status(a.status)) << a.head;
  // As many as the limit allows pass.
  std::string allowed;
  for (int i = 0; i < limits::kMaxHeaderCount - 2; ++i) allowed += "X-Line-" + std::to_string(i) + ": v\r\n";
  EXPECT_EQ(http_request(s.port, "GET", "/echo", "", allowed).status, 200);
}

TEST(HttpLimits, BodiesOverTheBufferBudgetGet503WithRetryAfter) {
  const size_t budget = 1u << 20;
  Server s = start_plugin_server({"--max-buffered", std::to_string(budget)});
  // One client holds most of the budget: its body announced (counted whole at once), part of it sent, the rest
  // never.
  auto holder = std::make_unique<RawConnection>(s.port);
  ASSERT_TRUE(holder->send_all("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 900000\r\n\r\n" +
                               std::string(800000, 'h')));
  // The server has taken the bytes in when a small request to /metrics shows them buffered.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (http_request(s.port, "GET", "/metrics").body.find("shubbak_buffered_body_bytes 900000") ==
         std::string::npos)
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the held body never showed as buffered";
  HttpAnswer a = http_request(s.port, "POST", "/echo", std::string(300000, 'b'));
  EXPECT_EQ(a.status, 503) << a.head;
  EXPECT_FALSE(a.header("retry-after").empty()) << a.head;
  // Small requests still pass, and once the holder leaves the budget is free again.
  EXPECT_EQ(http_request(s.port, "POST", "/echo", "small").status, 200);
  holder.reset();
  deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  std::string m;
  while ((m = http_request(s.port, "GET", "/metrics").body).find("shubbak_buffered_body_bytes 0\n") == std::string::npos)
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the budget was never given back\n" << m;
  EXPECT_EQ(http_request(s.port, "POST", "/echo", std::string(300000, 'b')).status, 200);
}

}  // namespace
}  // namespace shubbak::testing
