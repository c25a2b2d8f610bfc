// shubbak-upstream's command line: words and --flags (every flag takes a value except the switches listed).
#pragma once
#include <map>
#include <string>
#include <vector>

namespace shubbak::upstream::app {

struct Args {
  std::vector<std::string> words;
  std::map<std::string, std::string> flags;
  bool has(const std::string& f) const { return flags.count(f) > 0; }
  std::string get(const std::string& f, const std::string& fallback = "") const;
  // The flag's value; a usage error (exit 2) naming it if absent.
  std::string need(const std::string& f) const;
};

Args parse_args(int argc, char** argv);
[[noreturn]] void usage_error(const std::string& message);

// Commands (each returns the process's exit code, docs/exit-codes.md).
int cmd_keygen(const Args& a);   // upstream/app/keygen.cpp
int cmd_migrate(const Args& a);  // upstream/app/migrate.cpp
int cmd_token(const Args& a);    // upstream/app/token.cpp
int cmd_export(const Args& a);   // upstream/app/export.cpp
int cmd_serve(const Args& a);    // upstream/app/serve.cpp
int cmd_centre(const Args& a);   // upstream/app/centre.cpp
int cmd_user(const Args& a);     // upstream/app/user.cpp
int cmd_dashboard(const Args& a);  // upstream/app/dashboard.cpp

}  // namespace shubbak::upstream::app
