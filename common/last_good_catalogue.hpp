// The last good catalogue: every catalogue the kiosk or the desk loads and accepts is kept beside its file
// (<file>.good), so that a process which finds a refused catalogue at start (a signed one with a duplicate prefix, a
// cut-off copy) starts with the last good one instead of exiting — and being restarted — again and again.
#pragma once
#include <string>

#include "common/catalogue.hpp"

namespace shubbak {

std::string last_good_path(const std::string& catalogue_file);

// Reads and checks a catalogue file (Catalogue::from_document's rules); when it is accepted, keeps exactly the text
// that was checked as the last good copy (written only when it differs). Throws ConfigError when refused.
Catalogue load_and_keep(const std::string& path);

struct StartCatalogue {
  Catalogue catalogue;
  std::string refused;  // why the file was refused, when the kiosk starts with the last good copy; empty otherwise
};
// At start: the file, or else its last good copy (logged for the operator). Throws the file's ConfigError when
// neither is accepted.
StartCatalogue load_catalogue_for_start(const std::string& path);

}  // namespace shubbak
