#include "kiosk/ui/keyboard_widget.hpp"

#include <algorithm>

#include "kiosk/text/keyboards.hpp"

namespace shubbak::ui {

static float row_units(const std::vector<text::Key>& row) {
  float u = 0;
  for (const auto& k : row) u += k.width;
  return u;
}

static float key_unit(const Ui& ui, const text::KeyboardLayout& kb, float width) {
  float max_units = 0;
  for (const auto& row : kb.rows) max_units = std::max(max_units, row_units(row));
  const Metrics& m = ui.metrics();
  const float gap = m.px(mm::kKeyGap);
  // As wide as the row allows, never narrower than the minimum target; the number pad gets big keys.
  const float narrowest = m.target(mm::kKeyMin);
  const float widest = std::max(narrowest, m.px(max_units <= 4 ? mm::kKeyMaxDigits : mm::kKeyMaxLetters));
  return std::clamp((width - gap * max_units) / max_units, narrowest, widest);
}

static bool is_number_pad(const text::KeyboardLayout& kb) { return kb.rows[0].size() <= 4; }

static float key_height(const Ui& ui, const text::KeyboardLayout& kb, float unit) {
  const Metrics& m = ui.metrics();
  const float tallest = m.px(is_number_pad(kb) ? mm::kKeyHeightDigits : mm::kKeyHeightLetters);
  return std::max(m.target(mm::kKeyHeightMin), std::min(unit, tallest));
}

float keyboard_height(const Ui& ui, Keyboard layout, float width) {
  const auto& kb = text::keyboard(layout);
  float key_h = key_height(ui, kb, key_unit(ui, kb, width));
  return kb.rows.size() * (key_h + ui.metrics().px(mm::kKeyGap));
}

static std::string key_label(const text::Key& k, bool shift, const Ui& ui) {
  switch (k.kind) {
    case text::Key::Char: return u32_to_utf8(std::u32string(1, shift ? text::shifted(k.insert[0]) : k.insert[0]));
    case text::Key::Space: return ui.tr("key.space");
    case text::Key::Backspace: return "";
    case text::Key::Shift: return "";
    case text::Key::Left: return "";
    case text::Key::Right: return "";
    case text::Key::Switch:
      if (k.target == Keyboard::Arabic) return "عربي";
      if (k.target == Keyboard::Tifinagh) return "ⴰⴱⴳ";
      return "ABC";
  }
  return "";
}

static const char* key_icon(const text::Key& k) {
  switch (k.kind) {
    case text::Key::Backspace: return "backspace";
    case text::Key::Shift: return "arrow_upward";
    case text::Key::Left: return "arrow_back";
    case text::Key::Right: return "arrow_forward";
    default: return "";
  }
}

void draw_keyboard(Ui& ui, Rect r, Keyboard layout, bool shift, bool text_rtl, Intents& out) {
  const auto& kb = text::keyboard(layout);
  const float gap = ui.metrics().px(mm::kKeyGap);
  const float unit = key_unit(ui, kb, r.w);
  const float key_h = key_height(ui, kb, unit);
  constexpr ButtonStyle key_style{theme::kCard, theme::kKeyDown, theme::kInk};
  constexpr ButtonStyle fn_style{theme::kKeyFn, theme::kKeyFnDown, theme::kInk};
  float y = r.y;
  for (const auto& row : kb.rows) {
    float row_w = row_units(row) * (unit + gap) - gap;
    float x = r.x + (r.w - row_w) / 2;
    for (const auto& k : row) {
      float w = k.width * unit + (k.width - 1) * gap;
      Rect kr{x, y, w, key_h};
      bool is_char = k.kind == text::Key::Char;
      ButtonStyle st = is_char || k.kind == text::Key::Space ? key_style : fn_style;
      if (k.kind == text::Key::Shift && shift) st = style::kChosen;
      st.large_text = is_number_pad(kb);  // the number pad: big digits
      if (ui.button(text::key_id(k, shift && kb.has_shift), kr, key_label(k, shift && kb.has_shift, ui),
                    key_icon(k), st)) {
        switch (k.kind) {
          case text::Key::Char:
            out.push_back(ev::KeyText{u32_to_utf8(std::u32string(1, shift ? text::shifted(k.insert[0]) : k.insert[0]))});
            break;
          case text::Key::Space: out.push_back(ev::KeyText{" "}); break;
          case text::Key::Backspace: out.push_back(ev::KeyBackspace{}); break;
          case text::Key::Shift: out.push_back(ev::ToggleShift{}); break;
          // The arrows point on the glass; in right-to-left text, left is forward.
          case text::Key::Left: out.push_back(ev::CaretMove{text_rtl ? +1 : -1}); break;
          case text::Key::Right: out.push_back(ev::CaretMove{text_rtl ? -1 : +1}); break;
          case text::Key::Switch: out.push_back(ev::SwitchKeyboard{k.target}); break;
        }
      }
      x += w + gap;
    }
    y += key_h + gap;
  }
}

TypingAreas typing_areas(const Ui& ui, Rect area, std::optional<Keyboard> layout) {
  const float gap = ui.metrics().px(mm::kGap), bh = ui.metrics().target(mm::kButtonHeight);
  TypingAreas t;
  if (ui.width() > ui.height()) {
    const float start_w = area.w * 0.42f;
    Rect start{area.x, area.y, start_w, area.h}, end{area.x + start_w + gap, area.y, area.w - start_w - gap, area.h};
    start = ui.place(start);
    end = ui.place(end);
    t.next = {start.x, start.bottom() - bh, start.w, bh};
    t.fields = {start.x, start.y, start.w, start.h - bh - gap};
    float kb_h = layout ? keyboard_height(ui, *layout, end.w) : 0;
    t.keyboard = {end.x, end.bottom() - kb_h, end.w, kb_h};
  } else {
    float kb_h = layout ? keyboard_height(ui, *layout, area.w) : 0;
    t.next = {area.x, area.bottom() - bh, area.w, bh};
    t.keyboard = {area.x, t.next.y - gap - kb_h, area.w, kb_h};
    t.fields = {area.x, area.y, area.w, t.keyboard.y - gap - area.y};
  }
  return t;
}

void draw_field(Ui& ui, const std::string& id, Rect r, const EditBuffer& edit, bool rtl) {
  const Metrics& m = ui.metrics();
  ui.fill(r, theme::kCard, m.px(mm::kRounding));
  ui.draw_list()->AddRect(r.min(), r.max(), theme::kPrimary.u32(), m.px(mm::kRounding), 0, 3);
  Rect inner = r.inset(m.px(mm::kButtonPad));
  ImFont* f = ui.fonts().title;
  ScopedDirection d(ui, rtl);
  // What she typed: laid out this frame only, never kept in the text cache.
  ui.personal_text(id, inner, u32_to_utf8(edit.text), f, f->FontSize, theme::kInk, theme::kCard, Align::Start, true);
  const float px = ui.widgets().back().text_px;  // smaller when a long name had to shrink to fit
  // Caret: after the logical prefix, measured as drawn (exact for text in one direction, on one line).
  std::string prefix = text::visual_line(u32_to_utf8(edit.text.substr(0, edit.caret)), rtl ? text::Direction::RTL
                                                                                          : text::Direction::LTR);
  float w = f->CalcTextSizeA(px, 1e6f, 0, prefix.c_str()).x;
  float x = rtl ? inner.right() - w : inner.x + w;
  const float caret_h = m.line_px(px);
  float cy = inner.y + (inner.h - caret_h) / 2;
  ui.draw_list()->AddRectFilled(ImVec2(x, cy), ImVec2(x + m.px(mm::kCaretWidth), cy + caret_h), theme::kPrimary.u32());
}

}  // namespace shubbak::ui
