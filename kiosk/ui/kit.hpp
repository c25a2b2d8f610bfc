// The drawing kit every screen uses: buttons and text drawn through the text pipeline, mirrored in
// right-to-left languages, each recorded (id, role, logical label, rect, colours) for the automation
// script's taps and the --audit file. Widgets own no state; ImGui ids come from stable widget ids only.
// A label too long for its widget wraps, then shrinks (never under the centre's body_line_mm), in whole words.
// Her details (what she types on the kiosk) go through personal_text(): laid out each
// frame and never kept in the text cache.
#pragma once
#include <imgui.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/centre_settings.hpp"
#include "common/i18n.hpp"
#include "kiosk/text/fonts.hpp"
#include "kiosk/text/text_cache.hpp"
#include "kiosk/ui/theme.hpp"

namespace shubbak::ui {

// Marks a translation key used later through a table (gettext's N_ convention): the catalogue test finds it.
constexpr const char* N_(const char* key) { return key; }

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  float right() const { return x + w; }
  float bottom() const { return y + h; }
  ImVec2 min() const { return {x, y}; }
  ImVec2 max() const { return {x + w, y + h}; }
  Rect inset(float d) const { return {x + d, y + d, w - 2 * d, h - 2 * d}; }
  bool contains(const Rect& o, float tolerance = 0.5f) const {
    return o.x >= x - tolerance && o.y >= y - tolerance && o.right() <= right() + tolerance &&
           o.bottom() <= bottom() + tolerance;
  }
};

struct WidgetRecord {
  std::string id;
  std::string role;   // "button", "text", "icon", "panel"
  std::string label;  // logical UTF-8, as written in the catalogue
  Rect rect;
  Color fg{}, bg{};
  float text_px = 0;  // font size of the label, pixels
  Rect text_rect;     // where the label's lines were drawn (empty without a label)
};

enum class Align { Start, Center, End };  // Start is left in LTR, right in RTL

struct Metrics {
  float ppm = 4;  // pixels per millimetre of glass
  float min_target_mm = 15;  // the centre's floors (Tuning)
  float body_line_mm = 8;
  float px(float mm) const { return mm * ppm; }
  // A touch target's side: `mm` (or `pixels`) as designed, never under the centre's minimum.
  float target(float mm) const { return target_px(px(mm)); }
  float target_px(float pixels) const { return pixels < px(min_target_mm) ? px(min_target_mm) : pixels; }
  // The top bar: tall enough for its buttons (a target with a margin above and below).
  float bar_px() const { return target(mm::kBarHeight - 2 * mm::kBarInset) + px(2 * mm::kBarInset); }
  // The smallest font size a label may shrink to: its line is then exactly the centre's body line.
  float min_text_px() const { return px(body_line_mm) / theme::kLineHeight; }
  float line_px(float font_px) const { return font_px * theme::kLineHeight; }
  // Font sizes for this screen; body and title grow together when the centre asks for taller body lines.
  text::FontSizes font_sizes() const;
  static Metrics for_screen(int w, int h, const Tuning& t);
};

struct ButtonStyle {
  Color bg = theme::kPrimary;
  Color bg_down = theme::kPrimaryDown;
  Color fg = theme::kOnDark;
  bool big_icon = false;  // pictogram above the label (cards)
  bool large_text = false;  // label in the title size (language buttons)
};

// The styles the screens share.
namespace style {
constexpr ButtonStyle kMain{};                                              // dark teal
constexpr ButtonStyle kGo{theme::kGo, theme::kGo, theme::kOnDark};          // "get a ticket", "next", "yes"
constexpr ButtonStyle kAlert{theme::kAlert, theme::kAlert, theme::kOnDark};  // "call staff", "no show"
constexpr ButtonStyle kCard{theme::kCard, theme::kCardDown, theme::kInk};   // white, dark text
constexpr ButtonStyle kChosen{theme::kPrimary, theme::kPrimaryDown, theme::kOnDark};
constexpr ButtonStyle kPictureCard{theme::kCard, theme::kCardDown, theme::kInk, true};
}  // namespace style

