// Session ids and CSRF tokens: the web foundation's (web/tokens.hpp).
#pragma once
#include "web/tokens.hpp"

namespace shubbak::desk {

using web::random_token;
using web::same_token;

}  // namespace shubbak::desk
