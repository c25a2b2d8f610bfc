// gammu-smsd writes every number it sends to in its log ("Transmitted ... to 0612345678"), whatever its debug
// level. Our smsdrc points its log at SPOOL/gammu-smsd.log; each round shubbak-sms passes the new lines on to its
// own log with every number and file name masked, then empties the file, so her number stays in no log.
#pragma once
#include <string>

namespace shubbak::sms {

// A gammu log line without numbers (runs of 6 or more digits, with an optional +) or spool file names.
std::string masked(const std::string& line);
// Passes the file's lines on (masked) and truncates it. Returns how many lines. A missing file is not an error.
int launder_gammu_log(const std::string& path);

}  // namespace shubbak::sms
