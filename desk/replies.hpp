// The desk's answers: every one with the security headers (CSP without inline script, no-store, nosniff, no
// referrer, no framing), pages as HTML, actions answered 303 See Other; its cookies.
#pragma once
#include <string>

#include "http/server.hpp"

namespace shubbak::desk {

inline constexpr const char* kSessionCookie = "shubbak_desk";
inline constexpr const char* kPreSessionCookie = "shubbak_desk_pre";  // sign-in's CSRF pair (cookie + form field)
inline constexpr const char* kLangCookie = "shubbak_desk_lang";       // this PC's last language (not secret)

void add_security_headers(http::Reply& r);
http::Reply html(int status, std::string body);
http::Reply json(int status, std::string body);
http::Reply see_other(const std::string& location);
// "NAME=VALUE; HttpOnly; Secure; SameSite=Strict; Path=/" (max_age_seconds < 0: a browser-session cookie).
void set_cookie(http::Reply& r, const std::string& name, const std::string& value, int max_age_seconds = -1);
void clear_cookie(http::Reply& r, const std::string& name);

}  // namespace shubbak::desk
