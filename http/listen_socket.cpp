#include "http/listen_socket.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace shubbak::http {

namespace {

[[noreturn]] void fail(const std::string& listen, const std::string& what, int err) {
  throw std::runtime_error("cannot listen on " + listen + ": " + what + " (" + std::strerror(err) + ")");
}

void set_flags(int fd) {
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC);
}

ListenSocket open_unix(const std::string& listen, const std::string& path, int backlog) {
  sockaddr_un sa{};
  if (path.empty() || path.size() >= sizeof sa.sun_path) fail(listen, "the path is empty or too long", EINVAL);
  sa.sun_family = AF_UNIX;
  std::memcpy(sa.sun_path, path.c_str(), path.size());
  struct stat st{};
  if (lstat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode)) unlink(path.c_str());  // left by a killed receiver
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0) fail(listen, "socket", errno);
  if (bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 || ::listen(fd, backlog) != 0) {
    int e = errno;
    close(fd);
    fail(listen, "bind", e);
  }
  chmod(path.c_str(), 0666);  // as reachable as a loopback port: nginx's user connects; tokens still apply
  set_flags(fd);
  return {fd, "unix:" + path, 0, path};
}

int bound_port(int fd) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
  if (ss.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port);
  return ntohs(reinterpret_cast<sockaddr_in*>(&ss)->sin_port);
}

ListenSocket open_tcp(const std::string& listen, int backlog) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) fail(listen, "expected HOST:PORT or unix:PATH", EINVAL);
  std::string host = listen.substr(0, colon), port = listen.substr(colon + 1);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  addrinfo hints{}, *res = nullptr;
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  if (int rc = getaddrinfo(host.empty() ? nullptr : host.c_str(), port.c_str(), &hints, &res); rc != 0)
    throw std::runtime_error("cannot listen on " + listen + ": " + gai_strerror(rc));
  int fd = socket(res->ai_family, SOCK_STREAM, 0);
  int one = 1;
  if (fd >= 0) setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (fd < 0 || bind(fd, res->ai_addr, res->ai_addrlen) != 0 || ::listen(fd, backlog) != 0) {
    int e = errno;
    freeaddrinfo(res);
    if (fd >= 0) close(fd);
    fail(listen, "bind", e);
  }
  freeaddrinfo(res);
  set_flags(fd);
  int p = bound_port(fd);
  std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : (host.empty() ? "0.0.0.0" : host);
  return {fd, "http://" + shown + ":" + std::to_string(p), p, ""};
}

}  // namespace

ListenSocket open_listen_socket(const std::string& listen, int backlog) {
  if (listen.rfind("unix:", 0) == 0) return open_unix(listen, listen.substr(5), backlog);
  return open_tcp(listen, backlog);
}

}  // namespace shubbak::http
