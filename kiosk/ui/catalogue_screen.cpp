// Service catalogue: a grid of pictogram cards, and "help me choose" for the visitor who does not know the names.
#include <cmath>

#include "kiosk/ui/visitor_view.hpp"

namespace shubbak::ui {

void draw_catalogue(Ui& ui, const VisitorView& v, Intents& out) {
  Rect area = draw_chrome(ui, v, out, ui.tr("catalogue.title"), true, false);
  const Metrics& m = ui.metrics();
  const float gap = m.px(mm::kGap);
  const bool landscape = ui.width() > ui.height();
  const bool has_help = !v.catalogue.first_question().empty();

  // Help me choose: a band above the grid in portrait, a column at the end in landscape.
  Rect grid = area;
  if (has_help) {
    Rect help;
    if (landscape) {
      float w = m.target(70);
      help = ui.place({area.right() - w, area.y, w, area.h});
      grid = ui.place({area.x, area.y, area.w - w - gap, area.h});
    } else {
      float h = m.target(mm::kButtonHeight + 4);
      help = {area.x, area.y, area.w, h};
      grid = {area.x, area.y + h + gap, area.w, area.h - h - gap};
    }
    if (ui.button("help.open", help, ui.tr("help.open"), "help", style::kGo)) out.push_back(ev::OpenHelp{});
  }

  const auto& services = v.catalogue.services();
  const int n = static_cast<int>(services.size());
  const int cols = landscape ? (n > 8 ? 4 : 3) : (n > 6 ? 2 : 1);
  const int rows = (n + cols - 1) / cols;
  const float cw = (grid.w - gap * (cols - 1)) / cols;
  const float ch = (grid.h - gap * (rows - 1)) / rows;
  for (int i = 0; i < n; ++i) {
    const Service& s = services[i];
    int row = i / cols, col = i % cols;
    // Reading order: first card at the start of the line (right in Arabic).
    Rect r{grid.x + col * (cw + gap), grid.y + row * (ch + gap), cw, ch};
    if (ui.rtl()) r.x = grid.x + grid.w - (col + 1) * cw - col * gap;
    if (ui.button("service." + s.id, r, in_lang(s.title, ui.lang()), s.icon, style::kPictureCard))
      out.push_back(ev::OpenService{s.id});
  }
}

}  // namespace shubbak::ui
