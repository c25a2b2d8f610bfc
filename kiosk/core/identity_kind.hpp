// How a registered visitor is found again: by her mobile number or by her national ID card (CIN); and how she finds
// her appointment of today at the kiosk: the same two, or the 6-digit code printed on her last ticket.
#pragma once
#include <optional>
#include <string_view>

namespace shubbak {

enum class IdentityKind { Phone, Cin, AppointmentCode };

// The spelling on disk, the prefix of the keyed hash ("phone:0612345678"): "phone", "cin"; "code" (never hashed).
constexpr const char* identity_kind_name(IdentityKind k) {
  switch (k) {
    case IdentityKind::Cin: return "cin";
    case IdentityKind::AppointmentCode: return "code";
    case IdentityKind::Phone: break;
  }
  return "phone";
}
constexpr std::optional<IdentityKind> parse_identity_kind(std::string_view s) {
  if (s == "phone") return IdentityKind::Phone;
  if (s == "cin") return IdentityKind::Cin;
  if (s == "code") return IdentityKind::AppointmentCode;
  return std::nullopt;
}

}  // namespace shubbak
