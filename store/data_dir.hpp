// DATA/shubbak.db: where every process of a centre finds the one store.
#pragma once
#include <string>

#include "store/database.hpp"

namespace shubbak::store {

std::string db_path(const std::string& data_dir);
// Creates the directory (0700) if needed, opens the store and applies migrations.
Database open_store(const std::string& data_dir, const OpenOptions& opt = {});
// A per-installation secret in the meta table (made once): keys the hashes of phone and CIN.
std::string meta_get(Database& db, const std::string& key);
void meta_set(Database& db, const std::string& key, const std::string& value);

}  // namespace shubbak::store
