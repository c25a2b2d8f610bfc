// shubbak-upstream token add KIOSK_ID --centre CENTRE_ID --db URI: prints a new token once (only its SHA-256 is
// kept). token revoke KIOSK_ID --db URI: revokes every token of the kiosk (receivers notice within
// limits::kTokenCacheSeconds).
#include <cstdio>

#include "common/exit_codes.hpp"
#include "upstream/app/args.hpp"
#include "upstream/pg/migrations.hpp"
#include "upstream/pg/tokens.hpp"

namespace shubbak::upstream::app {

int cmd_token(const Args& a) {
  if (a.words.size() != 3 || (a.words[1] != "add" && a.words[1] != "revoke"))
    usage_error("token add KIOSK_ID --centre CENTRE_ID --db URI, or token revoke KIOSK_ID --db URI");
  const std::string& kiosk = a.words[2];
  if (a.words[1] == "add") {
    std::string centre = a.need("--centre");
    pg::Connection c(a.need("--db"));
    pg::require_schema(c);
    std::printf("%s\n", pg::add_token(c, kiosk, centre).c_str());
    return exit_code::kOk;
  }
  pg::Connection c(a.need("--db"));
  pg::require_schema(c);
  int n = pg::revoke_tokens(c, kiosk);
  std::printf("%d token%s of %s revoked\n", n, n == 1 ? "" : "s", kiosk.c_str());
  return n > 0 ? exit_code::kOk : exit_code::kNotDone;
}

}  // namespace shubbak::upstream::app
