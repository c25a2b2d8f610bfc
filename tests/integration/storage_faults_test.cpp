// Storage faults a visitor can meet, on real filesystems: a full disk, a read-only disk, a database locked for
// long by another process, a damaged file at start. Each ends in words on the screen and a line for the
// operator, the kiosk keeps running (no crash loop), and what she typed is saved once the fault is gone.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "store/database.hpp"
#include "tests/integration/helpers.hpp"

using namespace shubbak::testing;

namespace {

const char* const kRegistration =
    "tap lang.fr\ntap service.legal\ntap action.register\ntype Samira\ntap form.next\ntype 0655443322\n"
    "tap form.next\nexpect screen consent\n";

// A small tmpfs of its own (root only): a disk that can be filled or made read-only without touching the machine's.
struct SmallDisk {
  fs::path dir;
  bool mounted = false;
  explicit SmallDisk(const fs::path& d, const char* size = "size=2m") : dir(d) {
    fs::create_directories(dir);
    mounted = ::mount("tmpfs", dir.c_str(), "tmpfs", 0, size) == 0;
  }
  ~SmallDisk() {
    if (mounted) ::umount2(dir.c_str(), MNT_DETACH);
  }
  bool read_only(bool ro) {
    return ::mount(nullptr, dir.c_str(), nullptr, MS_REMOUNT | (ro ? MS_RDONLY : 0), "size=2m") == 0;
  }
};

}  // namespace