class Ui {
 public:
  Ui(const text::FontSet& fonts, text::TextCache& cache, const Translations& tr, std::string lang, bool rtl,
     Metrics m, int width, int height);

  const std::string& lang() const { return lang_; }
  bool rtl() const { return rtl_; }
  const Metrics& metrics() const { return m_; }
  float width() const { return width_; }
  float height() const { return height_; }
  const text::FontSet& fonts() const { return fonts_; }
  // Direction of text drawn now: the language's, unless a ScopedDirection says otherwise.
  text::Direction dir() const { return dir_override_ ? *dir_override_ : (rtl_ ? text::Direction::RTL : text::Direction::LTR); }
  void set_direction(std::optional<text::Direction> d) { dir_override_ = d; }
  std::string tr_in(const std::string& lang, const std::string& key) const;

  std::string tr(const std::string& key) const { return tr_.get(lang_, key); }
  std::string tr(const std::string& key, const std::map<std::string, std::string>& values) const {
    return format(tr_.get(lang_, key), values);
  }
  // Mirrors a rectangle laid out left-to-right when the language reads right-to-left.
  Rect place(Rect r) const;

  void fill(const Rect& r, Color c, float rounding = 0);
  bool button(const std::string& id, Rect r, const std::string& label, const std::string& icon = "",
              const ButtonStyle& style = {});
  // Wrapped text inside r (already placed); returns the height used.
  // With vcenter and a height, r is a box: text too long for it shrinks to fit (down to the body-line floor).
  float text(const std::string& id, Rect r, const std::string& logical, ImFont* font, float px, Color fg, Color bg,
             Align align = Align::Start, bool vcenter = false);
  // The same for her details: laid out now, kept nowhere.
  float personal_text(const std::string& id, Rect r, const std::string& logical, ImFont* font, float px, Color fg,
                      Color bg, Align align = Align::Start, bool vcenter = false);
  // The largest size from max_px down to min_px (never under the body-line floor) at which the text fits in
  // `lines` lines of `width`.
  float fit_px(const std::string& logical, ImFont* font, float max_px, float min_px, float width, int lines);
  void icon(const std::string& id, Rect r, const std::string& icon_name, Color fg, Color bg);
  // The width a button needs for `label` on one line at the body size, with an icon at its start or not.
  float button_width_for(const std::string& label, bool with_icon);

  const std::vector<WidgetRecord>& widgets() const { return widgets_; }
  ImDrawList* draw_list() const { return ImGui::GetWindowDrawList(); }

 private:
  const std::vector<text::Line>& lines_of(const std::string& logical, ImFont* font, float px, float width,
                                          bool personal);
  // The largest size from max_px down to the floor at which the text fits `box` in whole words.
  float fit_box(const std::string& logical, ImFont* font, float max_px, Rect box, bool personal);
  float text_impl(const std::string& id, Rect r, const std::string& logical, ImFont* font, float px, Color fg,
                  Color bg, Align align, bool vcenter, bool personal);
  // Draws the label of a button inside `box`, fitted; returns where its lines went.
  Rect draw_label(const std::string& label, ImFont* font, Rect box, Color fg, float& px);
  float card_label_height(const std::string& label, Rect inner, float& px);
  // Returns the rectangle the lines cover.
  Rect draw_lines(const std::vector<text::Line>& lines, Rect r, ImFont* font, float px, Color fg, Align align,
                  bool vcenter);
  const text::FontSet& fonts_;
  text::TextCache& cache_;
  const Translations& tr_;
  std::string lang_;
  bool rtl_;
  Metrics m_;
  float width_, height_;
  std::vector<WidgetRecord> widgets_;
  std::optional<text::Direction> dir_override_;
  std::vector<text::Line> personal_lines_;  // this frame's personal layout only
};

// Draws text of another language (e.g. a language's own name) in that language's direction.
class ScopedDirection {
 public:
  ScopedDirection(Ui& ui, bool rtl) : ui_(ui) { ui_.set_direction(rtl ? text::Direction::RTL : text::Direction::LTR); }
  ~ScopedDirection() { ui_.set_direction(std::nullopt); }

 private:
  Ui& ui_;
};

}  // namespace shubbak::ui
