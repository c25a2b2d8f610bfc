// The listening socket the server is given (MHD_OPTION_LISTEN_SOCKET): TCP on HOST:PORT or a unix socket.
#pragma once
#include <string>

namespace shubbak::http {

struct ListenSocket {
  int fd = -1;
  std::string address;    // "http://HOST:PORT" with the real port, or "unix:PATH"
  int port = 0;           // 0 for a unix socket
  std::string unix_path;  // removed when the server stops
};

// Throws std::runtime_error naming the address and the system's reason.
ListenSocket open_listen_socket(const std::string& listen, int backlog);

}  // namespace shubbak::http
