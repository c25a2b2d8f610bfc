// The store's schema, as numbered migrations. PRAGMA user_version holds the applied number.
#pragma once
#include "store/database.hpp"

namespace shubbak::store {

// The newest schema this program knows.
int known_schema_version();
// Applies missing migrations, each in its own transaction. Refuses a database newer than this program
// (StoreError Fault::Schema, with words for the operator). Returns the version now in effect.
int migrate(Database& db);

}  // namespace shubbak::store
