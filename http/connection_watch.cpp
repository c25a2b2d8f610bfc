#include "http/connection_watch.hpp"

#include <sys/socket.h>

namespace shubbak::http {

ConnectionWatch::ConnectionWatch(int header_seconds, int body_seconds)
    : header_seconds_(header_seconds), body_seconds_(body_seconds), thread_([this] { run(); }) {}

ConnectionWatch::~ConnectionWatch() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
  for (Entry* e : entries_) delete e;
}

ConnectionWatch::Entry* ConnectionWatch::opened(int fd) {
  auto* e = new Entry{fd, Clock::now() + std::chrono::seconds(header_seconds_), false};
  std::lock_guard<std::mutex> lock(mu_);
  entries_.insert(e);
  return e;
}

void ConnectionWatch::closed(Entry* e) {
  if (!e) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    entries_.erase(e);
  }
  delete e;
}

void ConnectionWatch::headers_received(Entry* e) {
  if (!e) return;
  std::lock_guard<std::mutex> lock(mu_);
  e->deadline = Clock::now() + std::chrono::seconds(body_seconds_);
}

void ConnectionWatch::answering(Entry* e) {
  if (!e) return;
  std::lock_guard<std::mutex> lock(mu_);
  e->answering = true;
}

void ConnectionWatch::answered(Entry* e) {
  if (!e) return;
  std::lock_guard<std::mutex> lock(mu_);
  e->answering = false;
  e->deadline = Clock::now() + std::chrono::seconds(header_seconds_);
}

// Once a second: every connection past its deadline is shut down. The lock is held while shutting down, and
// closed() takes it before the server closes the descriptor, so a descriptor number reused by a new connection is
// never the one cut.
void ConnectionWatch::run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, std::chrono::seconds(1));
    auto now = Clock::now();
    for (Entry* e : entries_)
      if (!e->answering && e->deadline < now && e->fd >= 0) {
        shutdown(e->fd, SHUT_RDWR);
        e->fd = -1;
        ++cut_;
      }
  }
}

}  // namespace shubbak::http
