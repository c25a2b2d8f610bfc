// Registration, one field per step: the question, the field, an on-screen keyboard, "next".
#include "kiosk/ui/keyboard_widget.hpp"

namespace shubbak::ui {

static const char* field_label_key(Field f) {
  switch (f) {
    case Field::Name: return N_("field.name");
    case Field::Phone: return N_("field.phone");
    case Field::Cin: return N_("field.cin");
    case Field::BirthYear: return N_("field.birth_year");
    case Field::Commune: return N_("field.commune");
    case Field::Contact: return N_("field.contact");
  }
  return N_("field.name");
}

void draw_form(Ui& ui, const VisitorView& v, Intents& out) {
  const FormState& f = v.state.form;
  const FieldRequirement* req = f.current();
  if (!req) return;
  Rect screen = draw_chrome(ui, v, out, ui.tr("form.title"), true, true);
  const bool typing = req->field != Field::Contact;
  TypingAreas areas = typing_areas(ui, screen, typing ? std::optional(f.keyboard) : std::nullopt);
  Rect area = typing ? areas.fields : Rect{screen.x, screen.y, screen.w, areas.next.y - screen.y};
  const Metrics& m = ui.metrics();
  const auto& fonts = ui.fonts();
  const float gap = m.px(mm::kGap), body = fonts.body->FontSize;

  float y = area.y;
  std::string step = ui.tr("form.step", {{"n", std::to_string(f.index + 1)}, {"total", std::to_string(f.fields.size())}});
  y += ui.text("form.step", {area.x, y, area.w, 0}, step, fonts.body, body, theme::kInk, theme::kPage);
  std::string question = ui.tr(field_label_key(req->field));
  if (!req->required) question += " " + ui.tr("form.optional");
  y += ui.text("form.question", {area.x, y, area.w, 0}, question, fonts.title, fonts.title->FontSize,
               theme::kInk, theme::kPage) + gap;

  if (req->field == Field::Contact) {
    // A choice, not typing: three big buttons.
    struct Choice {
      ContactPreference how;
      const char* label;
      const char* icon;
    };
    const Choice choices[] = {{ContactPreference::Sms, N_("contact.sms"), "phone"},
                              {ContactPreference::Call, N_("contact.call"), "phone"},
                              {ContactPreference::None, N_("contact.none"), "close"}};
    for (const Choice& c : choices) {
      const bool chosen = f.contact == c.how;
      const ButtonStyle& st = chosen ? style::kChosen : style::kCard;
      if (ui.button(std::string("contact.") + contact_preference_name(c.how),
                    {area.x, y, area.w, m.target(mm::kButtonHeight)}, ui.tr(c.label), chosen ? "check" : c.icon, st))
        out.push_back(ev::ChooseContact{c.how});
      y += m.target(mm::kButtonHeight) + gap;
    }
  } else {
    // The field reads in the direction of what she typed; empty, in the keyboard's.
    auto fallback = f.keyboard == Keyboard::Arabic ? text::Direction::RTL : text::Direction::LTR;
    bool rtl = text::direction_of(f.edit.text, fallback) == text::Direction::RTL;
    draw_field(ui, "form.field", {area.x, y, area.w, fonts.title->FontSize * 1.8f}, f.edit, rtl);
    y += fonts.title->FontSize * 1.8f + gap;
    draw_keyboard(ui, areas.keyboard, f.keyboard, f.shift, rtl, out);
  }
  if (!f.error.empty())
    ui.text("form.error", {area.x, y, area.w, 0}, ui.tr(f.error), fonts.body, body, theme::kAlert,
            theme::kPage);
  Rect next = typing ? areas.next : Rect{screen.x, areas.next.y, screen.w, areas.next.h};
  if (ui.button("form.next", next, ui.tr("form.next"),
                ui.rtl() ? "arrow_back" : "arrow_forward", style::kGo))
    out.push_back(ev::FieldNext{});
}

}  // namespace shubbak::ui
