// shubbak-admin desk-cert: the centre's own CA (made once) and the server certificate shubbak-desk serves its
// staff console with, in CONFIG_DIR/desk/ (docs/desk.md).
#pragma once
#include <string>
#include <vector>

namespace shubbak::admin {

// `args`: what follows "desk-cert" on the command line: [--host NAME] [--ip ADDR]... [--renew].
// Writes desk/ca.key (0600) and desk/ca.pem (0644) if there is no CA yet, then desk/server.key (0600) and
// desk/server.pem (the server certificate followed by the CA). Without --renew an existing server.pem is kept and
// the command refuses (exit 1); --renew replaces it with one signed by the same CA. Returns an exit code
// (common/exit_codes.hpp); every refusal says why and what to do.
int desk_cert(const std::string& config_dir, const std::vector<std::string>& args);

}  // namespace shubbak::admin
