// The on-screen keyboards a field can show (their keys are in kiosk/text/keyboards).
#pragma once
#include <optional>
#include <string_view>

namespace shubbak {

enum class Keyboard { Arabic, French, Tifinagh, Digits, Cin };

inline constexpr Keyboard kAllKeyboards[] = {Keyboard::Arabic, Keyboard::French, Keyboard::Tifinagh, Keyboard::Digits,
                                             Keyboard::Cin};

// The spelling in the switch keys' automation ids ("key.layout.fr"): "ar", "fr", "zgh", "digits", "cin".
constexpr const char* keyboard_name(Keyboard k) {
  switch (k) {
    case Keyboard::Arabic: return "ar";
    case Keyboard::French: return "fr";
    case Keyboard::Tifinagh: return "zgh";
    case Keyboard::Digits: return "digits";
    case Keyboard::Cin: return "cin";
  }
  return "fr";
}
constexpr std::optional<Keyboard> parse_keyboard(std::string_view s) {
  for (Keyboard k : kAllKeyboards)
    if (s == keyboard_name(k)) return k;
  return std::nullopt;
}
// The letters of a visitor language ("ar", "zgh", "fr"); French when none is chosen yet.
constexpr Keyboard keyboard_for_language(std::string_view lang) {
  if (lang == "ar") return Keyboard::Arabic;
  if (lang == "zgh") return Keyboard::Tifinagh;
  return Keyboard::French;
}

}  // namespace shubbak
