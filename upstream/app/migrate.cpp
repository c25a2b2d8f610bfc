// shubbak-upstream migrate --db URI: brings the schema to this build's version (idempotent) and prints it.
#include <cstdio>

#include "common/exit_codes.hpp"
#include "upstream/app/args.hpp"
#include "upstream/pg/migrations.hpp"

namespace shubbak::upstream::app {

int cmd_migrate(const Args& a) {
  pg::Connection c(a.need("--db"));
  int before = pg::schema_version(c);
  int now = pg::migrate(c);
  std::printf("schema version %d%s\n", now, now == before ? " (already up to date)" : "");
  return exit_code::kOk;
}

}  // namespace shubbak::upstream::app
