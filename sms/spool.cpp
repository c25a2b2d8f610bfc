#include "sms/spool.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <stdexcept>

#include "common/utf8.hpp"

namespace fs = std::filesystem;

namespace shubbak::sms {

namespace {

constexpr const char* kNote = "_shubbak-";
constexpr const char* kTempPrefix = ".shubbak-writing-";

void fsync_path(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open " + path + " to flush it: " + std::strerror(errno));
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw std::runtime_error("cannot flush " + path + " to disk: " + std::strerror(errno));
}

void write_all(int fd, const std::string& bytes, const std::string& path) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
    done += static_cast<size_t>(n);
  }
}

}  // namespace

Spool::Spool(std::string root) : root_(std::move(root)) {}

std::string Spool::dir(Where w) const {
  switch (w) {
    case Where::Outbox: return root_ + "/outbox/";
    case Where::Sent: return root_ + "/sent/";
    case Where::Error: return root_ + "/error/";
    case Where::Nowhere: break;
  }
  return root_ + "/";
}

void Spool::prepare() const {
  for (Where w : {Where::Outbox, Where::Sent, Where::Error}) {
    std::error_code ec;
    fs::create_directories(dir(w), ec);
    if (ec) throw std::runtime_error("cannot make gammu's folder " + dir(w) + ": " + ec.message());
  }
}

std::string Spool::file_name(int64_t row, int attempt, const std::string& phone, bool urgent, TimePoint at) {
  const std::time_t t = std::chrono::system_clock::to_time_t(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d_%H%M%S", &tm);
  return std::string("OUT") + (urgent ? "A" : "C") + stamp + "_00_" + phone + kNote + std::to_string(row) + "-" +
         std::to_string(attempt) + ".txt";
}

std::optional<SpoolFile> Spool::parse_name(const std::string& name) {
  const auto at = name.rfind(kNote);
  if (name.rfind("OUT", 0) != 0 || at == std::string::npos || name.size() < 4 ||
      name.compare(name.size() - 4, 4, ".txt") != 0)
    return std::nullopt;
  SpoolFile f;
  f.name = name;
  long long row = 0;
  int attempt = 0;
  if (std::sscanf(name.c_str() + at + std::strlen(kNote), "%lld-%d.txt", &row, &attempt) != 2) return std::nullopt;
  f.row = row;
  f.attempt = attempt;
  return f;
}

void Spool::write(const std::string& name, const std::string& utf8_text) const {
  const std::string temp = dir(Where::Outbox) + kTempPrefix + std::to_string(::getpid());
  const std::string bytes = utf16be_with_bom(utf8_text);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot write in gammu's outbox " + dir(Where::Outbox) + ": " + std::strerror(errno));
  try {
    write_all(fd, bytes, temp);
    if (::fsync(fd) != 0) throw std::runtime_error("cannot flush " + temp + ": " + std::strerror(errno));
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  ::close(fd);
  if (::rename(temp.c_str(), (dir(Where::Outbox) + name).c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot put a message in gammu's outbox: " + why);
  }
  fsync_path(dir(Where::Outbox), O_RDONLY | O_DIRECTORY);
}

Where Spool::find(const std::string& name) const {
  // gammu renames outbox -> sent/error: looking in that order, a file moving meanwhile is seen in the later folder.
  for (Where w : {Where::Outbox, Where::Sent, Where::Error}) {
    struct stat st{};
    if (::stat((dir(w) + name).c_str(), &st) == 0) return w;
  }
  return Where::Nowhere;
}

void Spool::remove(Where where, const std::string& name) const {
  if (where == Where::Nowhere) return;
  if (::unlink((dir(where) + name).c_str()) != 0 && errno != ENOENT)
    throw std::runtime_error("cannot delete a message from gammu's folder " + dir(where) + ": " + std::strerror(errno));
}

std::vector<SpoolFile> Spool::ours(Where where) const {
  std::vector<SpoolFile> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir(where), ec), end; !ec && it != end; it.increment(ec))
    if (auto f = parse_name(it->path().filename().string())) out.push_back(*f);
  return out;
}

std::optional<std::chrono::seconds> Spool::oldest_in_outbox(TimePoint now) const {
  std::optional<std::chrono::seconds> oldest;
  for (const auto& f : ours(Where::Outbox)) {
    struct stat st{};
    if (::stat((dir(Where::Outbox) + f.name).c_str(), &st) != 0) continue;  // taken by gammu meanwhile
    const auto age = std::chrono::duration_cast<std::chrono::seconds>(
        now - std::chrono::system_clock::from_time_t(st.st_mtime));
    if (!oldest || age > *oldest) oldest = age;
  }
  return oldest;
}

void Spool::remove_temporaries() const {
  std::error_code ec;
  for (fs::directory_iterator it(dir(Where::Outbox), ec), end; !ec && it != end; it.increment(ec))
    if (it->path().filename().string().rfind(kTempPrefix, 0) == 0) fs::remove(it->path(), ec);
}

std::string utf16be_with_bom(const std::string& utf8) {
  std::string out = "\xFE\xFF";
  auto put = [&](char16_t u) {
    out.push_back(static_cast<char>(u >> 8));
    out.push_back(static_cast<char>(u & 0xFF));
  };
  for (char32_t c : utf8_to_u32(utf8)) {
    if (c > 0xFFFF) {
      c -= 0x10000;
      put(static_cast<char16_t>(0xD800 + (c >> 10)));
      put(static_cast<char16_t>(0xDC00 + (c & 0x3FF)));
    } else {
      put(static_cast<char16_t>(c));
    }
  }
  return out;
}

std::string utf8_from_utf16_file(const std::string& bytes) {
  size_t i = 0;
  bool big = true;
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xFE)
    big = false, i = 2;
  else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE && static_cast<unsigned char>(bytes[1]) == 0xFF)
    i = 2;
  std::u32string text;
  for (; i + 1 < bytes.size(); i += 2) {
    const unsigned a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    char32_t u = big ? (a << 8 | b) : (b << 8 | a);
    if (u >= 0xD800 && u < 0xDC00 && i + 3 < bytes.size()) {
      const unsigned c = static_cast<unsigned char>(bytes[i + 2]), d = static_cast<unsigned char>(bytes[i + 3]);
      const char32_t lo = big ? (c << 8 | d) : (d << 8 | c);
      u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
      i += 2;
    }
    text.push_back(u);
  }
  return u32_to_utf8(text);
}

}  // namespace shubbak::sms
