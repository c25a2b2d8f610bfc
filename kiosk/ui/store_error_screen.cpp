// The kiosk could not save: tell her in her language to go to the counter (staff have been alerted).
#include "visitor_view.hpp"

namespace shubbak::ui {

void draw_store_error(Ui& ui, const VisitorView& v, Intents& out) {
  Rect area = draw_chrome(ui, v, out, ui.tr("store_error.title"), false, true);
  const Metrics& m = ui.metrics();
  const auto& f = ui.fonts();
  float y = area.y + m.px(10);
  ui.icon("store_error.icon", {area.x, y, area.w, m.px(mm::kIcon)}, "support_agent", theme::kAlert, theme::kPage);
  y += m.px(mm::kIcon) + m.px(mm::kGap);
  ui.text("store_error.body", {area.x, y, area.w, 0}, ui.tr("store_error.body"), f.title, f.title->FontSize,
          theme::kInk, theme::kPage, Align::Center);
}

}  // namespace shubbak::ui
