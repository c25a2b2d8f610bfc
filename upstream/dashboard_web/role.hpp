// A dashboard account's role, and the only way to a Scope in the dashboard: from the signed-in user's role, never
// from the URL. "national" sees the whole country, "region:CODE" (01..12) one region's centres, "centre:ID" one
// centre.
#pragma once
#include <optional>
#include <string>

#include "upstream/dashboard/scope.hpp"

namespace shubbak::upstream::dashboard_web {

struct Role {
  dashboard::Scope::Kind kind = dashboard::Scope::Kind::National;
  std::string code;  // the region code or the centre id; "" for national
  std::string text() const;  // "national", "region:07", "centre:MA-CAS-01"
};

// nullopt unless the text is one of the three forms (a region code two digits 01..12, a centre id of letters,
// digits, '-', '_' and '.', at most 64 bytes).
std::optional<Role> parse_role(const std::string& text);
dashboard::Scope scope_of(const Role& r);

}  // namespace shubbak::upstream::dashboard_web
