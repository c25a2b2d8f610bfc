#include "upstream/app/args.hpp"

#include <cstdio>
#include <cstdlib>

#include "common/exit_codes.hpp"

namespace shubbak::upstream::app {

namespace {

const char* kUsage =
    "usage: shubbak-upstream keygen --out KEYS --registry-out OFFLINE\n"
    "       shubbak-upstream migrate --db URI\n"
    "       shubbak-upstream token add KIOSK_ID --centre CENTRE_ID --db URI\n"
    "       shubbak-upstream token revoke KIOSK_ID --db URI\n"
    "       shubbak-upstream serve --db URI --listen HOST:PORT|unix:PATH --keys KEYS [--catalog FILE]\n"
    "                              [--workers N] [--queue N] [--naive]\n"
    "       shubbak-upstream export --db URI [--identities --registry-key FILE --reason WORDS]\n"
    "       shubbak-upstream centre set CENTRE_ID --region CODE [--name NAME] --db URI\n"
    "       shubbak-upstream user add NAME --role national|region:CODE|centre:ID --db URI   (password on stdin)\n"
    "       shubbak-upstream user lock|unlock|remove NAME --db URI\n"
    "       shubbak-upstream user list --db URI\n"
    "       shubbak-upstream dashboard --db URI --listen HOST:PORT|unix:PATH [--audit-db URI] [--catalog FILE]\n"
    "                                  [--assets DIR] [--idle-seconds N] [--session-seconds N]\n"
    "                                  [--signins-per-minute N]\n";

// Flags that take no value.
bool is_switch(const std::string& s) { return s == "--json" || s == "--identities" || s == "--naive"; }

}  // namespace

std::string Args::get(const std::string& f, const std::string& fallback) const {
  auto it = flags.find(f);
  return it == flags.end() ? fallback : it->second;
}

std::string Args::need(const std::string& f) const {
  if (!has(f)) usage_error(f + " is required");
  return get(f);
}

void usage_error(const std::string& m) {
  std::fprintf(stderr, "shubbak-upstream: %s\n%s", m.c_str(), kUsage);
  std::exit(exit_code::kUsage);
}

Args parse_args(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    if (is_switch(s)) a.flags[s] = "1";
    else if (s.rfind("--", 0) == 0) {
      if (i + 1 >= argc) usage_error(s + " needs a value");
      a.flags[s] = argv[++i];
    } else a.words.push_back(s);
  }
  return a;
}

}  // namespace shubbak::upstream::app
