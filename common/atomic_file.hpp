// Replacing a file so that a power cut leaves the old one or the new one, never half of one: written under a
// temporary name of its own beside it (several processes may replace it at once), synced, renamed over it, and the
// folder synced. Used for every file Shubbak rewrites in place (the catalogue, its last good copy).
#pragma once
#include <string>

namespace shubbak {

// "" when done; otherwise what failed, in words with the system's reason (the old file is then untouched).
std::string replace_file(const std::string& target, const std::string& body, unsigned mode = 0644);

}  // namespace shubbak
