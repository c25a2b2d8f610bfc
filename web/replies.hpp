// The answers of the web servers (desk, dashboard): every one with the security headers (CSP without inline script,
// no-store, nosniff, no referrer, no framing), pages as HTML, actions answered 303 See Other; their cookies (each
// server names its own).
#pragma once
#include <string>

#include "http/server.hpp"

namespace shubbak::web {

void add_security_headers(http::Reply& r);
http::Reply html(int status, std::string body);
http::Reply json(int status, std::string body);
http::Reply see_other(const std::string& location);
// A download: text/csv in UTF-8 with Content-Disposition naming the file.
http::Reply csv(std::string body, const std::string& file_name);
// "NAME=VALUE; HttpOnly; Secure; SameSite=Strict; Path=/" (max_age_seconds < 0: a browser-session cookie).
void set_cookie(http::Reply& r, const std::string& name, const std::string& value, int max_age_seconds = -1);
void clear_cookie(http::Reply& r, const std::string& name);

}  // namespace shubbak::web
