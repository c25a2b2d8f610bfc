#include "store/database.hpp"

namespace shubbak::store {

const char* fault_name(Fault f) {
  switch (f) {
    case Fault::Full: return "disk_full";
    case Fault::ReadOnly: return "read_only";
    case Fault::Busy: return "busy";
    case Fault::Corrupt: return "corrupt";
    case Fault::Io: return "io_error";
    case Fault::Schema: return "schema";
    case Fault::Misuse: return "misuse";
    case Fault::Constraint: return "constraint";
    case Fault::Other: return "other";
  }
  return "other";
}

static Fault classify(int rc) {
  switch (rc & 0xff) {
    case SQLITE_FULL: return Fault::Full;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM: return Fault::ReadOnly;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return Fault::Busy;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return Fault::Corrupt;
    case SQLITE_IOERR: return Fault::Io;
    case SQLITE_CONSTRAINT: return Fault::Constraint;
    case SQLITE_MISUSE: return Fault::Misuse;
    default: return Fault::Other;
  }
}

void throw_sqlite(sqlite3* db, int rc, const std::string& what) {
  std::string msg = what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  throw StoreError(classify(rc), msg);
}

Statement::Statement(sqlite3* db, const std::string& sql) : db_(db) {
  int rc = sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &st_, nullptr);
  if (rc != SQLITE_OK) throw_sqlite(db, rc, "prepare");
}

Statement::~Statement() { sqlite3_finalize(st_); }

Statement& Statement::bind(int i, const std::string& v) {
  int rc = sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc, "bind");
  return *this;
}
Statement& Statement::bind(int i, int64_t v) {
  int rc = sqlite3_bind_int64(st_, i, v);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc, "bind");
  return *this;
}
Statement& Statement::bind_blob(int i, const std::vector<uint8_t>& v) {
  int rc = sqlite3_bind_blob(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc, "bind");
  return *this;
}
Statement& Statement::bind_null(int i) {
  int rc = sqlite3_bind_null(st_, i);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc, "bind");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(st_);
  throw_sqlite(db_, rc, "step");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
}

bool Statement::is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
std::string Statement::text(int col) const {
  const unsigned char* t = sqlite3_column_text(st_, col);
  return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(st_, col)) : std::string();
}
int64_t Statement::integer(int col) const { return sqlite3_column_int64(st_, col); }
std::vector<uint8_t> Statement::blob(int col) const {
  const auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(st_, col));
  return p ? std::vector<uint8_t>(p, p + sqlite3_column_bytes(st_, col)) : std::vector<uint8_t>{};
}

Database Database::open(const std::string& path, const OpenOptions& opt) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (opt.create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, opt.vfs.empty() ? nullptr : opt.vfs.c_str());
  if (rc != SQLITE_OK) {
    std::string msg = "cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    throw StoreError(classify(rc), msg);
  }
  sqlite3_extended_result_codes(db, 1);
  Database d(db, path);
  sqlite3_busy_timeout(db, opt.busy_timeout_ms);
  // Check each setting by reading it back: a pragma that silently did nothing must not pass.
  std::string mode = d.scalar_text("PRAGMA journal_mode=WAL");
  if (mode != "wal") throw StoreError(Fault::Other, path + ": SQLite refused WAL mode (answered '" + mode + "')");
  d.exec("PRAGMA synchronous=FULL");
  if (d.scalar("PRAGMA synchronous") != 2) throw StoreError(Fault::Other, path + ": synchronous=FULL not in effect");
  d.exec("PRAGMA foreign_keys=ON");
  if (d.scalar("PRAGMA foreign_keys") != 1) throw StoreError(Fault::Other, path + ": foreign keys not in effect");
  d.exec("PRAGMA secure_delete=ON");
  if (d.scalar("PRAGMA secure_delete") != 1) throw StoreError(Fault::Other, path + ": secure_delete not in effect");
  if (d.scalar("PRAGMA busy_timeout") != opt.busy_timeout_ms)
    throw StoreError(Fault::Other, path + ": busy_timeout not in effect");
  return d;
}

Database::~Database() {
  cache_.clear();
  if (db_) sqlite3_close_v2(db_);
}

CachedStatement::CachedStatement(Statement& st, bool& in_use) : st_(&st), in_use_(&in_use) {
  if (in_use) throw std::logic_error("a cached statement was asked for while it is still in use");
  in_use = true;
}

CachedStatement::~CachedStatement() {
  if (!st_) return;
  st_->reset();
  *in_use_ = false;
}

CachedStatement Database::cached(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) it = cache_.emplace(sql, std::make_unique<Cached>(Cached{Statement(db_, sql)})).first;
  return CachedStatement(it->second->st, it->second->in_use);
}

void Database::exec(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw StoreError(classify(sqlite3_extended_errcode(db_)), msg);
  }
}

void Database::transaction(const std::function<void()>& fn) {
  cached("BEGIN IMMEDIATE")->run();
  try {
    fn();
    cached("COMMIT")->run();
  } catch (...) {
    // A failed COMMIT may already have rolled back; ROLLBACK then reports "no transaction": ignore that.
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

int64_t Database::data_version() { return scalar("PRAGMA data_version"); }

int64_t Database::scalar(const std::string& sql) {
  Statement st(db_, sql);
  return st.step() ? st.integer(0) : 0;
}

std::string Database::scalar_text(const std::string& sql) {
  Statement st(db_, sql);
  return st.step() ? st.text(0) : std::string();
}

}  // namespace shubbak::store
