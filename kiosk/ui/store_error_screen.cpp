// The kiosk could not save: tell her in her language to go to the counter (staff have been alerted).
#include "visitor_view.hpp"

namespace shubbak::ui {

void draw_store_error(Ui& ui, const VisitorView& v, Intents& out) {
  Rect area = draw_chrome(ui, v, out, ui.tr("store_error.title"), false, true);
  draw_message(ui, area, "store_error.body", "support_agent", theme::kAlert, ui.tr("store_error.body"));
}

}  // namespace shubbak::ui
