// Where read-only files are at run time: beside an installed binary (/usr/bin/X -> /usr/share/shubbak/NAME), or
// where the build put them (the source tree's assets, the build's synthetic voices).
#pragma once
#include <string>

namespace shubbak {

// DIR/../share/shubbak/NAME of this executable if that folder exists, else `built`.
std::string installed_or(const std::string& name, const std::string& built);

}  // namespace shubbak
