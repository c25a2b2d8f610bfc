// shubbak-upstream centre set CENTRE_ID --region CODE [--name NAME] --db URI: which of the 12 regions a centre is in
// (the dashboard's region figures and region users). A centre never set is counted nationally under "region not
// set" and seen by national users only.
#include <cstdio>

#include "common/exit_codes.hpp"
#include "upstream/app/args.hpp"
#include "upstream/pg/migrations.hpp"

namespace shubbak::upstream::app {

int cmd_centre(const Args& a) {
  if (a.words.size() != 3 || a.words[1] != "set") usage_error("centre set CENTRE_ID --region CODE [--name NAME] --db URI");
  const std::string& centre = a.words[2];
  std::string region = a.need("--region");
  pg::Connection c(a.need("--db"));
  pg::require_schema(c);
  if (c.exec("SELECT 1 FROM regions WHERE code = $1", {region}).rows() == 0) {
    std::fprintf(stderr, "unknown region '%s': the codes are 01 to 12 (SELECT code, name_fr FROM regions)\n",
                 region.c_str());
    return exit_code::kUsage;
  }
  pg::Param name = a.has("--name") ? pg::Param(a.get("--name")) : pg::Param();
  c.exec("INSERT INTO centres(centre_id, region_code, name) VALUES($1, $2, $3) ON CONFLICT (centre_id) DO UPDATE "
         "SET region_code = EXCLUDED.region_code, name = coalesce(EXCLUDED.name, centres.name)",
         {centre, region, name});
  std::printf("centre %s is in region %s\n", centre.c_str(), region.c_str());
  return exit_code::kOk;
}

}  // namespace shubbak::upstream::app
