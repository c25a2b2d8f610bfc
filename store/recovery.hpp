// A damaged store at start: detected, moved aside (kept for recovery), and a fresh one started.
#pragma once
#include <optional>
#include <string>

#include "common/clock.hpp"

namespace shubbak::store {

// If DATA/shubbak.db exists and is damaged (not a database, or PRAGMA quick_check is not ok), renames it and its
// -wal and -shm to shubbak.db.damaged-YYYYMMDDTHHMMSSZ(-wal, -shm) and returns that name. Returns nullopt when
// the file is absent or sound. Other faults (busy, read-only) are left for open_store to report.
std::optional<std::string> set_aside_if_damaged(const std::string& data_dir, TimePoint now);

}  // namespace shubbak::store
