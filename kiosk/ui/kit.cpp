#include "kiosk/ui/kit.hpp"

#include <algorithm>

#include <cmath>

#include "common/icons.hpp"

namespace shubbak::ui {

Metrics Metrics::for_screen(int w, int h, double diagonal_inches) {
  double diag_px = std::sqrt(double(w) * w + double(h) * h);
  return Metrics{static_cast<float>(diag_px / (diagonal_inches * 25.4))};
}

Ui::Ui(const text::FontSet& fonts, text::TextCache& cache, const Translations& tr, std::string lang, bool rtl,
       Metrics m, int width, int height)
    : fonts_(fonts), cache_(cache), tr_(tr), lang_(std::move(lang)), rtl_(rtl), m_(m),
      width_(static_cast<float>(width)), height_(static_cast<float>(height)) {}

std::string Ui::tr_in(const std::string& lang, const std::string& key) const { return tr_.get(lang, key); }

Rect Ui::place(Rect r) const {
  if (rtl_) r.x = width_ - r.x - r.w;
  return r;
}

// A rounded rectangle as three plain rectangles and four small corner fans: the software renderer fills plain
// rectangles fast and rasterises triangles slowly, so the large areas must not be triangles.
void Ui::fill(const Rect& r, Color c, float rounding) {
  ImDrawList* dl = draw_list();
  rounding = std::min(rounding, std::min(r.w, r.h) / 2);
  if (rounding < 1.0f) {
    dl->AddRectFilled(r.min(), r.max(), c.u32());
    return;
  }
  const float x0 = r.x, y0 = r.y, x1 = r.x + r.w, y1 = r.y + r.h, k = rounding;
  // Each corner: a k-by-k square with that one corner rounded (ImGui's own arc and anti-aliasing), small.
  dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + k, y0 + k), c.u32(), k, ImDrawFlags_RoundCornersTopLeft);
  dl->AddRectFilled(ImVec2(x1 - k, y0), ImVec2(x1, y0 + k), c.u32(), k, ImDrawFlags_RoundCornersTopRight);
  dl->AddRectFilled(ImVec2(x1 - k, y1 - k), ImVec2(x1, y1), c.u32(), k, ImDrawFlags_RoundCornersBottomRight);
  dl->AddRectFilled(ImVec2(x0, y1 - k), ImVec2(x0 + k, y1), c.u32(), k, ImDrawFlags_RoundCornersBottomLeft);
  // After the corners: the rectangles cover the anti-aliased fringe the corners draw along their straight sides.
  // ... overlapping them by a pixel when opaque: the corners' inner half-pixel of anti-aliasing is covered too.
  const float o = 1.0f;  // Color is always opaque
  dl->AddRectFilled(ImVec2(x0 + k - o, y0), ImVec2(x1 - k + o, y1), c.u32());
  dl->AddRectFilled(ImVec2(x0, y0 + k - o), ImVec2(x0 + k, y1 - k + o), c.u32());
  dl->AddRectFilled(ImVec2(x1 - k, y0 + k - o), ImVec2(x1, y1 - k + o), c.u32());
}

float Ui::text_height(const std::string& logical, ImFont* font, float px, float width) {
  const auto& lines = cache_.lines(logical, dir(), font, px, width);
  return static_cast<float>(lines.size()) * px * 1.25f;
}

float Ui::fit_px(const std::string& logical, ImFont* font, float max_px, float min_px, float width, int lines) {
  for (float px = max_px; px > min_px; px *= 0.9f)
    if (cache_.lines(logical, dir(), font, px, width).size() <= static_cast<size_t>(lines)) return px;
  return min_px;
}

void Ui::draw_lines(const std::vector<text::Line>& lines, Rect r, ImFont* font, float px, Color fg, Align align,
                    bool vcenter) {
  const float line_h = px * 1.25f;
  float y = r.y;
  if (vcenter) y = r.y + (r.h - line_h * static_cast<float>(lines.size())) / 2;
  for (const auto& l : lines) {
    float x;
    bool start_is_left = dir() == text::Direction::LTR;
    if (align == Align::Center) x = r.x + (r.w - l.width) / 2;
    else if ((align == Align::Start) == start_is_left) x = r.x;
    else x = r.right() - l.width;
    draw_list()->AddText(font, px, ImVec2(std::round(x), std::round(y + (line_h - px) / 2)), fg.u32(), l.visual.c_str());
    y += line_h;
  }
}

