// shubbak-upstream: the national receiver (docs/national.md). Stateless: everything it keeps is in PostgreSQL, so
// that any number of them can run behind nginx.
#include <signal.h>

#include <string>

#include "common/exit_codes.hpp"
#include "common/log.hpp"
#include "upstream/app/args.hpp"
#include "upstream/pg/receiver_store.hpp"

int main(int argc, char** argv) {
  using namespace shubbak;
  using namespace shubbak::upstream::app;
  log::set_program("shubbak-upstream");
  signal(SIGPIPE, SIG_IGN);  // a peer that hangs up must not kill the process
  Args a = parse_args(argc, argv);
  if (a.words.empty()) usage_error("no command given");
  try {
    const std::string& cmd = a.words[0];
    if (cmd == "keygen") return cmd_keygen(a);
    if (cmd == "migrate") return cmd_migrate(a);
    if (cmd == "token") return cmd_token(a);
    if (cmd == "serve") return cmd_serve(a);
    if (cmd == "export") return cmd_export(a);
    if (cmd == "centre") return cmd_centre(a);
    if (cmd == "user") return cmd_user(a);
    if (cmd == "dashboard") return cmd_dashboard(a);
    usage_error("unknown command " + cmd);
  } catch (const upstream::pg::DatabaseUnavailable& e) {
    log::error(std::string("the database is not reachable: ") + e.what());
    return exit_code::kStore;
  } catch (const std::exception& e) {
    log::error(e.what());
    return exit_code::kUnexpected;
  }
}
