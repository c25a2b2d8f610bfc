// Subnet::parse/contains (the allow-list's networks) and the address an HTTPS server says it serves.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/un.h>

#include <stdexcept>
#include <string>

#include "http/server.hpp"
#include "tests/integration/helpers.hpp"

namespace shubbak::testing {
namespace {

using http::Subnet;

sockaddr_storage address(const std::string& ip) {
  sockaddr_storage ss{};
  auto* v4 = reinterpret_cast<sockaddr_in*>(&ss);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&ss);
  if (inet_pton(AF_INET, ip.c_str(), &v4->sin_addr) == 1) v4->sin_family = AF_INET;
  else if (inet_pton(AF_INET6, ip.c_str(), &v6->sin6_addr) == 1) v6->sin6_family = AF_INET6;
  else throw std::invalid_argument(ip);
  return ss;
}

bool in(const std::string& net, const std::string& ip) {
  sockaddr_storage ss = address(ip);
  return Subnet::parse(net).contains(reinterpret_cast<sockaddr*>(&ss));
}

TEST(HttpSubnet, IPv4Networks) {
  EXPECT_TRUE(in("192.168.0.0/16", "192.168.44.3"));
  EXPECT_FALSE(in("192.168.0.0/16", "192.169.0.1"));
  EXPECT_TRUE(in("172.16.0.0/12", "172.31.255.255"));
  EXPECT_FALSE(in("172.16.0.0/12", "172.32.0.0"));
  EXPECT_TRUE(in("127.0.0.1", "127.0.0.1"));  // no prefix: /32
  EXPECT_FALSE(in("127.0.0.1", "127.0.0.2"));
  EXPECT_TRUE(in("0.0.0.0/0", "203.0.113.7"));
  EXPECT_TRUE(in(" 10.0.0.0/8 ", "10.200.1.1"));  // as written in a list after a comma
  EXPECT_TRUE(in("192.168.1.77/24", "192.168.1.5"));  // host bits ignored
  EXPECT_FALSE(in("10.0.0.0/8", "::1"));
}

TEST(HttpSubnet, IPv6NetworksAndIPv4MappedAddresses) {
  EXPECT_TRUE(in("::1/128", "::1"));
  EXPECT_TRUE(in("::1", "::1"));
  EXPECT_FALSE(in("::1/128", "::2"));
  EXPECT_TRUE(in("fd00::/8", "fd12:3456::1"));
  EXPECT_FALSE(in("fd00::/8", "fe80::1"));
  EXPECT_TRUE(in("fe80::/10", "febf::1"));
  EXPECT_FALSE(in("fe80::/10", "fec0::1"));
  EXPECT_TRUE(in("127.0.0.0/8", "::ffff:127.0.0.2"));  // an IPv4 client on a dual-stack socket
  EXPECT_FALSE(in("127.0.0.0/8", "::ffff:10.0.0.1"));
  EXPECT_FALSE(in("::/0", "::ffff:10.0.0.1"));  // matched as IPv4, not as IPv6
  EXPECT_TRUE(in("::ffff:10.0.0.0/104", "10.1.2.3"));
  EXPECT_FALSE(in("fd00::/8", "10.0.0.1"));
}

TEST(HttpSubnet, AUnixPeerIsInNoNetwork) {
  sockaddr_un un{};
  un.sun_family = AF_UNIX;
  EXPECT_FALSE(Subnet::parse("0.0.0.0/0").contains(reinterpret_cast<sockaddr*>(&un)));
}

TEST(HttpSubnet, BadTextIsRefusedWithWordsNamingIt) {
  for (const std::string bad : {"", "192.168.0.0/33", "192.168.0/16", "10.0.0.0/", "10.0.0.0/8x", "10.0.0.0/-1",
                                "::1/129", "lan", "192.168.1.0/24/8", "300.1.1.1"}) {
    try {
      Subnet::parse(bad);
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("\"" + bad + "\""), std::string::npos) << e.what();
    }
  }
}

TEST(HttpServerAddress, SaysHttpsWhenItServesTls) {
  TempDir dir;
  const std::string cert = (dir.path / "c.pem").string(), key = (dir.path / "k.pem").string();
  Result r = run({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                  "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  http::ServerOptions opt;
  opt.tls_cert_pem = read_file(cert);
  opt.tls_key_pem = read_file(key);
  http::Metrics metrics;
  http::Server tls(opt, [](const http::Request&) { return http::Reply{}; }, metrics);
  tls.start("127.0.0.1:0");
  EXPECT_EQ(tls.address(), "https://127.0.0.1:" + std::to_string(tls.port()));
  http::Server plain(http::ServerOptions{}, [](const http::Request&) { return http::Reply{}; }, metrics);
  plain.start("127.0.0.1:0");
  EXPECT_EQ(plain.address(), "http://127.0.0.1:" + std::to_string(plain.port()));
}

TEST(HttpServerAddress, ADamagedKeyIsRefusedWithWords) {
  http::ServerOptions opt;
  opt.tls_cert_pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
  opt.tls_key_pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
  http::Metrics metrics;
  http::Server tls(opt, [](const http::Request&) { return http::Reply{}; }, metrics);
  try {
    tls.start("127.0.0.1:0");
    ADD_FAILURE() << "started with a damaged certificate";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("certificate"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace shubbak::testing
