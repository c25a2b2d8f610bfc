// Migration 6's SQL (upstream/pg/migration_centre_window.cpp): the centres' window, each centre's visits and waits
// over the last 30 days without the sensitive services, kept by the aggregator for the centres page.
#pragma once

namespace shubbak::upstream::pg {

const char* migration_centre_window_sql();

}  // namespace shubbak::upstream::pg
