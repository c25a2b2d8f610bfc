// "I am already registered": her phone number (or her CIN), then a ticket linked to her registration.
#include "kiosk/ui/keyboard_widget.hpp"

namespace shubbak::ui {

void draw_checkin(Ui& ui, const VisitorView& v, Intents& out) {
  const FormState& f = v.state.form;
  const FieldRequirement* req = f.current();
  if (!req) return;
  Rect screen = draw_chrome(ui, v, out, ui.tr("checkin.title"), true, true);
  TypingAreas areas = typing_areas(ui, screen, f.keyboard);
  Rect area = areas.fields;
  const Metrics& m = ui.metrics();
  const auto& fonts = ui.fonts();
  const float gap = m.px(mm::kGap), body = fonts.body->FontSize, bh = m.target(mm::kButtonHeight);
  float y = area.y;
  const bool by_phone = req->field == Field::Phone;
  y += ui.text("checkin.question", {area.x, y, area.w, 0},
               ui.tr(by_phone ? N_("checkin.by_phone") : N_("checkin.by_cin")), fonts.title, fonts.title->FontSize,
               theme::kInk, theme::kPage) + gap;
  draw_field(ui, "checkin.field", {area.x, y, area.w, fonts.title->FontSize * 1.8f}, f.edit, false);
  y += fonts.title->FontSize * 1.8f + gap;
  if (!f.error.empty())
    y += ui.text("checkin.error", {area.x, y, area.w, 0}, ui.tr(f.error), fonts.body, body, theme::kAlert,
                 theme::kPage) + gap;
  if (by_phone && ui.button("checkin.use_cin", {area.x, y, area.w, bh}, ui.tr("checkin.use_cin"), "badge",
                            style::kCard))
    out.push_back(ev::CheckInWithCin{});
  draw_keyboard(ui, areas.keyboard, f.keyboard, f.shift, false, out);
  if (ui.button("form.next", areas.next, ui.tr("form.next"),
                ui.rtl() ? "arrow_back" : "arrow_forward", style::kGo))
    out.push_back(ev::FieldNext{});
}

}  // namespace shubbak::ui
