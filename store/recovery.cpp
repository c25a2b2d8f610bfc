#include "store/recovery.hpp"

#include <cstdio>
#include <filesystem>

#include "store/data_dir.hpp"
#include "store/database.hpp"

namespace shubbak::store {

static bool damaged(const std::string& path) {
  try {
    OpenOptions opt;
    opt.create = false;
    Database db = Database::open(path, opt);
    return db.scalar_text("PRAGMA quick_check") != "ok";
  } catch (const StoreError& e) {
    return e.fault == Fault::Corrupt;
  }
}

std::optional<std::string> set_aside_if_damaged(const std::string& data_dir, TimePoint now) {
  const std::string path = db_path(data_dir);
  if (!std::filesystem::exists(path) || !damaged(path)) return std::nullopt;
  std::string stamp = to_rfc3339_utc(now);  // 2026-11-29T09:20:29Z -> 20261129T092029Z
  std::string compact;
  for (char c : stamp)
    if (c != '-' && c != ':') compact += c;
  const std::string aside = path + ".damaged-" + compact;
  for (const char* suffix : {"-wal", "-shm"})
    if (std::filesystem::exists(path + suffix)) std::filesystem::rename(path + suffix, aside + suffix);
  std::filesystem::rename(path, aside);
  return aside;
}

}  // namespace shubbak::store
