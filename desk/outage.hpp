// What keeps the desk from serving the console, said on every page instead of exiting (a desk that exits leaves
// every staff PC with "this site cannot be reached" and no word of why):
// - the catalogue refused at start: the desk runs on its last good copy (common/last_good_catalogue.hpp, the
//   kiosk's own code), and with no good copy at all it tells staff the centre's catalogue could not be read and to
//   call the technician;
// - the store could not be opened (locked, damaged, disk full or read-only): the page says the records cannot be
//   opened right now and that nothing was lost; the desk tries again every limits::kStoreRetrySeconds and comes
//   back by itself.
#pragma once
#include <string>

#include "common/centre_settings.hpp"

namespace shubbak::desk {

// centre.conf (its ConfigError is thrown: without it there is no certificate to serve) and the catalogue it names,
// else its last good copy (refused: why, logged), else none (no_catalogue, logged).
// The words for an open alert of the SMS notifier ("sms_modem": gammu-smsd takes no message; "sms_failed": a
// message failed after every attempt), as a translation key for the console's message line.
const char* sms_trouble_key(const std::string& alert);

CentreConfig load_desk_config(const std::string& dir, std::string& refused, bool& no_catalogue);

}  // namespace shubbak::desk
