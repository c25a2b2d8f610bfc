#include "kiosk/admin/certificate_authority.hpp"

#include <arpa/inet.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace shubbak::admin {

void KeyDeleter::operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
void CertDeleter::operator()(X509* c) const { X509_free(c); }

namespace {

[[noreturn]] void fail(const std::string& what) {
  char buf[256] = "";
  ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
  throw std::runtime_error(what + " (" + buf + ")");
}

// The private ranges a centre's LAN uses, and loopback: the CA may name nothing else (RFC 5280 name constraints),
// so that its key, should it ever leave this PC, cannot impersonate a bank or a ministry to the staff's browsers.
struct Range {
  const char* net;
  int prefix;
};
constexpr std::array<Range, 8> kPrivateRanges = {{{"10.0.0.0", 8}, {"172.16.0.0", 12}, {"192.168.0.0", 16},
                                                  {"169.254.0.0", 16}, {"127.0.0.0", 8}, {"::1", 128},
                                                  {"fc00::", 7}, {"fe80::", 10}}};
// DNS names the CA may certify besides the PC's own: the local-network suffixes (mDNS .local, RFC 8375 home.arpa).
constexpr std::array<const char*, 5> kLocalSuffixes = {"localhost", "local", "home.arpa", "lan", "internal"};

std::vector<unsigned char> ip_bytes(const std::string& text, bool v6) {
  std::vector<unsigned char> b(v6 ? 16 : 4);
  if (inet_pton(v6 ? AF_INET6 : AF_INET, text.c_str(), b.data()) != 1) b.clear();
  return b;
}

std::string mask_text(int prefix, bool v6) {
  std::vector<unsigned char> m(v6 ? 16 : 4, 0);
  for (int i = 0; i < prefix; ++i) m[i / 8] |= static_cast<unsigned char>(0x80 >> (i % 8));
  char out[INET6_ADDRSTRLEN] = "";
  inet_ntop(v6 ? AF_INET6 : AF_INET, m.data(), out, sizeof out);
  return out;
}

bool in_range(const IpAddress& ip, const Range& r) {
  bool v6 = std::string(r.net).find(':') != std::string::npos;
  if (v6 != ip.v6) return false;
  auto a = ip_bytes(ip.text, v6), n = ip_bytes(r.net, v6);
  for (int i = 0; i < r.prefix; ++i) {
    unsigned char bit = static_cast<unsigned char>(0x80 >> (i % 8));
    if ((a[i / 8] & bit) != (n[i / 8] & bit)) return false;
  }
  return true;
}

std::string name_constraints(const ServerNames& names) {
  std::string v = "critical";
  for (const Range& r : kPrivateRanges) {
    bool v6 = std::string(r.net).find(':') != std::string::npos;
    v += ",permitted;IP:" + std::string(r.net) + "/" + mask_text(r.prefix, v6);
  }
  for (const IpAddress& ip : names.ips) {
    bool covered = false;
    for (const Range& r : kPrivateRanges) covered = covered || in_range(ip, r);
    if (!covered) v += ",permitted;IP:" + ip.text + "/" + mask_text(ip.v6 ? 128 : 32, ip.v6);
  }
  for (const char* s : kLocalSuffixes) v += std::string(",permitted;DNS:") + s;
  for (const std::string& d : names.dns)
    if (std::find(kLocalSuffixes.begin(), kLocalSuffixes.end(), d) == kLocalSuffixes.end()) v += ",permitted;DNS:" + d;
  return v;
}

void add_ext(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* e = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (!e) fail("cannot make the certificate extension " + std::string(OBJ_nid2sn(nid)) + " = " + value);
  X509_add_ext(cert, e, -1);
  X509_EXTENSION_free(e);
}

// At most `max` characters (UTF-8 code points), cut on a character boundary.
std::string first_chars(const std::string& s, size_t max) {
  size_t chars = 0, i = 0;
  for (; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars++ == max) break;
  return s.substr(0, i);
}

X509_NAME* make_name(const std::string& cn) {
  X509_NAME* n = X509_NAME_new();
  auto add = [&](const char* field, const std::string& v) {
    if (!X509_NAME_add_entry_by_txt(n, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(v.c_str()), -1,
                                    -1, 0))
      fail(std::string("cannot name the certificate ") + field + " = " + v);
  };
  add("O", "Shubbak");
  add("CN", first_chars(cn, 64));  // X.520: a common name has at most 64 characters
  return n;
}

// A version 3 certificate with a random serial, valid `days` from a little before now.
X509* new_cert(const std::string& cn, X509_NAME* issuer, const Key& key, int days) {
  X509* x = X509_new();
  X509_set_version(x, 2);
  BIGNUM* serial = BN_new();
  if (!BN_rand(serial, cert_tuning::kSerialBits, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) ||
      !BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(x)))
    fail("cannot draw a serial number");
  BN_free(serial);
  const time_t start = std::time(nullptr) - cert_tuning::kBackdateHours * 3600;
  ASN1_TIME_set(X509_getm_notBefore(x), start);
  ASN1_TIME_adj(X509_getm_notAfter(x), start, days, 0);
  X509_NAME* subject = make_name(cn);
  X509_set_subject_name(x, subject);
  X509_set_issuer_name(x, issuer ? issuer : subject);
  X509_NAME_free(subject);
  X509_set_pubkey(x, key.get());
  return x;
}

std::string san(const ServerNames& names) {
  std::string v;
  for (const auto& d : names.dns) v += (v.empty() ? "DNS:" : ",DNS:") + d;
  for (const auto& ip : names.ips) v += (v.empty() ? "IP:" : ",IP:") + ip.text;
  return v;
}

