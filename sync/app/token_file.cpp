#include "sync/app/token_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/config_file.hpp"

namespace shubbak::sync_app {

namespace {

constexpr size_t kMaxTokenFileBytes = 4096;  // a token is a line; more is not a token file

[[noreturn]] void fail(const std::string& path, int err) {
  throw ConfigError(path, 0, "", std::string("cannot read this kiosk's token file ([sync] token_file): ") +
                                     std::strerror(err));
}

}  // namespace

std::string read_token(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(path, errno);
  std::string text(kMaxTokenFileBytes, '\0');
  ssize_t n = ::read(fd, text.data(), text.size());
  int err = errno;
  ::close(fd);
  if (n < 0) fail(path, err);
  text.resize(static_cast<size_t>(n));
  std::string t = text.substr(0, text.find('\n'));
  while (!t.empty() && (t.back() == '\r' || t.back() == ' ')) t.pop_back();
  if (t.empty()) throw ConfigError(path, 0, "", "this kiosk's token file ([sync] token_file) is empty");
  return t;
}

}  // namespace shubbak::sync_app
