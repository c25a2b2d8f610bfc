// "An SMS when your turn is near" (issue 18): her mobile number for this ticket alone. The words say exactly what
// it is for (one SMS when her turn is near, this ticket only, forgotten when the ticket ends) beside the SMS
// pictogram, and are spoken; digits only; "send me the SMS" agrees, "no, thank you" is one tap back to her ticket.
#include "kiosk/ui/keyboard_widget.hpp"

namespace shubbak::ui {

void draw_ticket_phone(Ui& ui, const VisitorView& v, Intents& out) {
  const FormState& f = v.state.form;
  if (!f.current()) return;
  Rect screen = draw_chrome(ui, v, out, ui.tr("ticket_phone.title"), true, true);
  TypingAreas areas = typing_areas(ui, screen, f.keyboard);
  Rect area = areas.fields;
  const Metrics& m = ui.metrics();
  const auto& fonts = ui.fonts();
  const float gap = m.px(mm::kGap), body = fonts.body->FontSize, bh = m.target(mm::kButtonHeight);
  const float iw = body * 2.4f, field_h = fonts.title->FontSize * 1.8f;
  float y = area.y;
  // `area` is already on her side of the screen (typing_areas): only the icon's side within it follows her direction.
  const float icon_x = ui.rtl() ? area.right() - iw : area.x, words_x = ui.rtl() ? area.x : area.x + iw + gap;
  ui.icon("ticket_phone.icon", {icon_x, y, iw, iw}, "sms", theme::kPrimary, theme::kPage);
  y += std::max(iw, ui.text("ticket_phone.words", {words_x, y, area.w - iw - gap, 0}, ui.tr("ticket_phone.words"),
                            fonts.body, body, theme::kInk, theme::kPage)) + gap;
  draw_field(ui, "ticket_phone.field", {area.x, y, area.w, field_h}, f.edit, false);  // digits: left to right
  y += field_h + gap;
  if (!f.error.empty())
    y += ui.text("ticket_phone.error", {area.x, y, area.w, 0}, ui.tr(f.error), fonts.body, body, theme::kAlert,
                 theme::kPage) + gap;
  if (ui.button("ticket_phone.no", {area.x, y, area.w, bh}, ui.tr("consent.no_thanks"), "close", style::kCard))
    out.push_back(ev::Back{});
  draw_keyboard(ui, areas.keyboard, f.keyboard, f.shift, false, out);
  if (ui.button("ticket_phone.send", areas.next, ui.tr("ticket_phone.send"), "sms", style::kGo))
    out.push_back(ev::FieldNext{});
}

}  // namespace shubbak::ui