float Ui::text(const std::string& id, Rect r, const std::string& logical, ImFont* font, float px, Color fg, Color bg,
               Align align, bool vcenter) {
  const auto& lines = cache_.lines(logical, dir(), font, px, r.w);
  float h = static_cast<float>(lines.size()) * px * 1.25f;
  Rect used{r.x, r.y, r.w, vcenter ? r.h : h};
  draw_lines(lines, used, font, px, fg, align, vcenter);
  widgets_.push_back({id, "text", logical, used, fg, bg, px});
  return h;
}

void Ui::icon(const std::string& id, Rect r, const std::string& icon_name, Color fg, Color bg) {
  std::string glyph = icon_utf8(icon_name);
  ImFont* f = fonts_.icon;
  float px = std::min(r.w, r.h);
  ImVec2 size = f->CalcTextSizeA(px, 10000, 0, glyph.c_str());
  draw_list()->AddText(f, px, ImVec2(r.x + (r.w - size.x) / 2, r.y + (r.h - size.y) / 2), fg.u32(), glyph.c_str());
  widgets_.push_back({id, "icon", icon_name, r, fg, bg, px});
}

bool Ui::button(const std::string& id, Rect r, const std::string& label, const std::string& icon_name,
                const ButtonStyle& st) {
  ImGui::SetCursorScreenPos(r.min());
  bool clicked = ImGui::InvisibleButton(id.c_str(), ImVec2(r.w, r.h));
  bool held = ImGui::IsItemActive();
  const float rounding = m_.px(2);
  fill(r, held ? st.bg_down : st.bg, rounding);
  if (st.bg.r == 0xFF && st.bg.g == 0xFF) draw_list()->AddRect(r.min(), r.max(), theme::kBorder.u32(), rounding, 0, 2);
  const float pad = m_.px(3);
  ImFont* font = st.large_text ? fonts_.title : fonts_.body;
  const float body = font->FontSize;
  Rect inner = r.inset(pad);
  if (st.big_icon && !icon_name.empty()) {
    // A card: a big pictogram, the label under it.
    float label_h = text_height(label, fonts_.body, body, inner.w);
    Rect ir{inner.x, inner.y, inner.w, std::max(inner.h - label_h - pad, m_.px(10))};
    std::string glyph = icon_utf8(icon_name);
    float ipx = std::min(ir.h, fonts_.icon->FontSize);
    ImVec2 isz = fonts_.icon->CalcTextSizeA(ipx, 10000, 0, glyph.c_str());
    draw_list()->AddText(fonts_.icon, ipx, ImVec2(ir.x + (ir.w - isz.x) / 2, ir.y + (ir.h - isz.y) / 2),
                         (st.bg.r == 0xFF ? theme::kPrimary : st.fg).u32(), glyph.c_str());
    const auto& lines = cache_.lines(label, dir(), fonts_.body, body, inner.w);
    draw_lines(lines, {inner.x, ir.bottom() + pad, inner.w, label_h}, fonts_.body, body, st.fg, Align::Center, false);
  } else if (!icon_name.empty()) {
    // Icon at the start (left in LTR, right in RTL), label after it.
    std::string glyph = icon_utf8(icon_name);
    float ipx = fonts_.body->FontSize * 1.3f;
    float iw = ipx * 1.1f;
    Rect icon_r = rtl_ ? Rect{inner.right() - iw, inner.y, iw, inner.h} : Rect{inner.x, inner.y, iw, inner.h};
    ImVec2 isz = fonts_.icon->CalcTextSizeA(ipx, 10000, 0, glyph.c_str());
    draw_list()->AddText(fonts_.icon, ipx, ImVec2(icon_r.x + (iw - isz.x) / 2, icon_r.y + (icon_r.h - isz.y) / 2),
                         st.fg.u32(), glyph.c_str());
    Rect tr = rtl_ ? Rect{inner.x, inner.y, inner.w - iw - pad, inner.h}
                   : Rect{inner.x + iw + pad, inner.y, inner.w - iw - pad, inner.h};
    const auto& lines = cache_.lines(label, dir(), font, body, tr.w);
    draw_lines(lines, tr, font, body, st.fg, Align::Center, true);
  } else {
    const auto& lines = cache_.lines(label, dir(), font, body, inner.w);
    draw_lines(lines, inner, font, body, st.fg, Align::Center, true);
  }
  widgets_.push_back({id, "button", label, r, st.fg, st.bg, body});
  return clicked;
}

}  // namespace shubbak::ui
