#include "tests/national/pg_cluster.hpp"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <gtest/gtest.h>

namespace shubbak::testing {

namespace fs = std::filesystem;

namespace {

const char* kPgBin = "/usr/lib/postgresql/15/bin/";
const char* kOwner = "pgtest";

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void ensure_owner_exists() {
  if (::getpwnam(kOwner)) return;
  Ran r = run_program({"/usr/sbin/useradd", "-r", "-M", "-s", "/usr/sbin/nologin", kOwner});
  if (r.exit_code != 0) throw std::runtime_error("cannot create the user pgtest: " + r.err);
}

}  // namespace

Ran run_program(const std::vector<std::string>& argv, const std::string& shell_prefix) {
  char tmpl[] = "/tmp/shubbak-run-XXXXXX";
  if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  fs::path io = tmpl;
  pid_t pid = ::fork();
  if (pid == 0) {
    int fi = ::open("/dev/null", O_RDONLY), fo = ::open((io / "out").c_str(), O_WRONLY | O_CREAT, 0600),
        fe = ::open((io / "err").c_str(), O_WRONLY | O_CREAT, 0600);
    ::dup2(fi, 0), ::dup2(fo, 1), ::dup2(fe, 2);
    std::vector<std::string> full = argv;
    if (!shell_prefix.empty()) full.insert(full.begin(), {"/bin/sh", "-c", shell_prefix + "; exec \"$@\"", "sh"});
    std::vector<char*> args;
    for (auto& a : full) args.push_back(a.data());
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  Ran r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(io / "out");
  r.err = slurp(io / "err");
  fs::remove_all(io);
  return r;
}

std::string upstream_bin() { return std::string(SHUBBAK_BIN_DIR) + "/shubbak-upstream"; }

std::vector<std::string> PgCluster::as_owner(std::vector<std::string> argv) const {
  if (::geteuid() != 0) return argv;
  argv.insert(argv.begin(), {"/usr/sbin/runuser", "-u", kOwner, "--"});
  return argv;
}

PgCluster::PgCluster() {
  char tmpl[] = "/tmp/shubbak-pg-XXXXXX";
  if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir = tmpl;
  if (::geteuid() == 0) {
    ensure_owner_exists();
    const passwd* pw = ::getpwnam(kOwner);
    if (::chown(dir.c_str(), pw->pw_uid, pw->pw_gid) != 0) throw std::runtime_error("chown failed");
  }
  Ran r = run_program(as_owner({std::string(kPgBin) + "initdb", "-D", (dir / "data").string(), "-A", "trust", "-U",
                                "shubbak", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"}));
  if (r.exit_code != 0) throw std::runtime_error("initdb failed: " + r.err);
  start();
}

PgCluster::~PgCluster() {
  run_program(as_owner({std::string(kPgBin) + "pg_ctl", "-D", (dir / "data").string(), "-m", "immediate", "stop"}));
  std::error_code ec;
  fs::remove_all(dir, ec);
}

std::string PgCluster::conninfo() const { return "host=" + dir.string() + " port=5432 user=shubbak dbname=postgres"; }

void PgCluster::stop_immediately() {
  Ran r = run_program(
      as_owner({std::string(kPgBin) + "pg_ctl", "-D", (dir / "data").string(), "-m", "immediate", "-w", "stop"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

void PgCluster::start() {
  std::string opts = "-p 5432 -k " + dir.string() + " -c listen_addresses=''";
  if (const char* extra = std::getenv("SHUBBAK_TEST_PG_OPTIONS")) opts += std::string(" ") + extra;  // diagnosis
  Ran r = run_program(as_owner({std::string(kPgBin) + "pg_ctl", "-D", (dir / "data").string(), "-l",
                                (dir / "log").string(), "-o", opts, "-w", "-t", "60", "start"}));
  if (r.exit_code != 0) throw std::runtime_error("pg_ctl start failed: " + r.err + slurp(dir / "log"));
}

std::string PgCluster::psql(const std::string& sql) const {
  Ran r = run_program({"/usr/bin/psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", conninfo(), "-c", sql});
  EXPECT_EQ(r.exit_code, 0) << sql << "\n" << r.err;
  std::string out = r.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace shubbak::testing
