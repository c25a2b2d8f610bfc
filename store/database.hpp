// One SQLite connection, opened the only way Shubbak opens its store: WAL, synchronous=FULL, foreign keys,
// busy timeout, secure_delete — each checked after it is set. One Database per thread; never shared.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace shubbak::store {

// What went wrong, sorted so that screens can say it in words (disk full, read-only, busy, damaged).
enum class Fault { Full, ReadOnly, Busy, Corrupt, Io, Schema, Misuse, Constraint, Other };
const char* fault_name(Fault f);

class StoreError : public std::runtime_error {
 public:
  StoreError(Fault f, const std::string& message) : std::runtime_error(message), fault(f) {}
  const Fault fault;
};

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql);
  ~Statement();
  Statement(Statement&& o) noexcept : db_(o.db_), st_(o.st_) { o.st_ = nullptr; }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, const std::string& v);
  Statement& bind(int i, const char* v) { return bind(i, std::string(v)); }
  Statement& bind(int i, int64_t v);
  Statement& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
  Statement& bind_blob(int i, const std::vector<uint8_t>& v);
  Statement& bind_null(int i);
  // Steps once: true while a row is available.
  bool step();
  // Steps to the end (for statements without results).
  void run();
  void reset();

  bool is_null(int col) const;
  std::string text(int col) const;
  int64_t integer(int col) const;
  std::vector<uint8_t> blob(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

// A statement compiled once per connection and lent for one use: when the handle goes out of scope — normally or
// by an exception — the statement is reset and its bindings cleared, so no value (her name, her phone) stays bound
// in memory, and no read snapshot stays open. One lender at a time per statement.
class CachedStatement {
 public:
  CachedStatement(Statement& st, bool& in_use);
  ~CachedStatement();
  CachedStatement(CachedStatement&& o) noexcept : st_(o.st_), in_use_(o.in_use_) { o.st_ = nullptr; }
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  CachedStatement& operator=(CachedStatement&&) = delete;

  Statement* operator->() { return st_; }
  Statement& operator*() { return *st_; }

 private:
  Statement* st_;
  bool* in_use_;
};

struct OpenOptions {
  int busy_timeout_ms = 5000;
  bool create = true;
  std::string vfs;  // empty: default; tests name a fault-injecting VFS
};

class Database {
 public:
  static Database open(const std::string& path, const OpenOptions& opt = {});
  ~Database();
  Database(Database&& o) noexcept : db_(o.db_), path_(std::move(o.path_)), cache_(std::move(o.cache_)) {
    o.db_ = nullptr;
  }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const std::string& sql);
  Statement prepare(const std::string& sql) { return Statement(db_, sql); }
  // The same, compiled once per connection and kept (hot paths: a ticket, an outbox row), lent for one use: reset
  // and unbound when the handle goes out of scope. Asking for a statement that is still lent is a bug (logic_error).
  CachedStatement cached(const std::string& sql);
  // BEGIN IMMEDIATE ... COMMIT; rolls back and rethrows if fn throws. Nothing half-written remains.
  void transaction(const std::function<void()>& fn);
  // Changes when another connection commits (cheap; poll it on a timer).
  int64_t data_version();
  int64_t scalar(const std::string& sql);
  std::string scalar_text(const std::string& sql);
  int64_t changes() const { return sqlite3_changes64(db_); }
  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  struct Cached {
    Statement st;
    bool in_use = false;
  };
  std::map<std::string, std::unique_ptr<Cached>> cache_;  // finalised before the connection closes
};

// Turns a SQLite result code into a StoreError with a plain message.
[[noreturn]] void throw_sqlite(sqlite3* db, int rc, const std::string& what);

}  // namespace shubbak::store
