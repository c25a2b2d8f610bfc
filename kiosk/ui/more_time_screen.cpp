// "Do you need more time?" with a visible countdown; no answer returns to the welcome screen.
#include "kiosk/ui/visitor_view.hpp"

namespace shubbak::ui {

void draw_more_time(Ui& ui, const VisitorView& v, Intents& out) {
  Rect area = draw_chrome(ui, v, out, ui.tr("more_time.title"), false, false);
  std::string secs = std::to_string(VisitorFlow::seconds_left(v.state, v.now));
  float y = draw_message(ui, area, "more_time.countdown", "schedule", theme::kPrimary,
                         ui.tr("more_time.countdown", {{"seconds", secs}}));
  const float bh = ui.metrics().target(mm::kButtonHeight + 10), gap = ui.metrics().px(mm::kGap);
  if (ui.button("more_time.yes", {area.x, y, area.w, bh}, ui.tr("more_time.yes"), "check", style::kGo))
    out.push_back(ev::KeepGoing{});
  y += bh + gap;
  if (ui.button("more_time.no", {area.x, y, area.w, bh}, ui.tr("more_time.no"), "home")) out.push_back(ev::Home{});
}

}  // namespace shubbak::ui
