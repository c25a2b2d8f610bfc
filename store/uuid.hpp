#pragma once
#include <string>

namespace shubbak::store {
// Random UUID version 4 from libsodium's CSPRNG, lower-case with dashes.
std::string new_uuid_v4();
bool is_uuid_v4(const std::string& s);
}  // namespace shubbak::store
