#include "web/replies.hpp"

namespace shubbak::web {

void add_security_headers(http::Reply& r) {
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                         "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  bool cache_set = false;
  for (const auto& [k, v] : r.headers) cache_set = cache_set || k == "Cache-Control";
  if (!cache_set) r.headers.emplace_back("Cache-Control", "no-store");
}

namespace {
http::Reply body_reply(int status, std::string body, const char* type) {
  http::Reply r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = type;
  add_security_headers(r);
  return r;
}
}  // namespace

http::Reply html(int status, std::string body) {
  return body_reply(status, std::move(body), "text/html; charset=utf-8");
}

http::Reply json(int status, std::string body) { return body_reply(status, std::move(body), "application/json"); }

http::Reply see_other(const std::string& location) {
  http::Reply r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.headers.emplace_back("Location", location);
  add_security_headers(r);
  return r;
}

http::Reply csv(std::string body, const std::string& file_name) {
  http::Reply r = body_reply(200, std::move(body), "text/csv; charset=utf-8");
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  return r;
}

void set_cookie(http::Reply& r, const std::string& name, const std::string& value, int max_age_seconds) {
  std::string c = name + "=" + value + "; HttpOnly; Secure; SameSite=Strict; Path=/";
  if (max_age_seconds >= 0) c += "; Max-Age=" + std::to_string(max_age_seconds);
  r.headers.emplace_back("Set-Cookie", c);
}

void clear_cookie(http::Reply& r, const std::string& name) { set_cookie(r, name, "", 0); }

}  // namespace shubbak::web
