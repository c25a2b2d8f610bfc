// Parked requests (long polling): their connections wait suspended, holding no worker, until Server::wake(), their
// deadline, or their client hanging up. One thread waits on all of them at once (poll(2) on their sockets for a
// hang-up, with the nearest deadline as its timeout; never a busy loop) and hands each one back through `release`,
// outside the lot's lock. A wake that comes while a handler is deciding to park is not lost: park() compares the
// wake count the handler saw before it ran.
#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace shubbak::http {

struct Exchange;

class ParkingLot {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Why { Woken, TimedOut, Gone };
  enum class Parked { Yes, Full, WokenMeanwhile, Closed };
  using Release = std::function<void(Exchange*, Why)>;

  ParkingLot(int capacity, Release release);
  ~ParkingLot();  // close()
  ParkingLot(const ParkingLot&) = delete;
  ParkingLot& operator=(const ParkingLot&) = delete;

  // Read before the handler runs; passed to park() after it asked to park.
  unsigned long long wakes() const { return wakes_.load(); }
  // `fd`: the connection's socket, watched for a hang-up while it is parked.
  Parked park(Exchange* x, int fd, Clock::time_point deadline, unsigned long long wakes_seen);
  void wake();   // every parked request released Woken (any thread; an atomic add when none is parked)
  void close();  // every parked request released TimedOut; park() says Closed from then on
  int size() const { return count_.load(); }

 private:
  struct Car {
    int fd;
    Clock::time_point deadline;
    unsigned long long ticket;  // tells a car from a later one at the same address
  };
  void run();
  void signal();
  void release_due(const std::vector<std::pair<Exchange*, unsigned long long>>& hung_up);

  const size_t capacity_;
  const Release release_;
  std::atomic<unsigned long long> wakes_{0};
  std::atomic<int> count_{0};
  std::mutex mu_;
  std::map<Exchange*, Car> cars_;
  unsigned long long tickets_ = 0;
  bool closed_ = false;
  int event_fd_ = -1;  // written to rebuild the poll set (a car came or left, or close)
  std::thread thread_;
};

}  // namespace shubbak::http
