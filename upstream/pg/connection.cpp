#include "upstream/pg/connection.hpp"

#include <libpq-fe.h>

#include <cstdlib>

namespace shubbak::upstream::pg {

namespace {

// libpq's own words for a failed connection, on one line.
std::string one_line(const char* s) {
  std::string m = s ? s : "";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  for (char& ch : m)
    if (ch == '\n') ch = ' ';
  return m;
}

// Server errors that mean "the database is away, full or too slow now" rather than "this statement is wrong":
// connection errors, shutdown, too many connections or out of resources (53), a statement timeout (57014).
bool means_unavailable(const std::string& state) {
  return state.rfind("08", 0) == 0 || state.rfind("53", 0) == 0 || state == "57014" || state == "57P01" ||
         state == "57P02" || state == "57P03" ||
         state == "25006";  // a read-only transaction: we reached a standby, the primary is elsewhere
}

}  // namespace

std::string bytea_param(const uint8_t* data, size_t size) {
  static const char* kHex = "0123456789abcdef";
  std::string s = "\\x";
  s.reserve(2 + size * 2);
  for (size_t i = 0; i < size; ++i) {
    s.push_back(kHex[data[i] >> 4]);
    s.push_back(kHex[data[i] & 15]);
  }
  return s;
}

Result::~Result() {
  if (r_) PQclear(r_);
}
int Result::rows() const { return PQntuples(r_); }
bool Result::null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
std::string Result::text(int row, int col) const {
  return std::string(PQgetvalue(r_, row, col), static_cast<size_t>(PQgetlength(r_, row, col)));
}
long long Result::integer(int row, int col) const { return std::atoll(PQgetvalue(r_, row, col)); }

std::vector<uint8_t> Result::bytes(int row, int col) const {
  size_t n = 0;
  unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(r_, row, col)), &n);
  if (!raw) throw std::bad_alloc();
  std::vector<uint8_t> out(raw, raw + n);
  PQfreemem(raw);
  return out;
}

Connection::Connection(const std::string& conninfo) {
  // Ours first: whatever the connection string says wins (expand_dbname parses it in place of "dbname").
  std::string timeout = std::to_string(kConnectTimeoutSeconds);
  const char* keys[] = {"connect_timeout", "application_name", "keepalives_idle", "keepalives_interval",
                        "keepalives_count", "dbname", nullptr};
  const char* values[] = {timeout.c_str(), "shubbak-upstream", "10", "5", "3", conninfo.c_str(), nullptr};
  c_ = PQconnectdbParams(keys, values, 1);
  if (!c_) throw DatabaseUnavailable("out of memory connecting to PostgreSQL");
  if (PQstatus(c_) != CONNECTION_OK) {
    std::string why = one_line(PQerrorMessage(c_));
    PQfinish(c_);
    c_ = nullptr;
    throw DatabaseUnavailable("cannot connect to PostgreSQL: " + why);
  }
  // Server notices (e.g. "terminating connection due to immediate shutdown") are not ours to print: the error
  // that follows says what matters.
  PQsetNoticeProcessor(c_, [](void*, const char*) {}, nullptr);
  exec("SET TimeZone = 'UTC'");
  exec("SET DateStyle = 'ISO'");
}

Connection::~Connection() {
  if (c_) PQfinish(c_);
}

bool Connection::ok() const { return c_ && PQstatus(c_) == CONNECTION_OK; }

Result Connection::exec(const std::string& sql, const std::vector<Param>& params) {
  if (!ok()) throw DatabaseUnavailable("the connection to PostgreSQL was lost");
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  return check(
      PQexecParams(c_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0));
}

Result Connection::exec_prepared(const std::string& name, const std::string& sql, const std::vector<Param>& params) {
  if (!ok()) throw DatabaseUnavailable("the connection to PostgreSQL was lost");
  if (!prepared_.count(name)) {
    check(PQprepare(c_, name.c_str(), sql.c_str(), 0, nullptr));
    prepared_.insert(name);
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  return check(
      PQexecPrepared(c_, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0));
}

void Connection::exec_script(const std::string& sql) {
  if (!ok()) throw DatabaseUnavailable("the connection to PostgreSQL was lost");
  check(PQexec(c_, sql.c_str()));
}

Result Connection::check(PGresult* raw) {
  Result r(raw);
  ExecStatusType st = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return r;
  const char* state = raw ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = raw ? PQresultErrorField(raw, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string code = state ? state : "";
  if (PQstatus(c_) != CONNECTION_OK || code.empty() || means_unavailable(code)) {
    std::string why = primary ? one_line(primary) : one_line(PQerrorMessage(c_));
    PQfinish(c_);  // unusable from now on: the owner connects again
    c_ = nullptr;
    throw DatabaseUnavailable("the connection to PostgreSQL was lost: " + why);
  }
  throw DatabaseError(code, primary ? one_line(primary) : "PostgreSQL refused the statement");
}

Transaction::Transaction(Connection& c, const char* begin) : c_(c) { c_.exec(begin); }

Transaction::~Transaction() {
  if (done_ || !c_.ok()) return;
  try {
    c_.exec("ROLLBACK");
  } catch (...) {
  }
}

void Transaction::commit() {
  c_.exec("COMMIT");
  done_ = true;
}

}  // namespace shubbak::upstream::pg
