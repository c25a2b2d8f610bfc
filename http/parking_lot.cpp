#include "http/parking_lot.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace shubbak::http {

ParkingLot::ParkingLot(int capacity, Release release)
    : capacity_(static_cast<size_t>(capacity > 0 ? capacity : 0)), release_(std::move(release)) {
  event_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (event_fd_ < 0) throw std::runtime_error("cannot make the parked requests' event descriptor");
  thread_ = std::thread([this] { run(); });
}

ParkingLot::~ParkingLot() {
  close();
  ::close(event_fd_);
}

void ParkingLot::signal() {
  uint64_t one = 1;
  [[maybe_unused]] ssize_t n = write(event_fd_, &one, sizeof one);
}

ParkingLot::Parked ParkingLot::park(Exchange* x, int fd, Clock::time_point deadline, unsigned long long wakes_seen) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_) return Parked::Closed;
    // Counted before the wake count is compared: a wake() either sees this car counted (and takes the lock, after
    // it is parked) or has already moved the count on (and the handler runs again at once).
    count_.fetch_add(1);
    if (wakes_.load() != wakes_seen) {
      count_.fetch_sub(1);
      return Parked::WokenMeanwhile;
    }
    if (cars_.size() >= capacity_) {
      count_.fetch_sub(1);
      return Parked::Full;
    }
    cars_.emplace(x, Car{fd, deadline, ++tickets_});
  }
  signal();
  return Parked::Yes;
}

void ParkingLot::wake() {
  wakes_.fetch_add(1);
  if (count_.load() == 0) return;
  std::vector<Exchange*> woken;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [x, car] : cars_) woken.push_back(x);
    cars_.clear();
    count_.store(0);
  }
  signal();
  for (Exchange* x : woken) release_(x, Why::Woken);
}

void ParkingLot::close() {
  std::vector<Exchange*> left;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_) return;
    closed_ = true;
  }
  signal();
  thread_.join();
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [x, car] : cars_) left.push_back(x);
    cars_.clear();
    count_.store(0);
  }
  for (Exchange* x : left) release_(x, Why::TimedOut);
}

// Hands back the cars whose client hung up (`hung_up`: as polled, each checked to be still parked) and those past
// their deadline.
void ParkingLot::release_due(const std::vector<std::pair<Exchange*, unsigned long long>>& hung_up) {
  std::vector<std::pair<Exchange*, Why>> out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_) return;  // close() hands back what is left
    for (const auto& [x, ticket] : hung_up) {
      auto it = cars_.find(x);
      if (it != cars_.end() && it->second.ticket == ticket) {
        out.emplace_back(x, Why::Gone);
        cars_.erase(it);
      }
    }
    const auto now = Clock::now();
    for (auto it = cars_.begin(); it != cars_.end();) {
      if (it->second.deadline > now) {
        ++it;
        continue;
      }
      out.emplace_back(it->first, Why::TimedOut);
      it = cars_.erase(it);
    }
    count_.fetch_sub(static_cast<int>(out.size()));
  }
  for (const auto& [x, why] : out) release_(x, why);
}

void ParkingLot::run() {
  std::vector<pollfd> fds;
  std::vector<std::pair<Exchange*, unsigned long long>> polled, hung_up;
  for (;;) {
    int timeout_ms = -1;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (closed_) return;
      fds.assign(1, pollfd{event_fd_, POLLIN, 0});
      polled.clear();
      auto next = Clock::time_point::max();
      for (const auto& [x, car] : cars_) {
        fds.push_back(pollfd{car.fd, POLLRDHUP, 0});  // not POLLIN: bytes a client sends early wake nobody
        polled.emplace_back(x, car.ticket);
        next = std::min(next, car.deadline);
      }
      if (next != Clock::time_point::max()) {
        auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(next - Clock::now()).count();
        long long ms = ns <= 0 ? 0 : (ns + 999'999) / 1'000'000;  // rounded up: never woken early
        timeout_ms = static_cast<int>(std::min<long long>(ms, 1'000'000'000));
      }
    }
    poll(fds.data(), fds.size(), timeout_ms);
    if (fds[0].revents & POLLIN) {
      uint64_t drained;
      [[maybe_unused]] ssize_t n = read(event_fd_, &drained, sizeof drained);
    }
    hung_up.clear();
    for (size_t i = 1; i < fds.size(); ++i)
      if (fds[i].revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) hung_up.push_back(polled[i - 1]);
    release_due(hung_up);
  }
}

}  // namespace shubbak::http
