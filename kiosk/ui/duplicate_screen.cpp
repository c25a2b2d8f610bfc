// She is already registered (found by the phone or CIN she typed): check in with it, not a second registration.
#include "kiosk/ui/visitor_view.hpp"

namespace shubbak::ui {

void draw_duplicate(Ui& ui, const VisitorView& v, Intents& out) {
  Rect area = draw_chrome(ui, v, out, ui.tr("duplicate.title"), true, true);
  float y = draw_message(ui, area, "duplicate.body", "how_to_reg", theme::kPrimary, ui.tr("duplicate.body"));
  const float bh = ui.metrics().target(mm::kButtonHeight + 6);
  if (ui.button("duplicate.use", {area.x, y, area.w, bh}, ui.tr("duplicate.use"), "confirmation_number", style::kGo) &&
      !v.state.saving)
    out.push_back(ev::UseRegistration{});
}

}  // namespace shubbak::ui
