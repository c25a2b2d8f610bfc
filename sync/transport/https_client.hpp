// HTTPS over libcurl: the only place the product calls curl. TLS is always verified; http:// is refused.
// One handle, so one connection is kept alive across requests.
#pragma once
#include <curl/curl.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "sync/transport/limits.hpp"

namespace shubbak::transport {

struct TlsOptions {
  std::string ca_file;      // PEM bundle; empty: the system's
  std::string pins;         // "sha256//BASE64[;sha256//BASE64]"; empty: no pinning
  std::string client_cert;  // PEM, with client_key: mutual TLS
  std::string client_key;
};

struct Timeouts {
  long connect_seconds = 10;
  long low_speed_seconds = 30;  // under 10 bytes/s for this long: abort (a stalled link)
  long total_seconds = kRequestDeadlineSeconds;  // the whole request, however fast the bytes come
};

// What one answer may be. Over a limit the transfer is aborted at once and the answer is `oversized`.
struct AnswerLimits {
  size_t body_bytes = kMaxAnswerBodyBytes;      // the body as decoded (after gzip)
  size_t header_bytes = kMaxAnswerHeaderBytes;  // every header line together
};

struct HttpResponse {
  CURLcode curl = CURLE_OK;
  std::string curl_error;  // curl's words when curl != CURLE_OK
  long status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  long retry_after_seconds = -1;  // from Retry-After, -1 if absent
  // The answer went over AnswerLimits (a gzip bomb, an endless or huge body): aborted, body incomplete.
  bool oversized = false;
  // Milliseconds spent opening the connection (TCP and TLS) before the request could go; 0 when one was reused.
  double connect_ms = 0;
  bool ok_transfer() const { return curl == CURLE_OK && !oversized; }
};

// One response header line as the server sent it ("Name: value\r\n"): stored under the lower-case name, value
// trimmed. A status line ("HTTP/...") starts a new response and clears what came before.
void parse_header_line(const std::string& line, std::map<std::string, std::string>& headers);

class HttpsClient {
 public:
  HttpsClient(TlsOptions tls, Timeouts timeouts, AnswerLimits limits = {});
  ~HttpsClient();
  HttpsClient(const HttpsClient&) = delete;
  HttpsClient& operator=(const HttpsClient&) = delete;

  HttpResponse request(const std::string& method, const std::string& url,
                       const std::map<std::string, std::string>& headers, const std::string& body);
  // Drops the connection (the next request makes a new one).
  void reset_connection();
  // Benchmark baseline only: a new connection (TCP + TLS handshake) for every request.
  void set_fresh_connections(bool on);
  // Bytes of requests (headers + bodies) and answers so far, as HTTP sees them (TLS framing not counted).
  uint64_t bytes_sent() const { return bytes_sent_; }
  uint64_t bytes_received() const { return bytes_received_; }
  uint64_t requests() const { return requests_; }

 private:
  void configure();
  CURL* curl_;
  TlsOptions tls_;
  Timeouts timeouts_;
  AnswerLimits limits_;
  bool fresh_ = false;
  uint64_t bytes_sent_ = 0, bytes_received_ = 0, requests_ = 0;
};

// gzip (RFC 1952) for Content-Encoding: gzip.
std::string gzip(const std::string& data);
// The protocol's rule (docs/sync-protocol.md): a body over 4 KiB is sent gzipped when that makes it at least 10%
// smaller (sealed payloads do not compress; the JSON around them does a little). nullopt: send it as it is.
std::optional<std::string> gzip_if_smaller(const std::string& body);

}  // namespace shubbak::transport
