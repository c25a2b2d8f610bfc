// HTTPS (ServerOptions::tls_cert_pem/tls_key_pem): TLS 1.2 and 1.3 are served, TLS 1.1 is refused by the server
// (the client is allowed to offer it), plain HTTP on the HTTPS port gets no answer. The certificate is made here.
#include <gtest/gtest.h>

#include <string>

#include "tests/national/http_client.hpp"
#include "tests/national/http_fixture.hpp"

namespace shubbak::testing {
namespace {

struct SelfSigned {
  TempDir dir;
  std::string cert = (dir.path / "cert.pem").string(), key = (dir.path / "key.pem").string();
  SelfSigned() {
    Result r = run({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost", "-addext",
                    "subjectAltName=IP:127.0.0.1"});
    if (r.exit_code != 0) throw std::runtime_error("openssl req failed: " + r.err);
  }
};

Result curl_tls(const SelfSigned& c, int port, const std::string& version) {
  const std::string url = "https://127.0.0.1:" + std::to_string(port) + "/request?tls=" + version;
  return run({"/usr/bin/timeout", "20", "/usr/bin/curl", "-sS", "--cacert", c.cert, "--tlsv" + version, "--tls-max",
              version, "-w", "\n%{http_code}", url});
}

TEST(HttpTls, ServesTls12And13WithTheCertificate) {
  SelfSigned c;
  Server s = start_plugin_server({"--tls-cert", c.cert, "--tls-key", c.key});
  for (const std::string version : {"1.2", "1.3"}) {
    Result r = curl_tls(c, s.port, version);
    EXPECT_EQ(r.exit_code, 0) << "TLS " << version << ": " << r.err;
    EXPECT_NE(r.out.find("\"query\":\"tls=" + version + "\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"peer\":\"127.0.0.1\""), std::string::npos) << r.out;
    EXPECT_EQ(r.out.substr(r.out.rfind('\n') + 1), "200") << r.out;
  }
}

TEST(HttpTls, RefusesTls11) {
  SelfSigned c;
  Server s = start_plugin_server({"--tls-cert", c.cert, "--tls-key", c.key});
  // OpenSSL 3 offers TLS 1.1 only at security level 0: so asked, the refusal can only be the server's.
  Result old = run({"/usr/bin/timeout", "20", "/usr/bin/openssl", "s_client", "-connect",
                    "127.0.0.1:" + std::to_string(s.port), "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"});
  EXPECT_NE(old.exit_code, 0) << old.out;
  EXPECT_NE(old.out.find("New, (NONE), Cipher is (NONE)"), std::string::npos) << old.out;  // no session
  Result now = run({"/usr/bin/timeout", "20", "/usr/bin/openssl", "s_client", "-connect",
                    "127.0.0.1:" + std::to_string(s.port), "-tls1_2"});
  EXPECT_EQ(now.exit_code, 0) << now.err;
  EXPECT_NE(now.out.find("New, TLSv1.2, Cipher is "), std::string::npos) << now.out;
}

TEST(HttpTls, PlainHttpOnTheHttpsPortGetsNoAnswer) {
  SelfSigned c;
  Server s = start_plugin_server({"--tls-cert", c.cert, "--tls-key", c.key});
  EXPECT_EQ(http_request(s.port, "GET", "/request", "", "", 5).status, 0);
}

}  // namespace
}  // namespace shubbak::testing
