#include "sync/transport/https_client.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace shubbak::transport {

namespace {

struct Global {
  Global() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~Global() { curl_global_cleanup(); }
};

// Where curl delivers one answer, with its bounds. Returning less than it was given aborts the transfer at once
// (CURLE_WRITE_ERROR): nothing more is read, decoded or kept.
struct Sink {
  HttpResponse& r;
  const AnswerLimits& limits;
  size_t header_bytes = 0;
};

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* s = static_cast<Sink*>(user);
  const size_t len = size * n;
  if (len > s->limits.body_bytes - std::min(s->limits.body_bytes, s->r.body.size())) {
    s->r.oversized = true;
    return 0;
  }
  s->r.body.append(data, len);
  return len;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* s = static_cast<Sink*>(user);
  const size_t len = size * n;
  s->header_bytes += len;
  if (s->header_bytes > s->limits.header_bytes) {
    s->r.oversized = true;
    return 0;
  }
  parse_header_line(std::string(data, len), s->r.headers);
  return len;
}

}  // namespace

void parse_header_line(const std::string& line, std::map<std::string, std::string>& headers) {
  if (line.rfind("HTTP/", 0) == 0) headers.clear();  // a new response (after 100-continue)
  size_t colon = line.find(':');
  if (colon == std::string::npos) return;
  std::string name = line.substr(0, colon);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string value = line.substr(colon + 1);
  size_t b = value.find_first_not_of(" \t"), e = value.find_last_not_of(" \t\r\n");
  headers[name] = b == std::string::npos ? "" : value.substr(b, e - b + 1);
}

HttpsClient::HttpsClient(TlsOptions tls, Timeouts timeouts, AnswerLimits limits)
    : tls_(std::move(tls)), timeouts_(timeouts), limits_(limits) {
  static Global global;
  curl_ = curl_easy_init();
  if (!curl_) throw std::runtime_error("libcurl failed to initialise");
}

HttpsClient::~HttpsClient() { curl_easy_cleanup(curl_); }

void HttpsClient::reset_connection() {
  curl_easy_cleanup(curl_);
  curl_ = curl_easy_init();
}

void HttpsClient::configure() {
  curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "https");  // never plain HTTP, not even on a redirect
  curl_easy_setopt(curl_, CURLOPT_REDIR_PROTOCOLS_STR, "https");
  curl_easy_setopt(curl_, CURLOPT_FOLLOWLOCATION, 0L);       // a captive portal's redirect is not the ministry
  curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
  if (!tls_.ca_file.empty()) curl_easy_setopt(curl_, CURLOPT_CAINFO, tls_.ca_file.c_str());
  if (!tls_.pins.empty()) curl_easy_setopt(curl_, CURLOPT_PINNEDPUBLICKEY, tls_.pins.c_str());
  if (!tls_.client_cert.empty()) {
    curl_easy_setopt(curl_, CURLOPT_SSLCERT, tls_.client_cert.c_str());
    curl_easy_setopt(curl_, CURLOPT_SSLKEY, tls_.client_key.c_str());
  }
  curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, timeouts_.connect_seconds);
  curl_easy_setopt(curl_, CURLOPT_LOW_SPEED_LIMIT, 10L);
  curl_easy_setopt(curl_, CURLOPT_LOW_SPEED_TIME, timeouts_.low_speed_seconds);
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT, timeouts_.total_seconds);
  curl_easy_setopt(curl_, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl_, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
  // gzip answers only: with "" curl also offers brotli, and the reference server then spent two thirds of its time
  // in brotli at its highest quality on small JSON answers (measured by scripts/bench).
  curl_easy_setopt(curl_, CURLOPT_ACCEPT_ENCODING, "gzip");
  // A declared length over the limit is refused before the body is read (the write callback bounds the rest).
  curl_easy_setopt(curl_, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits_.body_bytes));
  // Set here, after curl_easy_reset: the benchmark baseline's new connection for every request.
  curl_easy_setopt(curl_, CURLOPT_FRESH_CONNECT, fresh_ ? 1L : 0L);
  curl_easy_setopt(curl_, CURLOPT_FORBID_REUSE, fresh_ ? 1L : 0L);
}

HttpResponse HttpsClient::request(const std::string& method, const std::string& url,
                                  const std::map<std::string, std::string>& headers, const std::string& body) {
  HttpResponse r;
  Sink sink{r, limits_};
  char err[CURL_ERROR_SIZE] = {0};
  curl_easy_reset(curl_);  // options only; the connection cache stays
  configure();
  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, err);
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &sink);
  struct curl_slist* list = nullptr;
  for (const auto& [k, v] : headers) list = curl_slist_append(list, (k + ": " + v).c_str());
  list = curl_slist_append(list, "Expect:");  // no 100-continue round trip on slow links
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list);
  if (method == "POST") {
    curl_easy_setopt(curl_, CURLOPT_POST, 1L);
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  } else if (method != "GET") {
    curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  r.curl = curl_easy_perform(curl_);
  curl_slist_free_all(list);
  if (r.curl == CURLE_FILESIZE_EXCEEDED) r.oversized = true;
  if (r.curl != CURLE_OK) r.curl_error = err[0] ? err : curl_easy_strerror(r.curl);
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &r.status);
  curl_off_t retry = -1;
  if (curl_easy_getinfo(curl_, CURLINFO_RETRY_AFTER, &retry) == CURLE_OK && r.headers.count("retry-after"))
    r.retry_after_seconds = retry < 0 ? 0 : static_cast<long>(retry);
  curl_off_t app_connect_us = 0;  // from the start of this transfer until the TLS handshake was done
  if (curl_easy_getinfo(curl_, CURLINFO_APPCONNECT_TIME_T, &app_connect_us) == CURLE_OK)
    r.connect_ms = static_cast<double>(app_connect_us) / 1000.0;
  long header_out = 0, header_in = 0;
  curl_off_t up = 0, down = 0;
  curl_easy_getinfo(curl_, CURLINFO_REQUEST_SIZE, &header_out);
  curl_easy_getinfo(curl_, CURLINFO_HEADER_SIZE, &header_in);
  curl_easy_getinfo(curl_, CURLINFO_SIZE_UPLOAD_T, &up);
  curl_easy_getinfo(curl_, CURLINFO_SIZE_DOWNLOAD_T, &down);
  bytes_sent_ += static_cast<uint64_t>(header_out) + static_cast<uint64_t>(up);
  bytes_received_ += static_cast<uint64_t>(header_in) + static_cast<uint64_t>(down);
  ++requests_;
  if (r.oversized) reset_connection();  // the rest of that answer is still on the wire: never read it
  return r;
}

void HttpsClient::set_fresh_connections(bool on) { fresh_ = on; }

std::string gzip(const std::string& data) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib deflateInit2 failed");
  std::string out(deflateBound(&zs, data.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib deflate failed");
  return out;
}

std::optional<std::string> gzip_if_smaller(const std::string& body) {
  if (body.size() <= 4096) return std::nullopt;
  std::string z = gzip(body);
  if (z.size() >= body.size() * 9 / 10) return std::nullopt;
  return z;
}

}  // namespace shubbak::transport
