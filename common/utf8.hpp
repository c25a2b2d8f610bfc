#pragma once
#include <string>

namespace shubbak {
std::u32string utf8_to_u32(const std::string& s);  // invalid bytes and overlong forms become U+FFFD
std::string u32_to_utf8(const std::u32string& s);
}  // namespace shubbak
