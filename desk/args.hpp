// shubbak-desk's command line: --data DIR --config DIR [--listen HOST:PORT] [--assets DIR] [--log-level L].
#pragma once
#include <optional>
#include <string>

#include "desk/desk_app.hpp"

namespace shubbak::desk {

inline constexpr const char* kUsage =
    "usage: shubbak-desk --data DIR --config DIR [--listen HOST:PORT] [--assets DIR] [--log-level LEVEL]\n"
    "  serves the staff console over HTTPS on the centre's LAN ([desk] in DIR/centre.conf: listen, cert_file,\n"
    "  key_file, allow, session_minutes; see docs/configuration.md)\n";

struct Args {
  DeskOptions desk;
  std::string log_level = "info";
};

// nullopt (with the reason in `error`) when the command line is wrong.
std::optional<Args> parse_args(int argc, char** argv, std::string& error);

}  // namespace shubbak::desk
