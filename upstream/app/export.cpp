// shubbak-upstream export --db URI: one JSON line per record (ids, kiosk, centre, kind, times, format, facts; no
// identity). With --identities --registry-key FILE [--reason WORDS]: each record's identity opened with the offline
// registry key, audited in identity_exports (who, when, how many, why) before anything is printed. Exits 1 with
// words if any identity could not be opened (a wrong registry key).
#include <pwd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "common/exit_codes.hpp"
#include "upstream/app/args.hpp"
#include "upstream/pg/export.hpp"
#include "upstream/pg/identity_open.hpp"

namespace shubbak::upstream::app {

namespace {

// The OS user running the export, and who they were before sudo.
std::string os_user() {
  const passwd* pw = ::getpwuid(::getuid());
  std::string who = pw ? pw->pw_name : "uid " + std::to_string(::getuid());
  const char* sudo = std::getenv("SUDO_USER");
  if (sudo && *sudo && who != sudo) who += std::string(" (sudo from ") + sudo + ")";
  return who;
}

}  // namespace

int cmd_export(const Args& a) {
  pg::ExportOptions o;
  o.identities = a.has("--identities");
  if (o.identities != a.has("--registry-key"))
    usage_error("--identities and --registry-key FILE go together (identities open only with the registry key)");
  if (o.identities) {
    o.registry = pg::load_registry_key(a.get("--registry-key"));
    o.os_user = os_user();
    o.reason = a.get("--reason");
  }
  pg::ExportSummary s = pg::export_records(a.need("--db"), o, [](const std::string& line) {
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
  });
  if (std::fflush(stdout) != 0) {
    std::fprintf(stderr, "shubbak-upstream: could not write the export (disk full or pipe closed)\n");
    return exit_code::kUnexpected;
  }
  if (s.failed > 0) {
    std::fprintf(stderr,
                 "shubbak-upstream: %lld of %lld identities could not be opened with %s: is it the registry key "
                 "whose public half the kiosks were given (registry.pub)?\n",
                 s.failed, s.failed + s.opened, a.get("--registry-key").c_str());
    return exit_code::kNotDone;
  }
  std::fprintf(stderr, "shubbak-upstream: %lld records exported%s\n", s.records,
               o.identities ? (", " + std::to_string(s.opened) + " identities opened (audited)").c_str() : "");
  return exit_code::kOk;
}

}  // namespace shubbak::upstream::app
