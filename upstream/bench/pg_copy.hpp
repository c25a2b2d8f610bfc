// COPY ... FROM STDIN over one libpq connection, for the benches' seeds (upstream::pg::Connection has no COPY).
#pragma once
#include <string>

struct pg_conn;

namespace shubbak::upstream::bench {

class CopyConnection {
 public:
  explicit CopyConnection(const std::string& conninfo);  // throws std::runtime_error with libpq's words
  ~CopyConnection();
  CopyConnection(const CopyConnection&) = delete;
  CopyConnection& operator=(const CopyConnection&) = delete;
  void exec(const std::string& sql);  // statements without results (BEGIN, COMMIT, SET ...)
  // COPY table(columns) FROM STDIN of text-format rows, sent in 256 KiB pieces.
  void copy(const std::string& table, const std::string& columns, const std::string& rows);

 private:
  pg_conn* c_;
};

}  // namespace shubbak::upstream::bench
