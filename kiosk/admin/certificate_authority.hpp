// The centre's own certificate authority for shubbak-desk's HTTPS (OpenSSL's libcrypto, already linked by
// shubbak-admin): an EC P-256 CA limited by name constraints to private addresses and the PC's own names, and
// server certificates it signs. Everything in memory; desk_cert.cpp decides what is written where.
#pragma once
#include <chrono>
#include <memory>
#include <string>
#include <vector>

typedef struct evp_pkey_st EVP_PKEY;
typedef struct x509_st X509;

namespace shubbak::admin {

// Tuning of the certificates (one place).
namespace cert_tuning {
constexpr int kCaDays = 3652;                   // ten years: installed once on every staff PC
constexpr int kServerDays = 825;                // browsers (Apple's rule) refuse server certificates valid longer
constexpr int kBackdateHours = 24;              // a staff PC whose clock is a day behind still accepts a new one
constexpr int kSerialBits = 127;                // random, positive, under the 20-octet limit
}  // namespace cert_tuning

struct KeyDeleter {
  void operator()(EVP_PKEY* k) const;
};
struct CertDeleter {
  void operator()(X509* c) const;
};
using Key = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using Cert = std::unique_ptr<X509, CertDeleter>;

// An IP address, checked and written the canonical way ("192.168.1.20", "fe80::1").
struct IpAddress {
  std::string text;
  bool v6 = false;
  // Empty text when `s` is not an IPv4 or IPv6 address.
  static IpAddress parse(const std::string& s);
};

// What the server certificate names: browsers compare the address typed with these.
struct ServerNames {
  std::vector<std::string> dns;    // host names, e.g. "accueil-pc", "localhost"
  std::vector<IpAddress> ips;      // e.g. 192.168.1.20, 127.0.0.1
};

// True when `name` can be a DNS host name (letters, digits, hyphens, dots; labels of 1..63; at most 253).
bool valid_host_name(const std::string& name);

Key make_key();  // EC P-256
// A self-signed CA named "Shubbak <centre> centre CA", permitted only the private IPv4/IPv6 ranges, loopback, the
// given names' addresses outside them, and the given host names plus local, home.arpa, lan, internal, localhost.
Cert make_ca(const Key& key, const std::string& centre_name, const ServerNames& names);
// A server certificate for `names` (SAN), EKU serverAuth, valid kServerDays (never past the CA's own end).
Cert make_server_cert(const Key& server_key, const Cert& ca, const Key& ca_key, const ServerNames& names);

// "" when `cert` chains to `ca` for a TLS server (name constraints included); otherwise OpenSSL's reason.
std::string verify_server_cert(const Cert& cert, const Cert& ca);
// "" when `key` is the private key of `cert`; otherwise what is wrong.
std::string check_key_matches(const Cert& cert, const Key& key);

std::string to_pem(const Cert& c);
std::string to_pem(const Key& k);  // PKCS#8, unencrypted (the file's mode protects it)
// Reading PEM files; a null pointer when the file is missing or not PEM of that kind.
Cert read_cert(const std::string& path);
Key read_key(const std::string& path);

// "AB:CD:..." of the DER certificate (what Firefox and Chrome show; Windows shows SHA-1 as "Thumbprint").
std::string fingerprint_sha256(const Cert& c);
std::string fingerprint_sha1(const Cert& c);
std::string not_after(const Cert& c);  // "2028-03-05" (UTC)
std::string subject_cn(const Cert& c);

}  // namespace shubbak::admin
