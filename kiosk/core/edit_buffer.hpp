// A text being typed on an on-screen keyboard: logical code points and a caret between them.
#pragma once
#include <string>

namespace shubbak {

struct EditBuffer {
  std::u32string text;
  size_t caret = 0;  // 0..text.size(), in logical order

  void insert(const std::u32string& s, size_t max_len = 80) {
    if (text.size() + s.size() > max_len) return;
    text.insert(caret, s);
    caret += s.size();
  }
  void backspace() {
    if (caret == 0) return;
    text.erase(caret - 1, 1);
    --caret;
  }
  // Moves the caret in logical order (forward = towards the end of the text).
  void move(int delta) {
    long c = static_cast<long>(caret) + delta;
    caret = static_cast<size_t>(c < 0 ? 0 : (c > static_cast<long>(text.size()) ? text.size() : c));
  }
  void set(const std::u32string& s) {
    text = s;
    caret = s.size();
  }
};

}  // namespace shubbak
