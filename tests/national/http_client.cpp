#include "tests/national/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <stdexcept>

namespace shubbak::testing {

namespace {

using Clock = std::chrono::steady_clock;

// A constructor that throws runs no destructor: the socket is closed here.
[[noreturn]] void fail(int& fd, const std::string& what) {
  close(fd);
  fd = -1;
  throw std::runtime_error(what);
}

int remaining_ms(Clock::time_point deadline) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return ms > 0 ? static_cast<int>(ms) : 0;
}

}  // namespace

std::string HttpAnswer::header(const std::string& name) const {
  std::string lower = head;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  size_t at = lower.find("\r\n" + name + ":");
  if (at == std::string::npos) return "";
  size_t start = at + 3 + name.size(), end = head.find("\r\n", start);
  std::string v = head.substr(start, end - start);
  v.erase(0, v.find_first_not_of(' '));
  return v;
}

RawConnection::RawConnection(int port) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(static_cast<uint16_t>(port));
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) fail(fd_, "connect failed");
}

RawConnection::RawConnection(int port, const std::string& source) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in from{};
  from.sin_family = AF_INET;
  if (inet_pton(AF_INET, source.c_str(), &from.sin_addr) != 1) fail(fd_, "bad address " + source);
  if (bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) fail(fd_, "bind " + source);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(static_cast<uint16_t>(port));
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) fail(fd_, "connect failed");
}

RawConnection::RawConnection(const std::string& address) {
  if (address.rfind("unix:", 0) != 0) {
    RawConnection tcp(std::stoi(address.substr(address.rfind(':') + 1)));
    std::swap(fd_, tcp.fd_);
    return;
  }
  fd_ = socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un sa{};
  sa.sun_family = AF_UNIX;
  address.substr(5).copy(sa.sun_path, sizeof sa.sun_path - 1);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) fail(fd_, "connect failed");
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) close(fd_);
}

bool RawConnection::send_all(std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

size_t RawConnection::send_until_refused(std::string_view piece, size_t total, int seconds) {
  auto deadline = Clock::now() + std::chrono::seconds(seconds);
  size_t sent = 0;
  while (sent < total) {
    pollfd p{fd_, POLLIN | POLLOUT, 0};
    if (poll(&p, 1, remaining_ms(deadline)) <= 0) break;
    if (p.revents & (POLLIN | POLLHUP | POLLERR)) break;  // an answer, or the server hung up
    size_t n = std::min(piece.size(), total - sent);
    ssize_t k = ::send(fd_, piece.data(), n, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (k < 0 && errno == EAGAIN) continue;
    if (k <= 0) break;
    sent += static_cast<size_t>(k);
  }
  return sent;
}

HttpAnswer RawConnection::read_answer(int seconds) {
  auto deadline = Clock::now() + std::chrono::seconds(seconds);
  HttpAnswer a;
  size_t head_end = std::string::npos, want = std::string::npos;
  for (;;) {
    if (head_end == std::string::npos && (head_end = buffered_.find("\r\n\r\n")) != std::string::npos) {
      a.head = buffered_.substr(0, head_end + 2);
      std::string len = a.header("content-length");
      want = head_end + 4 + (len.empty() ? 0 : std::stoul(len));
    }
    if (want != std::string::npos && buffered_.size() >= want) break;
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, remaining_ms(deadline)) <= 0) return a;
    char buf[65536];
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) break;
    buffered_.append(buf, static_cast<size_t>(n));
  }
  if (head_end == std::string::npos || a.head.rfind("HTTP/1.", 0) != 0) return HttpAnswer{};
  a.status = std::stoi(a.head.substr(9, 3));
  a.body = buffered_.substr(head_end + 4, want - head_end - 4);
  buffered_.erase(0, std::min(want, buffered_.size()));
  return a;
}

bool RawConnection::closed_within(int seconds) {
  auto deadline = Clock::now() + std::chrono::seconds(seconds);
  for (;;) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, remaining_ms(deadline)) <= 0) return false;
    char buf[4096];
    ssize_t n = recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN)) return true;
  }
}

bool RawConnection::send_get(const std::string& path) {
  return send_all("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
}

namespace {

HttpAnswer exchange(RawConnection& c, const std::string& method, const std::string& path, const std::string& body,
                    const std::string& extra_headers, int seconds) {
  std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers;
  if (method != "GET" || !body.empty()) req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  req += "\r\n" + body;
  if (!c.send_all(req)) return {};
  return c.read_answer(seconds);
}

}  // namespace

HttpAnswer http_request(int port, const std::string& method, const std::string& path, const std::string& body,
                        const std::string& extra_headers, int seconds) {
  RawConnection c(port);
  return exchange(c, method, path, body, extra_headers, seconds);
}

HttpAnswer http_request(const std::string& address, const std::string& method, const std::string& path,
                        const std::string& body, const std::string& extra_headers, int seconds) {
  RawConnection c(address);
  return exchange(c, method, path, body, extra_headers, seconds);
}

long long peak_rss_bytes(pid_t pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6)) * 1024;
  return -1;
}

}  // namespace shubbak::testing
