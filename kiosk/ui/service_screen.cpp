// Service page: what it is, who it is for, what to bring, opening hours; then the one action.
#include "kiosk/ui/visitor_view.hpp"

namespace shubbak::ui {

void draw_service(Ui& ui, const VisitorView& v, Intents& out) {
  const Service* s = v.catalogue.service(v.state.service_id);
  if (!s) return;
  const std::string& lang = ui.lang();
  const Rect screen = draw_chrome(ui, v, out, in_lang(s->title, lang), true, true);
  // Portrait: the text above, the actions at the bottom. Landscape: the text in the start column, the actions in
  // the end column. Rectangles are laid out left to right here; place() mirrors them in Arabic.
  const bool landscape = ui.width() > ui.height();
  Rect area = screen;
  Rect act = screen;
  if (landscape) {
    area.w = screen.w * 0.58f;
    act = {screen.x + screen.w * 0.6f, screen.y, screen.w * 0.4f, screen.h};
  }
  const Metrics& m = ui.metrics();
  const auto& f = ui.fonts();
  const float gap = m.px(mm::kGap), body = f.body->FontSize;
  const float icon_w = m.px(mm::kIcon);

  float y = area.y;
  ui.icon("service.icon", ui.place({area.x, y, icon_w, icon_w}), s->icon, theme::kPrimary, theme::kPage);
  Rect desc = ui.place({area.x + icon_w + gap, y, area.w - icon_w - gap, 0});
  float h = ui.text("service.description", desc, in_lang(s->description, lang), f.body, body, theme::kInk, theme::kPage);
  y += std::max(h, icon_w) + gap;

  auto section = [&](const std::string& id, const std::string& icon, const std::string& heading,
                     const std::string& content) {
    const float iw = body * 1.4f;
    ui.icon(id + ".icon", ui.place({area.x, y, iw, iw}), icon, theme::kPrimary, theme::kPage);
    Rect hr = ui.place({area.x + iw + gap / 2, y, area.w - iw - gap / 2, 0});
    y += ui.text(id + ".heading", hr, heading, f.title, f.title->FontSize * 0.8f, theme::kPrimary, theme::kPage);
    Rect cr = ui.place({area.x + iw + gap / 2, y, area.w - iw - gap / 2, 0});
    y += ui.text(id, cr, content, f.body, body, theme::kInk, theme::kPage) + gap;
  };
  section("service.eligibility", "groups", ui.tr("service.for_whom"), in_lang(s->eligibility, lang));
  std::string docs;
  if (auto it = s->documents.find(lang); it != s->documents.end())
    for (const auto& d : it->second) docs += (docs.empty() ? "• " : "\n• ") + d;
  section("service.documents", "description", ui.tr("service.documents"), docs);
  section("service.hours", "schedule", ui.tr("service.hours"), in_lang(s->hours, lang));

  // The actions, at the bottom where a thumb reaches: get a ticket, or register on a first visit.
  const float bh = m.target(mm::kButtonHeight + 4);
  float by = act.bottom() - bh;
  if (!s->fields.empty()) {
    // Two choices: first visit, or already registered. Side by side across a portrait screen; one above the other
    // in the narrower landscape column, where side by side their labels would not fit.
    const float w = landscape ? act.w : (act.w - gap) / 2;
    const Rect first = landscape ? Rect{act.x, by - bh - gap, w, bh} : Rect{act.x, by, w, bh};
    const Rect second = landscape ? Rect{act.x, by, w, bh} : Rect{act.x + w + gap, by, w, bh};
    if (ui.button("action.register", ui.place(first), ui.tr("action.register"), "person_add") && !v.state.saving)
      out.push_back(ev::Register{});
    if (ui.button("action.checkin", ui.place(second), ui.tr("action.checkin"), "how_to_reg") && !v.state.saving)
      out.push_back(ev::CheckIn{});
    by = first.y - bh - gap;
  }
  if (ui.button("action.ticket", ui.place({act.x, by, act.w, bh}), ui.tr("action.ticket"), "confirmation_number", style::kGo) &&
      !v.state.saving)
    out.push_back(ev::GetTicket{});
  // "I have an appointment", for a service that takes them: above "get a ticket".
  if (s->slots.minutes > 0) {
    by -= bh + gap;
    if (ui.button("action.appointment", ui.place({act.x, by, act.w, bh}), ui.tr("appointment.have"), "event_available",
                  style::kCard) && !v.state.saving)
      out.push_back(ev::HaveAppointment{});
  }
  // Priority (pregnant, elderly, disability): a toggle above the actions, pictogram first.
  const float ph = m.target(mm::kButtonHeight - 4);
  if (ui.button("action.priority", ui.place({act.x, by - gap - ph, act.w, ph}),
                ui.tr(v.state.priority ? N_("action.priority_on") : N_("action.priority")),
                v.state.priority ? "check" : "pregnant_woman", v.state.priority ? style::kChosen : style::kCard))
    out.push_back(ev::TogglePriority{});
}

}  // namespace shubbak::ui
