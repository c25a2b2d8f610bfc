#include "common/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace shubbak {

static bool write_all(int fd, const std::string& body) {
  size_t done = 0;
  while (done < body.size()) {
    ssize_t n = ::write(fd, body.data() + done, body.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

static void sync_folder_of(const std::string& path) {
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

std::string replace_file(const std::string& target, const std::string& body, unsigned mode) {
  std::string tmp = target + ".XXXXXX";
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) return "cannot write beside " + target + ": " + std::strerror(errno);
  bool ok = ::fchmod(fd, static_cast<mode_t>(mode)) == 0 && write_all(fd, body) && ::fsync(fd) == 0;
  int err = errno;
  if (::close(fd) != 0 && ok) ok = false, err = errno;
  if (ok && ::rename(tmp.c_str(), target.c_str()) == 0) {
    sync_folder_of(target);
    return "";
  }
  if (ok) err = errno;
  ::unlink(tmp.c_str());
  return "cannot replace " + target + ": " + std::strerror(err);
}

}  // namespace shubbak
