// Migration 5's SQL (upstream/pg/migration_rollups.cpp): the region rollups of the dashboard's aggregates.
#pragma once

namespace shubbak::upstream::pg {

const char* migration_rollups_sql();

}  // namespace shubbak::upstream::pg
