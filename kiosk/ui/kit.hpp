// The drawing kit every screen uses: buttons and text drawn through the text pipeline, mirrored in
// right-to-left languages, each recorded (id, role, logical label, rect, colours) for the automation
// script's taps and the --audit file. Widgets own no state; ImGui ids come from stable widget ids only.
#pragma once
#include <imgui.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/text/fonts.hpp"
#include "kiosk/core/i18n.hpp"
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
};

struct WidgetRecord {
  std::string id;
  std::string role;   // "button", "text", "icon", "panel"
  std::string label;  // logical UTF-8, as written in the catalogue
  Rect rect;
  Color fg{}, bg{};
  float text_px = 0;  // font size of the label, pixels
};

enum class Align { Start, Center, End };  // Start is left in LTR, right in RTL

struct Metrics {
  float ppm = 4;  // pixels per millimetre of glass
  float px(float mm) const { return mm * ppm; }
  static Metrics for_screen(int w, int h, double diagonal_inches);
};

struct ButtonStyle {
  Color bg = theme::kPrimary;
  Color bg_down = theme::kPrimaryDown;
  Color fg = theme::kOnDark;
  bool big_icon = false;  // pictogram above the label (cards)
  bool large_text = false;  // label in the title size (language buttons)
};

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
  float text(const std::string& id, Rect r, const std::string& logical, ImFont* font, float px, Color fg, Color bg,
             Align align = Align::Start, bool vcenter = false);
  float text_height(const std::string& logical, ImFont* font, float px, float width);
  // The largest size from max_px down to min_px at which the text fits in `lines` lines of `width`.
  float fit_px(const std::string& logical, ImFont* font, float max_px, float min_px, float width, int lines);
  void icon(const std::string& id, Rect r, const std::string& icon_name, Color fg, Color bg);

  const std::vector<WidgetRecord>& widgets() const { return widgets_; }
  ImDrawList* draw_list() const { return ImGui::GetWindowDrawList(); }

 private:
  void draw_lines(const std::vector<text::Line>& lines, Rect r, ImFont* font, float px, Color fg, Align align,
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
