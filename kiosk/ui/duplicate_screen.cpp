// She is already registered (found by the phone or CIN she typed): check in with it, not a second registration.
#include "visitor_view.hpp"

namespace shubbak::ui {

void draw_duplicate(Ui& ui, const VisitorView& v, Intents& out) {
  Rect area = draw_chrome(ui, v, out, ui.tr("duplicate.title"), true, true);
  const Metrics& m = ui.metrics();
  const auto& f = ui.fonts();
  float y = area.y + m.px(10);
  ui.icon("duplicate.icon", {area.x, y, area.w, m.px(mm::kIcon)}, "how_to_reg", theme::kPrimary, theme::kPage);
  y += m.px(mm::kIcon) + m.px(mm::kGap);
  y += ui.text("duplicate.body", {area.x, y, area.w, 0}, ui.tr("duplicate.body"), f.title, f.title->FontSize,
               theme::kInk, theme::kPage, Align::Center) + m.px(mm::kGap) * 2;
  ButtonStyle go{theme::kGo, theme::kGo, theme::kOnDark};
  const float bh = m.px(mm::kButtonHeight + 6);
  if (ui.button("duplicate.use", {area.x, y, area.w, bh}, ui.tr("duplicate.use"), "confirmation_number", go) &&
      !v.state.saving)
    out.push_back(ev::UseRegistration{});
}

}  // namespace shubbak::ui
