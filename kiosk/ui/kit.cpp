#include "kiosk/ui/kit.hpp"

#include <algorithm>

#include <cmath>

#include "common/icons.hpp"

namespace shubbak::ui {

constexpr float kIconScale = 1.3f;  // an icon beside a label: this many times the body size
constexpr float kIconSlot = 1.1f;   // ... in a slot this many times its own size

Metrics Metrics::for_screen(int w, int h, const Tuning& t) {
  double diag_px = std::sqrt(double(w) * w + double(h) * h);
  return Metrics{static_cast<float>(diag_px / (t.screen_diagonal_inches * 25.4)), static_cast<float>(t.min_target_mm),
                 static_cast<float>(t.body_line_mm)};
}

text::FontSizes Metrics::font_sizes() const {
  const float grow = std::max(1.0f, body_line_mm / theme::kLineHeight / mm::kBodyText);
  text::FontSizes s;
  s.body = grow > 1 ? std::ceil(px(mm::kBodyText * grow)) : std::round(px(mm::kBodyText));  // never under the floor
  s.title = grow > 1 ? std::ceil(px(mm::kTitleText * grow)) : std::round(px(mm::kTitleText));
  s.huge = std::round(px(mm::kHugeText));
  s.icon = std::round(px(mm::kIcon));
  return s;
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

const std::vector<text::Line>& Ui::lines_of(const std::string& logical, ImFont* font, float px, float width,
                                            bool personal) {
  if (!personal) return cache_.lines(logical, dir(), font, px, width);
  personal_lines_ = text::layout_uncached(logical, dir(), font, px, width);
  return personal_lines_;
}

static bool fits(const std::vector<text::Line>& lines, float line_h, float height) {
  if (static_cast<float>(lines.size()) * line_h > height + 0.5f) return false;
  return std::none_of(lines.begin(), lines.end(), [](const text::Line& l) { return l.cut; });
}

float Ui::fit_box(const std::string& logical, ImFont* font, float max_px, Rect box, bool personal) {
  const float floor = std::min(max_px, m_.min_text_px());
  for (float px = max_px; px > floor; px *= theme::kShrinkStep)
    if (fits(lines_of(logical, font, px, box.w, personal), m_.line_px(px), box.h)) return px;
  return floor;
}

float Ui::fit_px(const std::string& logical, ImFont* font, float max_px, float min_px, float width, int lines) {
  min_px = std::max(min_px, std::min(max_px, m_.min_text_px()));
  for (float px = max_px; px > min_px; px *= 0.9f)
    if (cache_.lines(logical, dir(), font, px, width).size() <= static_cast<size_t>(lines)) return px;
  return min_px;
}

Rect Ui::draw_lines(const std::vector<text::Line>& lines, Rect r, ImFont* font, float px, Color fg, Align align,
                    bool vcenter) {
  const float line_h = m_.line_px(px);
  float y = r.y;
  if (vcenter) y = r.y + (r.h - line_h * static_cast<float>(lines.size())) / 2;
  Rect drawn{0, y, 0, line_h * static_cast<float>(lines.size())};
  float left = 1e9f, right = -1e9f;
  for (const auto& l : lines) {
    float x;
    bool start_is_left = dir() == text::Direction::LTR;
    if (align == Align::Center) x = r.x + (r.w - l.width) / 2;
    else if ((align == Align::Start) == start_is_left) x = r.x;
    else x = r.right() - l.width;
    draw_list()->AddText(font, px, ImVec2(std::round(x), std::round(y + (line_h - px) / 2)), fg.u32(), l.visual.c_str());
    if (l.width > 0) left = std::min(left, x), right = std::max(right, x + l.width);
    y += line_h;
  }
  if (left > right) left = right = r.x + r.w / 2;  // nothing visible: an empty extent where the text would be
  drawn.x = left;
  drawn.w = right - left;
  return drawn;
}

float Ui::text_impl(const std::string& id, Rect r, const std::string& logical, ImFont* font, float px, Color fg,
                    Color bg, Align align, bool vcenter, bool personal) {
  if (vcenter && r.h > 0) px = fit_box(logical, font, px, r, personal);
  const auto& lines = lines_of(logical, font, px, r.w, personal);
  float h = static_cast<float>(lines.size()) * m_.line_px(px);
  Rect used{r.x, r.y, r.w, vcenter ? r.h : h};
  Rect drawn = draw_lines(lines, used, font, px, fg, align, vcenter);
  widgets_.push_back({id, "text", logical, used, fg, bg, px, drawn});
  if (personal) personal_lines_.clear();
  return h;
}

float Ui::text(const std::string& id, Rect r, const std::string& logical, ImFont* font, float px, Color fg, Color bg,
               Align align, bool vcenter) {
  return text_impl(id, r, logical, font, px, fg, bg, align, vcenter, false);
}

float Ui::personal_text(const std::string& id, Rect r, const std::string& logical, ImFont* font, float px, Color fg,
                        Color bg, Align align, bool vcenter) {
  return text_impl(id, r, logical, font, px, fg, bg, align, vcenter, true);
}

void Ui::icon(const std::string& id, Rect r, const std::string& icon_name, Color fg, Color bg) {
  std::string glyph = icon_utf8(icon_name);
  ImFont* f = fonts_.icon;
  float px = std::min(r.w, r.h);
  ImVec2 size = f->CalcTextSizeA(px, 10000, 0, glyph.c_str());
  draw_list()->AddText(f, px, ImVec2(r.x + (r.w - size.x) / 2, r.y + (r.h - size.y) / 2), fg.u32(), glyph.c_str());
  widgets_.push_back({id, "icon", icon_name, r, fg, bg, px, {}});
}

float Ui::button_width_for(const std::string& label, bool with_icon) {
  const float body = fonts_.body->FontSize, pad = m_.px(mm::kButtonPad);
  float w = 0;
  for (const auto& l : cache_.lines(label, dir(), fonts_.body, body, 1e6f)) w = std::max(w, l.width);
  return w + 2 * pad + (with_icon ? body * kIconScale * kIconSlot + pad : 0);
}

Rect Ui::draw_label(const std::string& label, ImFont* font, Rect box, Color fg, float& px) {
  px = fit_box(label, font, font->FontSize, box, false);
  return draw_lines(cache_.lines(label, dir(), font, px, box.w), box, font, px, fg, Align::Center, true);
}

// A card's label fits under the pictogram, which keeps at least kCardIconMin; returns the label's height.
float Ui::card_label_height(const std::string& label, Rect inner, float& px) {
  const float pad = m_.px(mm::kButtonPad);
  Rect box{inner.x, inner.y, inner.w, inner.h - m_.px(mm::kCardIconMin) - pad};
  px = fit_box(label, fonts_.body, fonts_.body->FontSize, box, false);
  return static_cast<float>(cache_.lines(label, dir(), fonts_.body, px, inner.w).size()) * m_.line_px(px);
}

bool Ui::button(const std::string& id, Rect r, const std::string& label, const std::string& icon_name,
                const ButtonStyle& st) {
  ImGui::SetCursorScreenPos(r.min());
  bool clicked = ImGui::InvisibleButton(id.c_str(), ImVec2(r.w, r.h));
  bool held = ImGui::IsItemActive();
  const float rounding = m_.px(mm::kRounding);
  fill(r, held ? st.bg_down : st.bg, rounding);
  if (st.bg.r == 0xFF && st.bg.g == 0xFF) draw_list()->AddRect(r.min(), r.max(), theme::kBorder.u32(), rounding, 0, 2);
  const float pad = m_.px(mm::kButtonPad);
  ImFont* font = st.large_text ? fonts_.title : fonts_.body;
  float px = font->FontSize;
  Rect inner = r.inset(pad), drawn;
  // A label beside its icon may use the button's height but for a thin margin: its lines carry their own leading.
  const float vpad = m_.px(mm::kButtonLabelMargin);
  const Rect band{inner.x, r.y + vpad, inner.w, r.h - 2 * vpad};
  if (st.big_icon && !icon_name.empty()) {
    // A card: a big pictogram, the label under it.
    float label_h = card_label_height(label, inner, px);
    Rect ir{inner.x, inner.y, inner.w, std::max(inner.h - label_h - pad, m_.px(mm::kCardIconMin))};
    std::string glyph = icon_utf8(icon_name);
    float ipx = std::min(ir.h, fonts_.icon->FontSize);
    ImVec2 isz = fonts_.icon->CalcTextSizeA(ipx, 10000, 0, glyph.c_str());
    draw_list()->AddText(fonts_.icon, ipx, ImVec2(ir.x + (ir.w - isz.x) / 2, ir.y + (ir.h - isz.y) / 2),
                         (st.bg.r == 0xFF ? theme::kPrimary : st.fg).u32(), glyph.c_str());
    const auto& lines = cache_.lines(label, dir(), fonts_.body, px, inner.w);
    drawn = draw_lines(lines, {inner.x, ir.bottom() + pad, inner.w, label_h}, fonts_.body, px, st.fg, Align::Center,
                       false);
  } else if (!icon_name.empty()) {
    // Icon at the start (left in LTR, right in RTL), label after it.
    std::string glyph = icon_utf8(icon_name);
    float ipx = fonts_.body->FontSize * kIconScale;
    float iw = ipx * kIconSlot;
    Rect icon_r = rtl_ ? Rect{inner.right() - iw, inner.y, iw, inner.h} : Rect{inner.x, inner.y, iw, inner.h};
    ImVec2 isz = fonts_.icon->CalcTextSizeA(ipx, 10000, 0, glyph.c_str());
    draw_list()->AddText(fonts_.icon, ipx, ImVec2(icon_r.x + (iw - isz.x) / 2, icon_r.y + (icon_r.h - isz.y) / 2),
                         st.fg.u32(), glyph.c_str());
    Rect tr = rtl_ ? Rect{band.x, band.y, band.w - iw - pad, band.h}
                   : Rect{band.x + iw + pad, band.y, band.w - iw - pad, band.h};
    drawn = draw_label(label, font, tr, st.fg, px);
  } else {
    drawn = draw_label(label, font, band, st.fg, px);
  }
  widgets_.push_back({id, "button", label, r, st.fg, st.bg, px, label.empty() ? Rect{} : drawn});
  return clicked;
}

}  // namespace shubbak::ui
