// Help me choose: one pictogram question at a time, from the catalogue's decision tree.
#include "kiosk/ui/visitor_view.hpp"

namespace shubbak::ui {

void draw_help(Ui& ui, const VisitorView& v, Intents& out) {
  const Question* q = v.catalogue.question(v.state.question_id);
  Rect area = draw_chrome(ui, v, out, ui.tr("help.title"), true, true);
  if (!q) return;
  const Metrics& m = ui.metrics();
  const float gap = m.px(mm::kGap);
  const auto& f = ui.fonts();
  float h = ui.text("help.question", area, in_lang(q->prompt, ui.lang()), f.title, f.title->FontSize, theme::kInk,
                    theme::kPage, Align::Center);
  Rect grid{area.x, area.y + h + gap, area.w, area.h - h - gap};
  const int n = static_cast<int>(q->answers.size());
  const bool landscape = ui.width() > ui.height();
  const int cols = landscape ? std::min(n, 4) : (n > 2 ? 2 : 1);
  const int rows = (n + cols - 1) / cols;
  const float cw = (grid.w - gap * (cols - 1)) / cols;
  const float ch = std::min((grid.h - gap * (rows - 1)) / rows, m.px(90));
  for (int i = 0; i < n; ++i) {
    const Answer* a = v.catalogue.answer(q->answers[i]);
    if (!a) continue;
    int row = i / cols, col = i % cols;
    Rect r{grid.x + col * (cw + gap), grid.y + row * (ch + gap), cw, ch};
    if (ui.rtl()) r.x = grid.x + grid.w - (col + 1) * cw - col * gap;
    if (ui.button("answer." + a->id, r, in_lang(a->label, ui.lang()), a->icon, style::kPictureCard))
      out.push_back(ev::AnswerHelp{a->id});
  }
}

}  // namespace shubbak::ui
