// This kiosk's bearer token, read from its file. The token itself never reaches a log line or a message.
#pragma once
#include <string>

namespace shubbak::sync_app {

// The first line of `path`, trailing spaces and CR removed. Throws ConfigError naming the file and why it cannot
// be read (strerror: missing, permission denied, a folder), or that it is empty.
std::string read_token(const std::string& path);

}  // namespace shubbak::sync_app
