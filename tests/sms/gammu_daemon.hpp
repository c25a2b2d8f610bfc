// A real gammu-smsd (Debian's) with Gammu's dummy phone driver, in a temporary folder: `model = dummy`,
// `connection = none`, `device = DIR` really "sends" each message and renames its file from the spool's outbox/
// into sent/. Started in the foreground as a child process, so a test can SIGKILL it. config/gammu/smsdrc.dummy is
// the same file for a person to try by hand.
#pragma once
#include <signal.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace shubbak::testing {

namespace fs = std::filesystem;

// Waits for a condition, looking every few milliseconds, until the deadline. True if it held.
inline bool wait_until(const std::function<bool()>& cond, std::chrono::milliseconds deadline) {
  const auto end = std::chrono::steady_clock::now() + deadline;
  while (!cond()) {
    if (std::chrono::steady_clock::now() > end) return cond();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class GammuDaemon {
 public:
  explicit GammuDaemon(fs::path root) : root_(std::move(root)) {
    for (const char* d : {"dev", "spool/inbox", "spool/outbox", "spool/sent", "spool/error"})
      fs::create_directories(root_ / d);
    std::ofstream(root_ / "smsdrc") << "[gammu]\ndevice = " << (root_ / "dev").string()
                                    << "/\nmodel = dummy\nconnection = none\n\n[smsd]\nservice = files\n"
                                    << "logfile = " << spool().string() << "/gammu-smsd.log\ndebuglevel = 0\n"
                                    << "inboxpath = " << spool().string() << "/inbox/\noutboxpath = "
                                    << spool().string() << "/outbox/\nsentsmspath = " << spool().string()
                                    << "/sent/\nerrorsmspath = " << spool().string() << "/error/\nloopsleep = 1\n"
                                    << "commtimeout = 1\nsendtimeout = 5\nstatusfrequency = 0\n";
  }
  ~GammuDaemon() { stop(); }
  fs::path spool() const { return root_ / "spool"; }
  fs::path rc() const { return root_ / "smsdrc"; }

  void start() {
    pid_ = ::fork();
    if (pid_ == 0) {
      const std::string out = (root_ / "gammu-smsd.out").string();
      FILE* f = std::freopen(out.c_str(), "a", stdout);
      (void)f;
      ::dup2(::fileno(stdout), 2);
      ::execlp("gammu-smsd", "gammu-smsd", "-c", rc().c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  bool running() const { return pid_ > 0; }
  void kill9() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    if (!wait_exit(status, std::chrono::seconds(10))) kill9();
    pid_ = -1;
  }

 private:
  bool wait_exit(int& status, std::chrono::seconds deadline) {
    return wait_until([&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; }, deadline);
  }
  fs::path root_;
  pid_t pid_ = -1;
};

// Every file that arrives in a folder (inotify IN_MOVED_TO: gammu renames), counted by name, on a thread: what
// gammu-smsd moved into sent/, even if shubbak-sms deletes it a moment later.
class ArrivalCounter {
 public:
  explicit ArrivalCounter(const fs::path& dir) {
    fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    ::inotify_add_watch(fd_, dir.c_str(), IN_MOVED_TO);
    thread_ = std::thread([this] { run(); });
  }
  ~ArrivalCounter() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  std::map<std::string, int> arrivals() {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_;
  }

 private:
  void run() {
    alignas(inotify_event) char buf[64 * 1024];
    while (!stop_) {
      ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n <= 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        continue;
      }
      for (char* p = buf; p < buf + n;) {
        auto* e = reinterpret_cast<inotify_event*>(p);
        if (e->len) {
          std::lock_guard<std::mutex> lock(mu_);
          ++seen_[e->name];
        }
        p += sizeof(inotify_event) + e->len;
      }
    }
  }
  int fd_ = -1;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mu_;
  std::map<std::string, int> seen_;
};

}  // namespace shubbak::testing
