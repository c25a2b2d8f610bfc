// shubbak-admin desk-cert: the centre's CA and shubbak-desk's certificate, checked with openssl as a browser would.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "tests/integration/helpers.hpp"

using namespace shubbak::testing;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 ? st.st_mode & 07777 : 0xFFFF;
}

struct AdminDeskCert : ::testing::Test {
  TempDir t;
  fs::path cfg = t.path / "cfg", desk = cfg / "desk";
  void SetUp() override { make_config(cfg); }
  Result cert(std::vector<std::string> args) {
    std::vector<std::string> argv = {bin("shubbak-admin"), "--config", cfg.string(), "desk-cert"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
  }
  Result openssl(std::vector<std::string> args) {
    args.insert(args.begin(), "/usr/bin/openssl");
    return run(args);
  }
  Result verify(const fs::path& ca, const fs::path& server, std::vector<std::string> extra = {}) {
    std::vector<std::string> a = {"verify", "-purpose", "sslserver", "-CAfile", ca.string()};
    a.insert(a.end(), extra.begin(), extra.end());
    a.push_back(server.string());
    return openssl(a);
  }
};

int free_port() {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t n = sizeof a;
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &n);
  ::close(s);
  return ntohs(a.sin_port);
}

}  // namespace

TEST_F(AdminDeskCert, MakesACaAndAServerCertificateThatABrowserAccepts) {
  Result r = cert({"--host", "accueil-pc", "--ip", "192.168.1.20", "--ip", "10.1.2.3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(mode_of(desk / "ca.key"), 0600u);
  EXPECT_EQ(mode_of(desk / "ca.pem"), 0644u);
  EXPECT_EQ(mode_of(desk / "server.key"), 0600u);
  EXPECT_EQ(mode_of(desk / "server.pem"), 0644u);

  // Every name a staff member may type is covered; another is not.
  for (std::string host : {"accueil-pc", "localhost"}) {
    Result v = verify(desk / "ca.pem", desk / "server.pem", {"-verify_hostname", host});
    EXPECT_EQ(v.exit_code, 0) << host << ": " << v.out << v.err;
    EXPECT_NE(v.out.find(": OK"), std::string::npos) << v.out;
  }
  for (std::string ip : {"192.168.1.20", "10.1.2.3", "127.0.0.1"})
    EXPECT_EQ(verify(desk / "ca.pem", desk / "server.pem", {"-verify_ip", ip}).exit_code, 0) << ip;
  EXPECT_NE(verify(desk / "ca.pem", desk / "server.pem", {"-verify_ip", "192.168.1.21"}).exit_code, 0);

  Result text = openssl({"x509", "-noout", "-text", "-in", (desk / "server.pem").string()});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("DNS:accueil-pc, DNS:localhost, IP Address:192.168.1.20, IP Address:10.1.2.3, "
                          "IP Address:127.0.0.1"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("TLS Web Server Authentication"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("CA:FALSE"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("ASN1 OID: prime256v1"), std::string::npos) << text.out;
  // At most 825 days (browsers refuse longer), and not a toy either.
  const std::string server = (desk / "server.pem").string();
  EXPECT_EQ(openssl({"x509", "-noout", "-in", server, "-checkend", std::to_string(800 * 86400)}).exit_code, 0);
  EXPECT_NE(openssl({"x509", "-noout", "-in", server, "-checkend", std::to_string(825 * 86400)}).exit_code, 0);

  Result ca = openssl({"x509", "-noout", "-text", "-in", (desk / "ca.pem").string()});
  EXPECT_NE(ca.out.find("CN = Shubbak "), std::string::npos) << ca.out;
  EXPECT_NE(ca.out.find(" centre CA"), std::string::npos) << ca.out;
  EXPECT_NE(ca.out.find("X509v3 Basic Constraints: critical\n                CA:TRUE"), std::string::npos) << ca.out;
  EXPECT_NE(ca.out.find("Certificate Sign, CRL Sign"), std::string::npos) << ca.out;
  EXPECT_NE(ca.out.find("X509v3 Name Constraints: critical"), std::string::npos) << ca.out;
  const std::string ca_pem = (desk / "ca.pem").string();
  EXPECT_EQ(openssl({"x509", "-noout", "-in", ca_pem, "-checkend", std::to_string(9 * 366 * 86400)}).exit_code, 0);

  // The fingerprint the technician compares on each PC is the CA's own.
  Result fp = openssl({"x509", "-noout", "-fingerprint", "-sha256", "-in", ca_pem});
  std::string digits = fp.out.substr(fp.out.find('=') + 1);
  digits.erase(digits.find_last_not_of("\n") + 1);
  EXPECT_NE(r.out.find("CA fingerprint (SHA-256): " + digits), std::string::npos) << r.out << fp.out;
}

TEST_F(AdminDeskCert, TheCaCannotVouchForAddressesOutsideTheCentre) {
  ASSERT_EQ(cert({"--host", "accueil-pc", "--ip", "192.168.1.20"}).exit_code, 0);
  // Should ca.key ever leave the PC, a certificate for a public site made with it is refused (name constraints).
  const fs::path csr = t.path / "bank.csr", crt = t.path / "bank.pem";
  ASSERT_EQ(openssl({"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                     "-keyout", (t.path / "bank.key").string(), "-subj", "/CN=www.bank.example",
                     "-addext", "subjectAltName=DNS:www.bank.example", "-out", csr.string()}).exit_code, 0);
  Result s = openssl({"x509", "-req", "-in", csr.string(), "-CA", (desk / "ca.pem").string(), "-CAkey",
                      (desk / "ca.key").string(), "-CAcreateserial", "-days", "30", "-copy_extensions", "copy",
                      "-out", crt.string()});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  Result v = verify(desk / "ca.pem", crt);
  EXPECT_NE(v.exit_code, 0);
  EXPECT_NE((v.out + v.err).find("permitted subtree violation"), std::string::npos) << v.out << v.err;
}

TEST_F(AdminDeskCert, ASecondRunKeepsTheCertificateAndRenewKeepsTheCa) {
  ASSERT_EQ(cert({"--host", "accueil-pc", "--ip", "192.168.1.20"}).exit_code, 0);
  const std::string ca_before = slurp(desk / "ca.pem"), ca_key_before = slurp(desk / "ca.key");
  const std::string server_before = slurp(desk / "server.pem");

  Result again = cert({"--host", "accueil-pc", "--ip", "192.168.1.20"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("server.pem already exists (for accueil-pc, valid until "), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("nothing changed"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("desk-cert --renew"), std::string::npos) << again.err;
  EXPECT_EQ(slurp(desk / "server.pem"), server_before);

  // The PC got a new address: a new certificate from the same CA, which every staff PC already trusts.
  Result renew = cert({"--host", "accueil-pc", "--ip", "192.168.1.42", "--renew"});
  ASSERT_EQ(renew.exit_code, 0) << renew.err;
  EXPECT_NE(renew.out.find("kept: the staff PCs that trust it keep trusting"), std::string::npos) << renew.out;
  EXPECT_EQ(slurp(desk / "ca.pem"), ca_before);
  EXPECT_EQ(slurp(desk / "ca.key"), ca_key_before);
  EXPECT_NE(slurp(desk / "server.pem"), server_before);
  EXPECT_EQ(mode_of(desk / "server.key"), 0600u);
  fs::path old_ca = t.path / "ca-as-installed.pem";
  std::ofstream(old_ca) << ca_before;
  EXPECT_EQ(verify(old_ca, desk / "server.pem", {"-verify_ip", "192.168.1.42"}).exit_code, 0);
  Result serials = openssl({"x509", "-noout", "-serial", "-in", (desk / "server.pem").string()});
  std::ofstream(t.path / "old.pem") << server_before;
  EXPECT_NE(serials.out, openssl({"x509", "-noout", "-serial", "-in", (t.path / "old.pem").string()}).out);
  // The key in server.key is the new certificate's.
  Result k1 = openssl({"pkey", "-pubout", "-in", (desk / "server.key").string()});
  Result k2 = openssl({"x509", "-noout", "-pubkey", "-in", (desk / "server.pem").string()});
  EXPECT_EQ(k1.out, k2.out);
}

TEST_F(AdminDeskCert, ABadAddressOrAnUnwritableFolderIsRefusedWithWords) {
  Result r = cert({"--ip", "192.168.1.300"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--ip 192.168.1.300 is not an IP address (write it like 192.168.1.20"), std::string::npos)
      << r.err;
  r = cert({"--host", "accueil_pc!"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is not a host name"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(desk)) << "nothing written on a refusal";

  // A folder that cannot be written: run as nobody when the tests run as root.
  fs::permissions(t.path, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(cfg, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
  std::vector<std::string> argv = {bin("shubbak-admin"), "--config", cfg.string(), "desk-cert", "--host", "pc"};
  if (::geteuid() == 0) argv.insert(argv.begin(), {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"});
  r = run(argv);
  fs::permissions(cfg, fs::perms::owner_all);
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("cannot make " + desk.string() + ": Permission denied. Nothing written."), std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(desk));
}

TEST_F(AdminDeskCert, ATlsHandshakeWithTheFilesSucceedsForTheCentresNamesOnly) {
  ASSERT_EQ(cert({"--host", "accueil-pc", "--ip", "192.168.1.20"}).exit_code, 0);
  const int port = free_port();
  Process server = spawn({"/bin/sh", "-c",
                          "exec /usr/bin/openssl s_server -accept 127.0.0.1:" + std::to_string(port) +
                              " -www -naccept 2 -cert " + (desk / "server.pem").string() + " -key " + (desk / "server.key").string() + " 1>&2"});
  ASSERT_TRUE(server.wait_for("ACCEPT"));
  auto client = [&](const std::string& name) {
    return run({"/usr/bin/openssl", "s_client", "-connect", "127.0.0.1:" + std::to_string(port), "-servername", name,
                "-CAfile", (desk / "ca.pem").string(), "-verify_return_error", "-verify_hostname", name, "-brief"},
               "");
  };
  Result ok = client("localhost");
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.err.find("Verification: OK"), std::string::npos) << ok.err;
  Result wrong = client("other-pc");
  EXPECT_NE(wrong.exit_code, 0) << wrong.err;
  EXPECT_NE(wrong.err.find("hostname mismatch"), std::string::npos) << wrong.err;
}
