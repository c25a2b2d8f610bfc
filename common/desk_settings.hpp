// The [desk] section of centre.conf: how shubbak-desk serves the staff console on the centre's LAN.
#pragma once
#include <string>
#include <vector>

#include "common/config_file.hpp"

namespace shubbak {

struct DeskSettings {
  std::string listen = "0.0.0.0:8443";  // HOST:PORT (--listen overrides)
  // Paths are resolved against centre.conf's folder; both made by `shubbak-admin desk-cert`.
  std::string cert_file, key_file;
  // The LAN subnets the desk answers ("192.168.0.0/16", "::1/128"); anything else is refused.
  std::vector<std::string> allow = {"192.168.0.0/16", "10.0.0.0/8", "172.16.0.0/12", "127.0.0.0/8", "::1/128"};
  int session_minutes = 480;  // a session ends this long after sign-in, whatever the browser keeps
  std::pair<std::string, int> where;  // file and line of [desk] (0: absent), for messages

  // The defaults, with the default file names resolved against doc's folder.
  static DeskSettings defaults(const ConfigDocument& doc);
  // Reads [desk] of doc. Throws ConfigError naming file, line and key.
  static DeskSettings from_section(const ConfigDocument& doc, const ConfigSection& sec);
};

}  // namespace shubbak
