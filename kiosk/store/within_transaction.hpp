// Runs fn in the caller's transaction if one is open on this connection, else in its own: the stores of issue 16
// (consents, appointments, SMS) are called alone from a desk and from inside KioskStore::issue.
#pragma once
#include <functional>
#include <sqlite3.h>

#include "store/database.hpp"

namespace shubbak {

inline void within_transaction(store::Database& db, const std::function<void()>& fn) {
  if (!sqlite3_get_autocommit(db.handle())) fn();
  else db.transaction(fn);
}

}  // namespace shubbak
