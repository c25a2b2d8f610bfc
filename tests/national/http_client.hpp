// A raw HTTP/1.1 client for the tests of the receiver's bounds: it sends exactly the bytes a hostile client would
// (huge headers, endless chunked bodies, one byte a second) and notices when the server answers or hangs up.
#pragma once
#include <sys/types.h>

#include <string>
#include <string_view>

namespace shubbak::testing {

struct HttpAnswer {
  int status = 0;  // 0: the connection ended (or the deadline passed) without a status line
  std::string head, body;
  std::string header(const std::string& lower_case_name) const;
};

class RawConnection {
 public:
  explicit RawConnection(int port);                  // 127.0.0.1:port
  explicit RawConnection(const std::string& address);  // "unix:PATH" or "http://127.0.0.1:PORT"
  // To 127.0.0.1:port from the loopback address `source` (e.g. "127.0.0.2": another peer as the server sees it).
  RawConnection(int port, const std::string& source);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  int fd() const { return fd_; }
  // Sends all of `data`; false if the server hung up first.
  bool send_all(std::string_view data);
  // Sends `piece` again and again, up to `total` bytes, until the server answers or hangs up; returns the bytes
  // sent (less than `total`: the server stopped reading).
  size_t send_until_refused(std::string_view piece, size_t total, int seconds = 60);
  // One answer (headers, and a body of Content-Length), within `seconds`.
  HttpAnswer read_answer(int seconds = 10);
  // True when the server closed the connection within `seconds`.
  bool closed_within(int seconds);
  // Sends a GET of `path` (false if the server hung up first).
  bool send_get(const std::string& path);

 private:
  int fd_ = -1;
  std::string buffered_;
};

// One request on a fresh connection; the answer within `seconds`.
HttpAnswer http_request(const std::string& address, const std::string& method, const std::string& path,
                        const std::string& body = "", const std::string& extra_headers = "", int seconds = 10);
HttpAnswer http_request(int port, const std::string& method, const std::string& path, const std::string& body = "",
                        const std::string& extra_headers = "", int seconds = 10);

// Peak resident memory of a process, in bytes (VmHWM of /proc/PID/status).
long long peak_rss_bytes(pid_t pid);

}  // namespace shubbak::testing
