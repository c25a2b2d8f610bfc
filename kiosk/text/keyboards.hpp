// On-screen keyboard layouts: Arabic, French AZERTY with accents, Tifinagh (IRCAM-style), a numeric keypad for
// phone numbers and a CIN pad (capital letters and digits). Keys stay where they are in every language: a
// keyboard is a layout, not text, and is not mirrored.
#pragma once
#include <string>
#include <vector>

#include "kiosk/core/keyboard_kind.hpp"

namespace shubbak::text {

struct Key {
  enum Kind { Char, Space, Backspace, Shift, Left, Right, Switch } kind = Char;
  std::u32string insert;  // what a Char key adds (shifted: upper case, where there is one)
  Keyboard target = Keyboard::French;  // Switch: the layout it switches to
  float width = 1;        // in key units
};

struct KeyboardLayout {
  Keyboard id = Keyboard::French;
  bool has_shift = false;
  std::vector<std::vector<Key>> rows;
};

const KeyboardLayout& keyboard(Keyboard id);
// Upper-case form of a Latin letter for the shift key (é -> É); unchanged otherwise.
char32_t shifted(char32_t c);
// The widget id of a key: "key.u0645", "key.space", "key.backspace", "key.shift", "key.left", "key.right",
// "key.layout.fr".
std::string key_id(const Key& k, bool shift);

}  // namespace shubbak::text
