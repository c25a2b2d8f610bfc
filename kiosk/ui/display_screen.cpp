#include "kiosk/ui/display_screen.hpp"

namespace shubbak::ui {

void draw_display(Ui& ui, const std::vector<CallEntry>& calls) {
  const Metrics& m = ui.metrics();
  const auto& f = ui.fonts();
  const float W = ui.width(), H = ui.height(), pad = m.px(mm::kPad), bar = m.px(mm::kBarHeight);
  ui.fill({0, 0, W, H}, theme::kPage);
  ui.fill({0, 0, W, bar}, theme::kPrimary);
  ui.text("screen.title", {pad, 0, W - 2 * pad, bar}, ui.tr("display.title"), f.title, f.title->FontSize,
          theme::kOnDark, theme::kPrimary, Align::Center, true);
  if (calls.empty()) {
    ui.text("display.empty", {pad, bar + pad, W - 2 * pad, H / 2}, ui.tr("display.empty"), f.title, f.title->FontSize,
            theme::kInk, theme::kPage, Align::Center, true);
    return;
  }
  // The newest call first and largest; the earlier ones below.
  float y = bar + pad;
  for (size_t i = 0; i < calls.size(); ++i) {
    const bool latest = i == 0;
    const float row = latest ? m.px(70) : m.px(40);
    if (y + row > H) break;
    Rect r{pad, y, W - 2 * pad, row - pad / 2};
    const Color bg = latest ? theme::kPrimary : theme::kCard, fg = latest ? theme::kOnDark : theme::kInk;
    ui.fill(r, bg, m.px(2));
    const float half = r.w / 2;
    {
      ScopedDirection ltr(ui, false);
      ui.text("call." + std::to_string(i) + ".number", ui.place({r.x, r.y, half, r.h}), calls[i].number, f.huge,
              f.huge->FontSize * (latest ? 1.0f : 0.55f), fg, bg, Align::Center, true);
    }
    ui.text("call." + std::to_string(i) + ".counter", ui.place({r.x + half, r.y, half, r.h}),
            ui.tr("display.counter", {{"n", std::to_string(calls[i].counter)}}), f.title,
            f.title->FontSize * (latest ? 1.3f : 1.0f), fg, bg, Align::Center, true);
    y += row;
  }
}

}  // namespace shubbak::ui
