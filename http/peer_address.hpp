// The text of a client's address, as Request::peer holds it: "203.0.113.7", "fd00::5" (an IPv4 client on a
// dual-stack socket, ::ffff:203.0.113.7, is shown as 203.0.113.7), "unix" on a unix socket or without an address.
#pragma once
#include <sys/socket.h>

#include <string>

namespace shubbak::http {

std::string peer_address(const struct sockaddr* addr);

}  // namespace shubbak::http
