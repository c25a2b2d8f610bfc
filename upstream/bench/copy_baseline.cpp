// shubbak-copy-baseline: the limit beside which scripts/bench national puts the receivers. PostgreSQL's own
// COPY ... FROM STDIN of the rows a drain leaves (records + facts + identities) into the same tables, in a
// database already migrated and empty (the bench makes one with `shubbak-upstream migrate`). The rows are made
// before the clock starts; the clock covers the COPYs and the COMMIT.
//   shubbak-copy-baseline --db URI [--records N] [--kiosks K] [--chunk N]
// Prints records_per_s=... rows_per_s=... records=... rows=... elapsed_s=... ; exit 0, or 1 with PostgreSQL's words.
#include <libpq-fe.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

#include "common/exit_codes.hpp"
#include "upstream/bench/copy_rows.hpp"

using namespace shubbak;
using namespace shubbak::upstream::bench;

namespace {

struct Conn {
  PGconn* c;
  explicit Conn(const std::string& uri) : c(PQconnectdb(uri.c_str())) {
    if (PQstatus(c) != CONNECTION_OK) throw std::runtime_error(std::string("cannot connect: ") + PQerrorMessage(c));
  }
  ~Conn() { PQfinish(c); }
  void exec(const std::string& sql) {
    PGresult* r = PQexec(c, sql.c_str());
    const auto st = PQresultStatus(r);
    std::string err = PQresultErrorMessage(r);
    PQclear(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw std::runtime_error(sql + ": " + err);
  }
  // COPY table(columns) FROM STDIN of the text-format rows in `data`, sent in 256 KiB pieces.
  void copy(const char* table, const char* columns, const std::string& data) {
    PGresult* r = PQexec(c, (std::string("COPY ") + table + "(" + columns + ") FROM STDIN").c_str());
    const bool in = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    if (!in) throw std::runtime_error(std::string("COPY ") + table + ": " + PQerrorMessage(c));
    for (size_t off = 0; off < data.size(); off += 256 << 10) {
      const size_t n = std::min<size_t>(256 << 10, data.size() - off);
      if (PQputCopyData(c, data.data() + off, static_cast<int>(n)) != 1)
        throw std::runtime_error(std::string("COPY ") + table + ": " + PQerrorMessage(c));
    }
    if (PQputCopyEnd(c, nullptr) != 1) throw std::runtime_error(PQerrorMessage(c));
    r = PQgetResult(c);
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    std::string err = PQresultErrorMessage(r);
    PQclear(r);
    while ((r = PQgetResult(c))) PQclear(r);
    if (!ok) throw std::runtime_error(std::string("COPY ") + table + ": " + err);
  }
};

long long flag(int argc, char** argv, const char* name, long long fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (!std::strcmp(argv[i], name)) return std::stoll(argv[i + 1]);
  return fallback;
}

std::string text_flag(int argc, char** argv, const char* name) {
  for (int i = 1; i + 1 < argc; ++i)
    if (!std::strcmp(argv[i], name)) return argv[i + 1];
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  const std::string db = text_flag(argc, argv, "--db");
  if (db.empty()) {
    std::fprintf(stderr, "usage: shubbak-copy-baseline --db URI [--records N] [--kiosks K]\n");
    return exit_code::kUsage;
  }
  try {
    const long long records = flag(argc, argv, "--records", 600000);
    const int kiosks = static_cast<int>(flag(argc, argv, "--kiosks", 300));
    if (records < 1 || kiosks < 1) throw std::invalid_argument("--records and --kiosks must be at least 1");
    CopyRows rows = make_copy_rows(records, kiosks);
    Conn c(db);
    const auto t0 = std::chrono::steady_clock::now();
    c.exec("BEGIN");
    c.copy("records", kRecordsColumns, rows.records);
    c.copy("registrations", kRegistrationsColumns, rows.registrations);
    c.copy("ticket_events", kTicketEventsColumns, rows.ticket_events);
    c.copy("identities", kIdentitiesColumns, rows.identities);
    c.exec("COMMIT");
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    // A record is two rows (records and its facts), three for a registration (its sealed identity).
    const long long table_rows = 2 * records + (records + 4) / 5;
    std::printf("records_per_s=%.0f rows_per_s=%.0f records=%lld rows=%lld elapsed_s=%.2f\n", records / s,
                table_rows / s, records, table_rows, s);
    return exit_code::kOk;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "shubbak-copy-baseline: %s\n", e.what());
    return exit_code::kNotDone;
  }
}
