#include "store/data_dir.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "store/schema.hpp"

namespace shubbak::store {

std::string db_path(const std::string& data_dir) { return data_dir + "/shubbak.db"; }

Database open_store(const std::string& data_dir, const OpenOptions& opt) {
  if (::mkdir(data_dir.c_str(), 0700) != 0 && errno != EEXIST)
    throw StoreError(errno == EROFS || errno == EACCES ? Fault::ReadOnly : Fault::Io,
                     "cannot create the data folder " + data_dir + ": " + std::strerror(errno));
  Database db = Database::open(db_path(data_dir), opt);
  // The store holds personal data: readable by its owner only (the folder is 0700 too).
  for (const char* suffix : {"", "-wal", "-shm"}) ::chmod((db_path(data_dir) + suffix).c_str(), 0600);
  migrate(db);
  return db;
}

std::string meta_get(Database& db, const std::string& key) {
  auto st = db.prepare("SELECT value FROM meta WHERE key=?");
  st.bind(1, key);
  return st.step() ? st.text(0) : std::string();
}

void meta_set(Database& db, const std::string& key, const std::string& value) {
  db.prepare("INSERT INTO meta(key,value) VALUES(?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value")
      .bind(1, key)
      .bind(2, value)
      .run();
}

}  // namespace shubbak::store
