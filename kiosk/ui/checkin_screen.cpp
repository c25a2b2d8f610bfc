// "I am already registered": her phone number (or her CIN), then a ticket linked to her registration.
// "I have an appointment": the same pad, with one toggle for what she types (phone, CIN or the code on her ticket);
// not found, what to do next (another way, a ticket without the appointment, or the staff in the footer).
#include "kiosk/ui/keyboard_widget.hpp"

namespace shubbak::ui {

namespace {

const char* question_key(const FlowState& s) {
  if (s.screen == Screen::CheckIn) return s.form.pad == IdentityKind::Cin ? N_("checkin.by_cin") : N_("checkin.by_phone");
  switch (s.form.pad) {
    case IdentityKind::Cin: return N_("appointment.by_cin");
    case IdentityKind::AppointmentCode: return N_("appointment.by_code");
    case IdentityKind::Phone: break;
  }
  return N_("appointment.by_phone");
}

// The appointment pad's toggle: three buttons side by side, the one in use marked.
float draw_pad_toggle(Ui& ui, const FormState& f, Rect r, Intents& out) {
  struct Choice {
    const char* id;
    const char* label;
    const char* icon;
    IdentityKind kind;
  };
  const Choice choices[] = {{"appointment.pad.phone", N_("appointment.pad_phone"), "phone", IdentityKind::Phone},
                            {"appointment.pad.cin", N_("appointment.pad_cin"), "badge", IdentityKind::Cin},
                            {"appointment.pad.code", N_("appointment.pad_code"), "pin", IdentityKind::AppointmentCode}};
  const float gap = ui.metrics().px(mm::kGap) / 2, w = (r.w - 2 * gap) / 3;
  for (int i = 0; i < 3; ++i) {
    const Choice& c = choices[i];
    const bool on = f.pad == c.kind;
    // r is already where the fields are for her direction: only the order of the three follows it.
    const int slot = ui.rtl() ? 2 - i : i;
    if (ui.button(c.id, {r.x + slot * (w + gap), r.y, w, r.h}, ui.tr(c.label), on ? "check" : c.icon,
                  on ? style::kChosen : style::kCard))
      out.push_back(ev::PadKind{c.kind});
  }
  return r.h;
}

}  // namespace

void draw_checkin(Ui& ui, const VisitorView& v, Intents& out) {
  const FormState& f = v.state.form;
  if (!f.current()) return;
  const bool appointment = v.state.screen == Screen::Appointment;
  Rect screen = draw_chrome(ui, v, out, ui.tr(appointment ? N_("appointment.title") : N_("checkin.title")), true, true);
  TypingAreas areas = typing_areas(ui, screen, f.keyboard);
  Rect area = areas.fields;
  const Metrics& m = ui.metrics();
  const auto& fonts = ui.fonts();
  const float gap = m.px(mm::kGap), body = fonts.body->FontSize, bh = m.target(mm::kButtonHeight);
  float y = area.y;
  y += ui.text("checkin.question", {area.x, y, area.w, 0}, ui.tr(question_key(v.state)), fonts.title,
               fonts.title->FontSize, theme::kInk, theme::kPage) + gap;
  draw_field(ui, "checkin.field", {area.x, y, area.w, fonts.title->FontSize * 1.8f}, f.edit, false);
  y += fonts.title->FontSize * 1.8f + gap;
  if (!f.error.empty())
    y += ui.text("checkin.error", {area.x, y, area.w, 0}, ui.tr(f.error), fonts.body, body, theme::kAlert,
                 theme::kPage) + gap;
  if (appointment) {
    y += draw_pad_toggle(ui, f, {area.x, y, area.w, bh}, out) + gap;
    // Not found: a ticket without the appointment is always possible (the staff are in the footer).
    if (!f.error.empty() && ui.button("appointment.walk_in", {area.x, y, area.w, bh}, ui.tr("appointment.walk_in"),
                                      "confirmation_number", style::kCard))
      out.push_back(ev::OpenCatalogue{});
  } else if (f.pad == IdentityKind::Phone && ui.button("checkin.use_cin", {area.x, y, area.w, bh},
                                                       ui.tr("checkin.use_cin"), "badge", style::kCard)) {
    out.push_back(ev::CheckInWithCin{});
  }
  draw_keyboard(ui, areas.keyboard, f.keyboard, f.shift, false, out);
  if (ui.button("form.next", areas.next, ui.tr("form.next"), ui.rtl() ? "arrow_back" : "arrow_forward", style::kGo))
    out.push_back(ev::FieldNext{});
}

}  // namespace shubbak::ui
