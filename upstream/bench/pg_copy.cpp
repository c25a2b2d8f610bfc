#include "upstream/bench/pg_copy.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <stdexcept>

namespace shubbak::upstream::bench {

CopyConnection::CopyConnection(const std::string& conninfo) : c_(PQconnectdb(conninfo.c_str())) {
  if (PQstatus(c_) != CONNECTION_OK) {
    std::string err = PQerrorMessage(c_);
    PQfinish(c_);
    throw std::runtime_error("cannot connect: " + err);
  }
}

CopyConnection::~CopyConnection() { PQfinish(c_); }

void CopyConnection::exec(const std::string& sql) {
  PGresult* r = PQexec(c_, sql.c_str());
  const auto st = PQresultStatus(r);
  std::string err = PQresultErrorMessage(r);
  PQclear(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw std::runtime_error(sql + ": " + err);
}

void CopyConnection::copy(const std::string& table, const std::string& columns, const std::string& rows) {
  PGresult* r = PQexec(c_, ("COPY " + table + "(" + columns + ") FROM STDIN").c_str());
  const bool in = PQresultStatus(r) == PGRES_COPY_IN;
  PQclear(r);
  if (!in) throw std::runtime_error("COPY " + table + ": " + PQerrorMessage(c_));
  constexpr size_t kPiece = 256 << 10;
  for (size_t off = 0; off < rows.size(); off += kPiece) {
    const size_t n = std::min(kPiece, rows.size() - off);
    if (PQputCopyData(c_, rows.data() + off, static_cast<int>(n)) != 1)
      throw std::runtime_error("COPY " + table + ": " + PQerrorMessage(c_));
  }
  if (PQputCopyEnd(c_, nullptr) != 1) throw std::runtime_error(PQerrorMessage(c_));
  r = PQgetResult(c_);
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string err = PQresultErrorMessage(r);
  PQclear(r);
  while ((r = PQgetResult(c_))) PQclear(r);
  if (!ok) throw std::runtime_error("COPY " + table + ": " + err);
}

}  // namespace shubbak::upstream::bench
