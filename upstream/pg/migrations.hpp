// The national schema, as numbered migrations (docs/national.md, "Storage"). Each runs once, in its own
// transaction, recorded in schema_migrations; running them again is a no-op. Two `migrate` at once are serialised
// by an advisory lock.
#pragma once
#include "upstream/pg/connection.hpp"

namespace shubbak::upstream::pg {

// The version this build's code expects (the last migration's number).
int latest_schema_version();
// 0 if the database was never migrated.
int schema_version(Connection& c);
// Applies every missing migration; returns the schema version now.
int migrate(Connection& c);
// Throws DatabaseError with words ("run shubbak-upstream migrate") if the schema is older than this build's.
void require_schema(Connection& c);

}  // namespace shubbak::upstream::pg
