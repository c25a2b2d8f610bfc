#include "kiosk/text/keyboards.hpp"

#include <cstdio>
#include <map>

#include "kiosk/text/bidi.hpp"

namespace shubbak::text {

namespace {

std::vector<Key> chars(const std::string& utf8) {
  std::vector<Key> row;
  for (char32_t c : utf8_to_u32(utf8))
    if (c != U' ') row.push_back(Key{Key::Char, std::u32string(1, c), Keyboard::French, 1});
  return row;
}

Key special(Key::Kind k, float w, Keyboard target = Keyboard::French) { return Key{k, U"", target, w}; }

// The bottom row every text layout shares: switch layouts, caret, space, delete.
std::vector<Key> bottom(const std::vector<Keyboard>& switches) {
  std::vector<Key> row;
  for (const auto& s : switches) row.push_back(special(Key::Switch, 1.5f, s));
  row.push_back(special(Key::Left, 1));
  row.push_back(special(Key::Space, 4));
  row.push_back(special(Key::Right, 1));
  row.push_back(special(Key::Backspace, 1.5f));
  return row;
}

std::map<Keyboard, KeyboardLayout> build() {
  using K = Keyboard;
  std::map<Keyboard, KeyboardLayout> m;
  m[K::Arabic] = {K::Arabic,
             false,
             {chars("ض ص ث ق ف غ ع ه خ ح ج د"), chars("ش س ي ب ل ا ت ن م ك ط"), chars("ذ ئ ء ؤ ر ى ة و ز ظ أ إ"),
              bottom({K::French, K::Tifinagh})}};
  std::vector<Key> fr3 = chars("w x c v b n ' -");
  fr3.insert(fr3.begin(), special(Key::Shift, 1.5f));
  m[K::French] = {K::French,
             true,
             {chars("é è ê à ç ù â î ô ë ï ü"), chars("a z e r t y u i o p"), chars("q s d f g h j k l m"), fr3,
              bottom({K::Arabic, K::Tifinagh})}};
  m[K::Tifinagh] = {K::Tifinagh,
              false,
              {chars("ⴰ ⵣ ⴻ ⵔ ⵜ ⵢ ⵓ ⵉ ⵄ ⵃ"), chars("ⵇ ⵙ ⴷ ⴼ ⴳ ⵀ ⵊ ⴽ ⵍ ⵎ"), chars("ⵡ ⵅ ⵛ ⵖ ⴱ ⵏ ⵯ ⵥ ⵕ ⵟ ⴹ ⵚ"),
               bottom({K::Arabic, K::French})}};
  std::vector<Key> last = chars("0");
  last.insert(last.begin(), special(Key::Left, 1));
  last.push_back(special(Key::Backspace, 1));
  m[K::Digits] = {K::Digits, false, {chars("1 2 3"), chars("4 5 6"), chars("7 8 9"), last}};
  std::vector<Key> cin_last = chars("W X C V B N");
  cin_last.push_back(special(Key::Backspace, 1.5f));
  m[K::Cin] = {K::Cin,
              false,
              {chars("1 2 3 4 5 6 7 8 9 0"), chars("A Z E R T Y U I O P"), chars("Q S D F G H J K L M"), cin_last}};
  return m;
}

const std::map<Keyboard, KeyboardLayout>& all() {
  static const auto m = build();
  return m;
}

}  // namespace

const KeyboardLayout& keyboard(Keyboard id) { return all().at(id); }

char32_t shifted(char32_t c) {
  if (c >= U'a' && c <= U'z') return c - 32;
  if ((c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 32;  // Latin-1 lower-case letters with accents
  return c;
}

std::string key_id(const Key& k, bool shift) {
  switch (k.kind) {
    case Key::Char: {
      char buf[16];
      char32_t c = shift ? shifted(k.insert[0]) : k.insert[0];
      std::snprintf(buf, sizeof buf, "key.u%04X", static_cast<unsigned>(c));
      return buf;
    }
    case Key::Space: return "key.space";
    case Key::Backspace: return "key.backspace";
    case Key::Shift: return "key.shift";
    case Key::Left: return "key.left";
    case Key::Right: return "key.right";
    case Key::Switch: return std::string("key.layout.") + keyboard_name(k.target);
  }
  return "key.?";
}

}  // namespace shubbak::text
