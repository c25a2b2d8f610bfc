// The kiosk could not save: tell her in her language to go to the counter (staff have been alerted).
#include "kiosk/ui/visitor_view.hpp"

namespace shubbak::ui {

void draw_store_error(Ui& ui, const VisitorView& v, Intents& out) {
  Rect area = draw_chrome(ui, v, out, ui.tr("store_error.title"), false, !v.out_of_service);
  float y = draw_message(ui, area, "store_error.body", "support_agent", theme::kAlert, ui.tr("store_error.body"));
  // What she gave is kept: one tap saves it again (a full disk freed, a lock released, a cable back).
  if (v.state.unsaved) {
    const float bh = ui.metrics().px(mm::kButtonHeight + 10);
    ButtonStyle go{theme::kGo, theme::kGo, theme::kOnDark};
    if (ui.button("store_error.retry", {area.x, y, area.w, bh}, ui.tr("store_error.retry"), "refresh", go))
      out.push_back(ev::TryAgain{});
  }
}

}  // namespace shubbak::ui
