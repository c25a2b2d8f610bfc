// "Do you need more time?" with a visible countdown; no answer returns to the welcome screen.
#include "visitor_view.hpp"

namespace shubbak::ui {

void draw_more_time(Ui& ui, const VisitorView& v, Intents& out) {
  Rect area = draw_chrome(ui, v, out, ui.tr("more_time.title"), false, false);
  const Metrics& m = ui.metrics();
  const auto& f = ui.fonts();
  const float gap = m.px(mm::kGap);
  float y = area.y + m.px(10);
  ui.icon("more_time.icon", {area.x, y, area.w, m.px(mm::kIcon)}, "schedule", theme::kPrimary, theme::kPage);
  y += m.px(mm::kIcon) + gap;
  std::string secs = std::to_string(VisitorFlow::seconds_left(v.state, v.now));
  y += ui.text("more_time.countdown", {area.x, y, area.w, 0}, ui.tr("more_time.countdown", {{"seconds", secs}}),
               f.title, f.title->FontSize, theme::kInk, theme::kPage, Align::Center) + gap * 2;
  const float bh = m.px(mm::kButtonHeight + 10);
  ButtonStyle go{theme::kGo, theme::kGo, theme::kOnDark};
  if (ui.button("more_time.yes", {area.x, y, area.w, bh}, ui.tr("more_time.yes"), "check", go))
    out.push_back(ev::KeepGoing{});
  y += bh + gap;
  if (ui.button("more_time.no", {area.x, y, area.w, bh}, ui.tr("more_time.no"), "home")) out.push_back(ev::Home{});
}

}  // namespace shubbak::ui
