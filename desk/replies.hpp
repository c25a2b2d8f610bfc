// The desk's answers (web/replies.hpp: the security headers, pages, 303 See Other, cookies) and its cookies' names.
#pragma once
#include "web/replies.hpp"

namespace shubbak::desk {

inline constexpr const char* kSessionCookie = "shubbak_desk";
inline constexpr const char* kPreSessionCookie = "shubbak_desk_pre";  // sign-in's CSRF pair (cookie + form field)
inline constexpr const char* kLangCookie = "shubbak_desk_lang";       // this PC's last language (not secret)

using web::add_security_headers;
using web::clear_cookie;
using web::html;
using web::json;
using web::see_other;
using web::set_cookie;

}  // namespace shubbak::desk
