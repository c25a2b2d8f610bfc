// How a registered visitor is found again: by her mobile number or by her national ID card (CIN).
#pragma once
#include <optional>
#include <string_view>

namespace shubbak {

enum class IdentityKind { Phone, Cin };

// The spelling on disk, the prefix of the keyed hash ("phone:0612345678"): "phone", "cin".
constexpr const char* identity_kind_name(IdentityKind k) { return k == IdentityKind::Cin ? "cin" : "phone"; }
constexpr std::optional<IdentityKind> parse_identity_kind(std::string_view s) {
  if (s == "phone") return IdentityKind::Phone;
  if (s == "cin") return IdentityKind::Cin;
  return std::nullopt;
}

}  // namespace shubbak
