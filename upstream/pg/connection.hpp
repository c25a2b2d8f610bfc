// One libpq connection (RAII) with parameterised queries. Parameters go as text (bytea as its hex form), never
// spliced into SQL. A connection string or URI is accepted as libpq does ("host=a,b port=1,2
// target_session_attrs=read-write" works); connect_timeout defaults to kConnectTimeoutSeconds so that a database
// that is away is an error within seconds, not a hang. Every session runs in UTC with ISO dates.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "upstream/pg/errors.hpp"

struct pg_conn;
struct pg_result;

namespace shubbak::upstream::pg {

inline constexpr int kConnectTimeoutSeconds = 5;
// A receiver's statement (or lock wait) that takes longer is cancelled by the server: the kiosk gets 503 and sends
// again, rather than a worker waiting for ever (a batch takes tens of milliseconds).
inline constexpr int kReceiverStatementTimeoutSeconds = 30;

using Param = std::optional<std::string>;  // nullopt: SQL NULL

// bytea as a text parameter ("\x0a1b...").
std::string bytea_param(const uint8_t* data, size_t size);
template <class C>
std::string bytea_param(const C& bytes) {
  return bytea_param(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

class Result {
 public:
  explicit Result(pg_result* r) : r_(r) {}
  ~Result();
  Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  int rows() const;
  bool null(int row, int col) const;
  std::string text(int row, int col) const;  // "" for NULL
  std::vector<uint8_t> bytes(int row, int col) const;  // a bytea column
  long long integer(int row, int col) const;

 private:
  pg_result* r_;
};

class Connection {
 public:
  // Throws DatabaseUnavailable with libpq's words if it cannot connect.
  explicit Connection(const std::string& conninfo);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // One statement. Throws DatabaseUnavailable if the connection is lost (it stays unusable: ok() is false),
  // DatabaseError if the server refuses the statement.
  Result exec(const std::string& sql, const std::vector<Param>& params = {});
  // The same, prepared on this connection the first time `name` is used (a big statement is parsed and planned
  // once per connection, not once per batch).
  Result exec_prepared(const std::string& name, const std::string& sql, const std::vector<Param>& params);
  // Several statements, no parameters (migrations).
  void exec_script(const std::string& sql);
  bool ok() const;

 private:
  Result check(pg_result* raw);
  pg_conn* c_;
  std::set<std::string> prepared_;
};

// BEGIN at construction, ROLLBACK at destruction unless commit() was called (skipped if the connection is gone).
class Transaction {
 public:
  explicit Transaction(Connection& c, const char* begin = "BEGIN");
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& c_;
  bool done_ = false;
};

}  // namespace shubbak::upstream::pg
