// Sign-in attempts per peer address in a sliding minute (web/rate_limit.hpp): beyond the limit the desk answers 429
// without checking the PIN.
#pragma once
#include "web/rate_limit.hpp"

namespace shubbak::desk {

using web::RateLimit;

}  // namespace shubbak::desk
