// The on-screen keyboard and the field it types into. Keys are at least the configured minimum target size.
#pragma once
#include <optional>

#include "kiosk/ui/visitor_view.hpp"

namespace shubbak::ui {

// Draws the keyboard `layout` in r; emits KeyText, KeyBackspace, CaretMove, SwitchKeyboard, ToggleShift.
// text_rtl: the field's text runs right to left (visual "left" then moves forward in logical order).
void draw_keyboard(Ui& ui, Rect r, Keyboard layout, bool shift, bool text_rtl, Intents& out);
// Height the keyboard needs at a given width.
float keyboard_height(const Ui& ui, Keyboard layout, float width);
// Where a typing screen puts things: in portrait the keyboard above "next" at the bottom; in landscape the
// question and field in the start column, the keyboard in the end column (mirrored in Arabic). No layout: no
// keyboard (a choice, not typing).
struct TypingAreas {
  Rect fields, keyboard, next;
};
TypingAreas typing_areas(const Ui& ui, Rect area, std::optional<Keyboard> layout);

// The field: its logical text drawn through the text pipeline, with the caret.
void draw_field(Ui& ui, const std::string& id, Rect r, const EditBuffer& edit, bool rtl);

}  // namespace shubbak::ui
