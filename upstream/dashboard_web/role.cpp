#include "upstream/dashboard_web/role.hpp"

#include <cctype>

namespace shubbak::upstream::dashboard_web {

using Kind = dashboard::Scope::Kind;

namespace {

bool is_region_code(const std::string& s) {
  if (s.size() != 2 || !std::isdigit(static_cast<unsigned char>(s[0])) || !std::isdigit(static_cast<unsigned char>(s[1])))
    return false;
  const int n = (s[0] - '0') * 10 + (s[1] - '0');
  return n >= 1 && n <= 12;
}

bool is_centre_id(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

}  // namespace

std::string Role::text() const {
  switch (kind) {
    case Kind::National: return "national";
    case Kind::Region: return "region:" + code;
    case Kind::Centre: return "centre:" + code;
  }
  return "";
}

std::optional<Role> parse_role(const std::string& text) {
  if (text == "national") return Role{Kind::National, ""};
  if (text.rfind("region:", 0) == 0 && is_region_code(text.substr(7))) return Role{Kind::Region, text.substr(7)};
  if (text.rfind("centre:", 0) == 0 && is_centre_id(text.substr(7))) return Role{Kind::Centre, text.substr(7)};
  return std::nullopt;
}

dashboard::Scope scope_of(const Role& r) {
  switch (r.kind) {
    case Kind::Region: return dashboard::Scope::region(r.code);
    case Kind::Centre: return dashboard::Scope::centre(r.code);
    case Kind::National: break;
  }
  return dashboard::Scope::national();
}

}  // namespace shubbak::upstream::dashboard_web