class StorageFaults : public ::testing::Test {
 protected:
  void SetUp() override { make_config(t.path / "cfg"); }
  std::string cfg() const { return (t.path / "cfg").string(); }
  Process kiosk(const std::string& data, const std::string& script) {
    write_file(t.path / "script.txt", script);
    return spawn({bin("shubbak-kiosk"), "--headless", "--lang", "fr", "--data", data, "--config", cfg(), "--script",
                  (t.path / "script.txt").string(), "--shots", (t.path / "shots").string()});
  }
  void init(const std::string& data) {
    // A first start makes the store and its per-installation key (a write the faults below would block).
    write_file(t.path / "first.txt", "expect screen welcome\n");
    Result r = run({bin("shubbak-kiosk"), "--headless", "--data", data, "--config", cfg(), "--script",
                    (t.path / "first.txt").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string q(const std::string& data, const std::string& sql) {
    auto db = shubbak::store::Database::open(data + "/shubbak.db");
    return db.scalar_text(sql);
  }
  void signal_file(const std::string& name) { write_file(t.path / name, "go\n"); }
  std::string marker(const std::string& name) const { return (t.path / name).string(); }
  TempDir t;
};

TEST_F(StorageFaults, DiskFullShowsWordsKeepsHerDetailsAndSavesThemOnceThereIsRoom) {
  SmallDisk disk(t.path / "disk");
  if (!disk.mounted) GTEST_SKIP() << "needs root to mount a small tmpfs (CI runs as root)";
  std::string data = (disk.dir / "data").string();
  init(data);
  Process k = kiosk(data, std::string(kRegistration) + "await-file " + marker("full") +
                              "\ntap consent.yes\ntap consent.yes\ntap consent.yes\nexpect screen store_error\nshot disk-full\nawait-file " +
                              marker("freed") + "\ntap store_error.retry\nexpect screen ticket\n");
  std::string log;
  ASSERT_TRUE(k.wait_for("kiosk started", &log)) << log;
  {
    // Fill the disk to the last byte.
    std::ofstream filler(disk.dir / "filler", std::ios::binary);
    std::string block(4096, 'x');
    while (filler.write(block.data(), block.size())) filler.flush();
  }
  signal_file("full");
  ASSERT_TRUE(k.wait_for("could not save a ticket (disk_full)", &log)) << log;
  fs::remove(disk.dir / "filler");
  signal_file("freed");
  std::string rest;
  while (k.line(rest)) log += rest;
  ASSERT_EQ(k.stop(0), 0) << log;
  EXPECT_EQ(q(data, "SELECT full_name FROM visitors"), "Samira") << "what she typed was kept and saved";
  EXPECT_EQ(q(data, "SELECT count(*) FROM tickets"), "1");
  EXPECT_EQ(q(data, "PRAGMA integrity_check"), "ok");
  EXPECT_TRUE(fs::exists(t.path / "shots/disk-full.png"));
}

TEST_F(StorageFaults, LockedForLongByAnotherProcessThenReleased) {
  std::string data = (t.path / "data").string();
  init(data);
  // Another process takes the write lock and keeps it (a stuck backup, an operator's sqlite3 shell).
  int ready[2], release[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(release), 0);
  pid_t locker = fork();
  if (locker == 0) {
    try {
      auto db = shubbak::store::Database::open(data + "/shubbak.db");
      db.exec("BEGIN EXCLUSIVE");
      char c = 1;
      if (write(ready[1], &c, 1) != 1 || read(release[0], &c, 1) < 0) _exit(1);
      db.exec("ROLLBACK");
    } catch (const std::exception& e) {
      std::fprintf(stderr, "locker: %s\n", e.what());
      _exit(1);
    }
    _exit(0);
  }
  close(ready[1]);  // if the locker dies, the read below ends instead of waiting forever
  char c;
  ASSERT_EQ(read(ready[0], &c, 1), 1) << "the locking process did not take the lock";
  Process k = kiosk(data, std::string(kRegistration) +
                              "tap consent.yes\ntap consent.yes\ntap consent.yes\nexpect screen store_error\nexpect text store_error.retry Réessayer\n"
                              "shot locked\nawait-file " + marker("released") +
                              "\ntap store_error.retry\nexpect screen ticket\n");
  std::string log;
  const bool busy_seen = k.wait_for("could not save a ticket (busy)", &log);
  ASSERT_EQ(write(release[1], &c, 1), 1);  // release the lock in every case: the locker must not outlive the test
  ASSERT_TRUE(busy_seen) << log;
  int status = 0;
  waitpid(locker, &status, 0);
  signal_file("released");
  std::string rest;
  while (k.line(rest)) log += rest;
  ASSERT_EQ(k.stop(0), 0) << log;
  EXPECT_EQ(q(data, "SELECT full_name FROM visitors"), "Samira");
  // The alert waited for the lock too: staff see that saving failed once.
  EXPECT_EQ(q(data, "SELECT count(*) FROM alerts WHERE kind='store_error'"), "1");
}

TEST_F(StorageFaults, ReadOnlyDiskAtStartIsOutOfServiceNotACrashLoop) {
  SmallDisk disk(t.path / "disk");
  if (!disk.mounted) GTEST_SKIP() << "needs root to mount a small tmpfs (CI runs as root)";
  std::string data = (disk.dir / "data").string();
  init(data);
  ASSERT_TRUE(disk.read_only(true));
  Process k = kiosk(data, "expect screen store_error\nshot read-only\nawait-file " + marker("rw") +
                              "\nclock +11\nexpect screen welcome\ntap lang.fr\ntap service.literacy\n"
                              "tap action.ticket\nexpect screen ticket\n");
  std::string log;
  ASSERT_TRUE(k.wait_for("out of service: cannot use the data store (read_only)", &log)) << log;
  ASSERT_TRUE(disk.read_only(false));
  signal_file("rw");
  std::string rest;
  while (k.line(rest)) log += rest;
  ASSERT_EQ(k.stop(0), 0) << log;
  EXPECT_NE(log.find("back in service"), std::string::npos) << log;
  EXPECT_EQ(q(data, "SELECT count(*) FROM tickets"), "1");
  EXPECT_EQ(q(data, "SELECT count(*) FROM alerts WHERE kind='store_error'"), "1") << "staff see it happened";
}

// Not a database at all, and a database with one damaged page: both moved aside, a fresh one started.
TEST_F(StorageFaults, DamagedFileAtStartIsSetAsideAndAFreshOneStarted) {
  for (int variant = 0; variant < 2; ++variant) {
    std::string data = (t.path / ("data" + std::to_string(variant))).string();
    std::string damaged;
    if (variant == 0) {
      fs::create_directories(data);
      write_file(data + "/shubbak.db", std::string(20000, 'Z'));
    } else {
      Result r = run({bin("shubbak-admin"), "--data", data, "--config", cfg(), "seed", "--registrations", "200"});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      std::fstream f(data + "/shubbak.db", std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(4096 * 59);  // the header of page 60, in the middle of the tables' data
      std::string junk(100, '\xff');
      f.write(junk.data(), junk.size());
    }
    damaged = read_file(data + "/shubbak.db");
    write_file(t.path / "script.txt", "expect screen welcome\ntap lang.fr\ntap service.literacy\ntap action.ticket\n"
                                      "expect screen ticket\nexpect text ticket.number D-001\n");
    Result r = run({bin("shubbak-kiosk"), "--headless", "--lang", "fr", "--data", data, "--config", cfg(), "--script",
                    (t.path / "script.txt").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("the database was damaged: moved it to"), std::string::npos) << r.err;
    int kept = 0;
    for (const auto& e : fs::directory_iterator(data))
      if (e.path().filename().string().rfind("shubbak.db.damaged-", 0) == 0 &&
          e.path().filename().string().find("-wal") == std::string::npos) {
        ++kept;
        EXPECT_EQ(read_file(e.path()), damaged) << "the damaged file is kept as it was, for recovery";
      }
    EXPECT_EQ(kept, 1);
    EXPECT_EQ(q(data, "SELECT count(*) FROM alerts WHERE kind='store_error'"), "1") << "staff see it happened";
    EXPECT_EQ(q(data, "PRAGMA integrity_check"), "ok");
  }
}
