// shubbak-admin's commands for provisioning and upkeep: checking the configuration, replacing the catalogue,
// showing the keys to give the ministry, and an online backup.
#pragma once
#include <string>

namespace shubbak::admin {

// Every problem found in CONFIG_DIR (centre.conf, the catalogue, the files they name), each with file, line and
// what to do. Returns 0 if none, 1 otherwise.
int config_check(const std::string& config_dir);
// Reads a catalogue file and says what it holds, or what is wrong (file:line). 0 if it reads, 1 otherwise.
int catalog_check(const std::string& file);
// Checks FILE, then puts it in place of the centre's catalogue atomically (the kiosk picks it up between
// visitors). 0 on success.
int catalog_import(const std::string& config_dir, const std::string& file);
// The keys and pins an operator gives the ministry (nothing secret): kiosk and centre ids, the upstream keys and
// pins configured, the client certificate's key pin, a fingerprint of the token.
int keys_show(const std::string& config_dir);
// An online backup of the store into FILE (mode 0600), consistent while the kiosk and sync run; then checked.
int backup(const std::string& data_dir, const std::string& file);

}  // namespace shubbak::admin