std::string digest(const Cert& c, const EVP_MD* md) {
  unsigned char h[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (!X509_digest(c.get(), md, h, &n)) fail("cannot hash the certificate");
  std::string out;
  char hex[4];
  for (unsigned i = 0; i < n; ++i) {
    std::snprintf(hex, sizeof hex, i ? ":%02X" : "%02X", h[i]);
    out += hex;
  }
  return out;
}

}  // namespace

IpAddress IpAddress::parse(const std::string& s) {
  for (bool v6 : {false, true}) {
    auto b = ip_bytes(s, v6);
    if (b.empty()) continue;
    char out[INET6_ADDRSTRLEN] = "";
    inet_ntop(v6 ? AF_INET6 : AF_INET, b.data(), out, sizeof out);
    return {out, v6};
  }
  return {};
}

bool valid_host_name(const std::string& name) {
  if (name.empty() || name.size() > 253) return false;
  size_t label = 0;
  for (size_t i = 0; i <= name.size(); ++i) {
    char c = i < name.size() ? name[i] : '.';
    if (c == '.') {
      if (label == 0 || label > 63 || name[i - 1] == '-' || name[i - label] == '-') return false;
      label = 0;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '-') {
      ++label;
    } else {
      return false;
    }
  }
  return true;
}

Key make_key() {
  EVP_PKEY* k = EVP_EC_gen("P-256");
  if (!k) fail("cannot make an EC P-256 key");
  return Key(k);
}

Cert make_ca(const Key& key, const std::string& centre_name, const ServerNames& names) {
  Cert ca(new_cert("Shubbak " + first_chars(centre_name, 40) + " centre CA", nullptr, key, cert_tuning::kCaDays));
  add_ext(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
  add_ext(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_ext(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
  add_ext(ca.get(), ca.get(), NID_name_constraints, name_constraints(names));
  if (!X509_sign(ca.get(), key.get(), EVP_sha256())) fail("cannot sign the CA certificate");
  return ca;
}

Cert make_server_cert(const Key& server_key, const Cert& ca, const Key& ca_key, const ServerNames& names) {
  const std::string cn = names.dns.empty() ? names.ips.at(0).text : names.dns.front();
  Cert c(new_cert(cn, X509_get_subject_name(ca.get()), server_key, cert_tuning::kServerDays));
  if (ASN1_TIME_compare(X509_get0_notAfter(c.get()), X509_get0_notAfter(ca.get())) > 0)
    X509_set1_notAfter(c.get(), X509_get0_notAfter(ca.get()));  // never outlives its CA
  add_ext(c.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_ext(c.get(), ca.get(), NID_key_usage, "critical,digitalSignature");
  add_ext(c.get(), ca.get(), NID_ext_key_usage, "serverAuth");
  add_ext(c.get(), ca.get(), NID_subject_alt_name, san(names));
  add_ext(c.get(), ca.get(), NID_subject_key_identifier, "hash");
  add_ext(c.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
  if (!X509_sign(c.get(), ca_key.get(), EVP_sha256())) fail("cannot sign the server certificate");
  return c;
}

std::string verify_server_cert(const Cert& cert, const Cert& ca) {
  X509_STORE* store = X509_STORE_new();
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_add_cert(store, ca.get());
  std::string why = "cannot set up the check";
  if (X509_STORE_CTX_init(ctx, store, cert.get(), nullptr) == 1) {
    X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER);
    why = X509_verify_cert(ctx) == 1 ? "" : X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx));
  }
  X509_STORE_CTX_free(ctx);
  X509_STORE_free(store);
  return why;
}

std::string check_key_matches(const Cert& cert, const Key& key) {
  if (!cert || !key) return "missing";
  return X509_check_private_key(cert.get(), key.get()) == 1 ? "" : "the key is not this certificate's key";
}

std::string to_pem(const Cert& c) {
  BIO* b = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(b, c.get());
  char* data = nullptr;
  long n = BIO_get_mem_data(b, &data);
  std::string out(data, static_cast<size_t>(n));
  BIO_free(b);
  return out;
}

std::string to_pem(const Key& k) {
  BIO* b = BIO_new(BIO_s_mem());
  if (!PEM_write_bio_PrivateKey(b, k.get(), nullptr, nullptr, 0, nullptr, nullptr)) fail("cannot write the key");
  char* data = nullptr;
  long n = BIO_get_mem_data(b, &data);
  std::string out(data, static_cast<size_t>(n));
  OPENSSL_cleanse(data, static_cast<size_t>(n));
  BIO_free(b);
  return out;
}

Cert read_cert(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "r");
  if (!f) return nullptr;
  Cert c(PEM_read_X509(f, nullptr, nullptr, nullptr));
  std::fclose(f);
  return c;
}

Key read_key(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "r");
  if (!f) return nullptr;
  Key k(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr));
  std::fclose(f);
  return k;
}

std::string fingerprint_sha256(const Cert& c) { return digest(c, EVP_sha256()); }
std::string fingerprint_sha1(const Cert& c) { return digest(c, EVP_sha1()); }

std::string not_after(const Cert& c) {
  struct tm t {};
  if (ASN1_TIME_to_tm(X509_get0_notAfter(c.get()), &t) != 1) return "?";
  char out[16];
  std::strftime(out, sizeof out, "%Y-%m-%d", &t);
  return out;
}

std::string subject_cn(const Cert& c) {
  X509_NAME* n = X509_get_subject_name(c.get());
  int i = X509_NAME_get_index_by_NID(n, NID_commonName, -1);
  if (i < 0) return "";
  unsigned char* utf8 = nullptr;
  int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(n, i)));
  if (len < 0) return "";
  std::string out(reinterpret_cast<char*>(utf8), static_cast<size_t>(len));
  OPENSSL_free(utf8);
  return out;
}

}  // namespace shubbak::admin
