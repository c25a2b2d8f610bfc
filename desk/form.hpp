// What a desk's browser sends, read by the web foundation's strict reader (web/form.hpp) with the desk's bounds
// (desk/desk_limits.hpp).
#pragma once
#include <string_view>

#include "desk/desk_limits.hpp"
#include "web/form.hpp"

namespace shubbak::desk {

using web::Form;
using web::FormError;
using web::is_urlencoded;
using web::parse_cookies;

inline constexpr web::FormLimits kDeskFormLimits{limits::kMaxFormBytes, limits::kMaxFormFields,
                                                 limits::kMaxFieldNameBytes, limits::kMaxFieldValueBytes};

// Throws FormError (words for the log, never the values) when the text breaks a rule.
inline Form parse_urlencoded(std::string_view text) { return web::parse_urlencoded(text, kDeskFormLimits); }

}  // namespace shubbak::desk
