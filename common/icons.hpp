// Pictogram names the catalogue may use, and their code points in Material Icons (Apache 2.0, Debian's
// fonts-material-design-icons-iconfont). Private-use code points fit ImGui 1.86's 16-bit ImWchar.
#pragma once
#include <string>

namespace shubbak {

struct Icon {
  const char* name;
  char16_t codepoint;
};

const Icon* find_icon(const std::string& name);
// UTF-8 of the icon's code point, ready to draw with the icon font.
std::string icon_utf8(const std::string& name);
const Icon* all_icons(size_t& count);

}  // namespace shubbak
