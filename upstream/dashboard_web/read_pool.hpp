// The dashboard's read-only connections to PostgreSQL (a primary or a hot standby), one per worker at most: a page
// borrows one for its one call of the figures, inside a READ ONLY transaction. A connection found broken is opened
// again on its next use, so a database that comes back is used again without a restart.
#pragma once
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "upstream/pg/connection.hpp"

namespace shubbak::upstream::dashboard_web {

class ReadPool {
 public:
  ReadPool(std::string conninfo, int size) : conninfo_(std::move(conninfo)), size_(size) {}

  class Lease {
   public:
    Lease(ReadPool& p, std::unique_ptr<pg::Connection> c) : pool_(p), c_(std::move(c)) {}
    ~Lease() { pool_.give_back(std::move(c_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    pg::Connection& operator*() { return *c_; }

   private:
    ReadPool& pool_;
    std::unique_ptr<pg::Connection> c_;
  };
  // A connection (opened now if none is free and fewer than `size` exist; else waits for one). Throws
  // DatabaseUnavailable if it cannot connect.
  Lease borrow();

 private:
  void give_back(std::unique_ptr<pg::Connection> c);
  std::string conninfo_;
  int size_;
  int open_ = 0;  // connections in existence (free or lent)
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<pg::Connection>> free_;
};

}  // namespace shubbak::upstream::dashboard_web
