#include "kiosk/ui/out_of_service_screen.hpp"

#include "kiosk/ui/visitor_view.hpp"

namespace shubbak::ui {

// A title bar and a message below it.
static Rect draw_bar(Ui& ui, const std::string& title) {
  const Metrics& m = ui.metrics();
  const auto& f = ui.fonts();
  const float W = ui.width(), H = ui.height(), pad = m.px(mm::kPad), bar = m.px(mm::kBarHeight);
  ui.fill({0, 0, W, H}, theme::kPage);
  ui.fill({0, 0, W, bar}, theme::kPrimary);
  float tpx = ui.fit_px(title, f.title, f.title->FontSize, f.body->FontSize * 0.9f, W - 2 * pad, 1);
  ui.text("screen.title", {pad, 0, W - 2 * pad, bar}, title, f.title, tpx, theme::kOnDark, theme::kPrimary,
          Align::Center, true);
  return {pad, bar + pad, W - 2 * pad, H - bar - 2 * pad};
}

void draw_display_out_of_service(Ui& ui) {
  Rect area = draw_bar(ui, ui.tr("display.title"));
  draw_message(ui, area, "out_of_service.body", "schedule", theme::kPrimary, ui.tr("display.please_wait"));
}

}  // namespace shubbak::ui
