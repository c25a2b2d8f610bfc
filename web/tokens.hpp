// Session ids and CSRF tokens: 32 random bytes (libsodium) in base64url, compared in constant time.
#pragma once
#include <string>
#include <string_view>

namespace shubbak::web {

std::string random_token();
// Constant time for equal lengths; false for different lengths or empty tokens.
bool same_token(std::string_view a, std::string_view b);

}  // namespace shubbak::web
