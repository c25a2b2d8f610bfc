// A private PostgreSQL 15 cluster for one test process: initdb in a fresh folder, listening only on a unix socket
// in that folder (no port taken). As root it runs as the unprivileged user `pgtest` (made if missing: PostgreSQL
// refuses root). Stopped and removed at destruction. $SHUBBAK_TEST_PG_OPTIONS adds server options (e.g. "-c
// log_min_duration_statement=0 -c logging_collector=on -c log_directory=/tmp/pglog" to see where time goes).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace shubbak::testing {

struct Ran {
  int exit_code = -1;
  std::string out, err;
};
// Runs argv[0] (an absolute path) to completion; `shell_prefix` is run by /bin/sh before exec (e.g. "umask 000").
Ran run_program(const std::vector<std::string>& argv, const std::string& shell_prefix = "");
std::string upstream_bin();  // build/bin/shubbak-upstream

class PgCluster {
 public:
  PgCluster();  // initdb + start (waits until it accepts connections)
  ~PgCluster();
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  std::string conninfo() const;  // a libpq connection string for the "postgres" database as superuser shubbak
  void stop_immediately();       // pg_ctl stop -m immediate
  void start();                  // pg_ctl start -w
  // psql -At -c SQL: the rows, one per line, fields separated by '|'. Fails the test on an error.
  std::string psql(const std::string& sql) const;

  std::filesystem::path dir;

 private:
  std::vector<std::string> as_owner(std::vector<std::string> argv) const;
};

}  // namespace shubbak::testing
