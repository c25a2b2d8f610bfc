// Deadlines on connections that libmicrohttpd's idle timeout cannot see: a client that sends one byte a second is
// never idle, yet must not hold a socket for ever. Its headers must be whole within `header_seconds` of the
// connection (or of the previous answer on a kept-alive one), its body within `body_seconds` of its headers. A
// connection past its deadline is shut down (shutdown(2): the server then sees it closed and frees it). A request
// being answered is never cut.
#pragma once
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

namespace shubbak::http {

class ConnectionWatch {
 public:
  using Clock = std::chrono::steady_clock;
  struct Entry {
    int fd = -1;
    Clock::time_point deadline;
    bool answering = false;
  };

  ConnectionWatch(int header_seconds, int body_seconds);
  ~ConnectionWatch();
  ConnectionWatch(const ConnectionWatch&) = delete;
  ConnectionWatch& operator=(const ConnectionWatch&) = delete;

  Entry* opened(int fd);         // a new connection; its headers are due
  void closed(Entry* e);         // before the socket is closed
  void headers_received(Entry* e);
  void answering(Entry* e);      // its request went to a worker
  void answered(Entry* e);       // the next request's headers are due
  int cut() const { return cut_; }

 private:
  void run();
  const int header_seconds_, body_seconds_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::set<Entry*> entries_;
  bool stopping_ = false;
  int cut_ = 0;
  std::thread thread_;
};

}  // namespace shubbak::http
