// shubbak-upstream user add NAME --role national|region:CODE|centre:ID --db URI   (the password on stdin)
//                  user lock|unlock|remove NAME --db URI
//                  user list --db URI
// The dashboard's accounts (docs/dashboard.md), on the primary. A password is at least 12 characters, kept only as
// an argon2id hash; it is read from stdin (one line), never from the command line (ps would show it).
#include <cstdio>
#include <iostream>
#include <string>

#include "common/exit_codes.hpp"
#include "upstream/app/args.hpp"
#include "upstream/dashboard_web/users.hpp"
#include "upstream/pg/migrations.hpp"

namespace shubbak::upstream::app {

namespace {

std::string read_password() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int list(dashboard_web::Users& users) {
  for (const auto& u : users.list())
    std::printf("%s\t%s\t%d failures\t%s\n", u.name.c_str(), u.role.c_str(), u.failures,
                u.locked_until.empty() ? "active" : ("locked until " + u.locked_until).c_str());
  return exit_code::kOk;
}

}  // namespace

int cmd_user(const Args& a) {
  const std::string what = a.words.size() >= 2 ? a.words[1] : "";
  const bool named = what == "add" || what == "lock" || what == "unlock" || what == "remove";
  if ((named && a.words.size() != 3) || (!named && what != "list"))
    usage_error("user add NAME --role ROLE | user lock|unlock|remove NAME | user list, each with --db URI");
  pg::Connection c(a.need("--db"));
  pg::require_schema(c);
  dashboard_web::Users users(c);
  if (what == "list") return list(users);
  const std::string& name = a.words[2];
  if (what == "add") {
    const std::string role = a.need("--role");
    try {
      users.add(name, role, read_password());
    } catch (const dashboard_web::AccountError& e) {
      std::fprintf(stderr, "shubbak-upstream: %s\n", e.what());
      return exit_code::kUsage;
    }
    std::printf("account %s added (%s)\n", name.c_str(), role.c_str());
    return exit_code::kOk;
  }
  const bool found = what == "lock" ? users.lock(name) : what == "unlock" ? users.unlock(name) : users.remove(name);
  if (!found) {
    std::fprintf(stderr, "shubbak-upstream: there is no account named %s (user list shows them)\n", name.c_str());
    return exit_code::kUsage;
  }
  std::printf("account %s: %s\n", name.c_str(), what == "remove" ? "removed" : what == "lock" ? "locked" : "unlocked");
  return exit_code::kOk;
}

}  // namespace shubbak::upstream::app
