// Subnet (http/server.hpp): the allow-list's networks, and the text of a client's address.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/un.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <stdexcept>

#include "http/peer_address.hpp"
#include "http/server.hpp"

namespace shubbak::http {

namespace {

const unsigned char kV4Mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

[[noreturn]] void bad(const std::string& text, const std::string& why) {
  throw std::invalid_argument("\"" + text + "\" is not a network (" + why +
                              "; expected e.g. 192.168.1.0/24, 10.0.0.5 or fd00::/8)");
}

std::string trimmed(const std::string& s) {
  size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

// The bits of `bytes` past `prefix` set to zero (192.168.1.7/24 is 192.168.1.0/24).
void mask(unsigned char* bytes, int size, int prefix) {
  for (int i = 0; i < size; ++i) {
    int keep = std::clamp(prefix - 8 * i, 0, 8);
    bytes[i] &= static_cast<unsigned char>(0xff00u >> keep);
  }
}

bool same_prefix(const unsigned char* a, const unsigned char* b, int prefix) {
  int whole = prefix / 8, rest = prefix % 8;
  if (std::memcmp(a, b, static_cast<size_t>(whole)) != 0) return false;
  if (rest == 0) return true;
  auto m = static_cast<unsigned char>(0xff00u >> rest);
  return (a[whole] & m) == (b[whole] & m);
}

int parse_prefix(const std::string& text, const std::string& digits, int max) {
  auto digit = [](unsigned char c) { return std::isdigit(c) != 0; };
  if (digits.empty() || digits.size() > 3 || !std::all_of(digits.begin(), digits.end(), digit))
    bad(text, "the prefix length after / must be a number");
  int n = std::stoi(digits);
  if (n > max) bad(text, "the prefix length is at most " + std::to_string(max));
  return n;
}

}  // namespace

Subnet Subnet::parse(const std::string& raw) {
  const std::string text = trimmed(raw);
  if (text.empty()) bad(raw, "it is empty");
  size_t slash = text.find('/');
  std::string host = text.substr(0, slash);
  Subnet s;
  if (inet_pton(AF_INET, host.c_str(), s.bytes) == 1) {
    s.family = AF_INET;
    s.prefix = slash == std::string::npos ? 32 : parse_prefix(text, text.substr(slash + 1), 32);
  } else if (inet_pton(AF_INET6, host.c_str(), s.bytes) == 1) {
    s.family = AF_INET6;
    s.prefix = slash == std::string::npos ? 128 : parse_prefix(text, text.substr(slash + 1), 128);
    if (s.prefix >= 96 && std::memcmp(s.bytes, kV4Mapped, sizeof kV4Mapped) == 0) {  // ::ffff:a.b.c.d/n
      std::memmove(s.bytes, s.bytes + 12, 4);
      std::memset(s.bytes + 4, 0, 12);
      s.family = AF_INET;
      s.prefix -= 96;
    }
  } else {
    bad(raw, "not an IPv4 or IPv6 address");
  }
  mask(s.bytes, s.family == AF_INET ? 4 : 16, s.prefix);
  return s;
}

bool Subnet::contains(const struct sockaddr* addr) const {
  if (!addr) return false;
  if (addr->sa_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(addr);
    return family == AF_INET && same_prefix(reinterpret_cast<const unsigned char*>(&in->sin_addr), bytes, prefix);
  }
  if (addr->sa_family != AF_INET6) return false;
  const auto* a = reinterpret_cast<const unsigned char*>(&reinterpret_cast<const sockaddr_in6*>(addr)->sin6_addr);
  if (std::memcmp(a, kV4Mapped, sizeof kV4Mapped) == 0)  // an IPv4 client on a dual-stack socket
    return family == AF_INET && same_prefix(a + 12, bytes, prefix);
  return family == AF_INET6 && same_prefix(a, bytes, prefix);
}

std::string peer_address(const struct sockaddr* addr) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (!addr || (addr->sa_family != AF_INET && addr->sa_family != AF_INET6)) return "unix";
  if (addr->sa_family == AF_INET)
    return inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(addr)->sin_addr, buf, sizeof buf) ? buf : "?";
  const auto* a = reinterpret_cast<const unsigned char*>(&reinterpret_cast<const sockaddr_in6*>(addr)->sin6_addr);
  if (std::memcmp(a, kV4Mapped, sizeof kV4Mapped) == 0) return inet_ntop(AF_INET, a + 12, buf, sizeof buf) ? buf : "?";
  return inet_ntop(AF_INET6, a, buf, sizeof buf) ? buf : "?";
}

}  // namespace shubbak::http
