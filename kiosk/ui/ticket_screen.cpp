// The ticket: her number, big. For a sensitive service: only the number, in a neutral colour. After an appointment:
// "late" said gently if she came past the grace, and her next appointment (day, time; its service unless sensitive)
// with the code she types next time. An SMS when her turn is near, to a number for this ticket alone (issue 18).
#include "kiosk/core/flow_ticket.hpp"
#include "kiosk/ui/visitor_view.hpp"

namespace shubbak::ui {

void draw_ticket(Ui& ui, const VisitorView& v, Intents& out) {
  const IssuedTicket& t = v.state.ticket;
  Rect area = draw_chrome(ui, v, out, ui.tr("ticket.title"), false, false);
  const Metrics& m = ui.metrics();
  const auto& f = ui.fonts();
  const float gap = m.px(mm::kGap), body = f.body->FontSize;
  const Service* s = v.catalogue.service(t.service_id);
  const Color card_bg = t.sensitive ? theme::kNeutral : theme::kPrimary;

  float y = area.y;
  const float bh = m.target(mm::kButtonHeight);
  const float card_h = m.px(mm::kHugeText) * 1.6f + (t.sensitive ? 0 : body * 2.5f);
  Rect card{area.x, y, area.w, card_h};
  ui.fill(card, card_bg, m.px(3));
  float cy = card.y + gap;
  if (!t.sensitive && s) {
    ui.icon("ticket.icon", ui.place({card.x + gap, cy, body * 2, body * 2}), s->icon, theme::kOnDark, card_bg);
    ui.text("ticket.service", ui.place({card.x + body * 2 + 2 * gap, cy, card.w - body * 2 - 3 * gap, body * 2}),
            in_lang(s->title, ui.lang()), f.body, body, theme::kOnDark, card_bg, Align::Start, true);
    cy += body * 2.5f;
  }
  // The number is Latin letters and digits: always left to right, even in Arabic.
  {
    ScopedDirection ltr(ui, false);
    ui.text("ticket.number", {card.x, cy, card.w, card.bottom() - cy - gap}, t.number, f.huge, f.huge->FontSize,
            theme::kOnDark, card_bg, Align::Center, true);
  }
  y = card.bottom() + gap;

  // After an appointment, or the SMS pad, there are more lines than a landscape screen holds above "done": there the
  // SMS line and the appointment's go in a second column.
  const bool has_more = t.late || t.next_appointment || t.sms_phone_kept || t.sms_phone_not_kept;
  const bool two_columns = has_more && ui.width() > ui.height();
  struct Column {
    float x, w, y;
  };
  Column first{area.x, two_columns ? (area.w - gap) / 2 : area.w, y};
  Column second = two_columns ? Column{area.x + first.w + gap, first.w, y} : first;
  auto line = [&](Column& c, const std::string& id, const std::string& icon, const std::string& text) {
    const float iw = body * 1.4f;
    ui.icon(id + ".icon", ui.place({c.x, c.y, iw, iw}), icon, theme::kPrimary, theme::kPage);
    c.y += std::max(iw, ui.text(id, ui.place({c.x + iw + gap, c.y, c.w - iw - gap, 0}), text, f.body, body,
                                theme::kInk, theme::kPage)) + gap / 2;
  };
  // A sensitive ticket says nothing that could tell where she is going, not even the counter.
  if (!t.counters.empty() && !t.sensitive) {
    std::string list;
    for (int c : t.counters) list += (list.empty() ? "" : ui.tr("list.separator")) + std::to_string(c);
    line(first, "ticket.counter", "storefront", ui.tr("ticket.counter", {{"counter", list}}));
  }
  line(first, "ticket.ahead", "groups",
       t.people_ahead == 0 ? ui.tr("ticket.next") : ui.tr("ticket.ahead", {{"count", std::to_string(t.people_ahead)}}));
  if (t.people_ahead > 0)
    line(first, "ticket.wait", "schedule", ui.tr("ticket.wait", {{"minutes", std::to_string(t.wait_minutes)}}));
  line(first, "ticket.hint", t.printed ? "print" : "confirmation_number",
       t.printed ? ui.tr("ticket.take") : ui.tr("ticket.remember"));
  // ... and, after the pad, whether it was kept.
  if (!two_columns) second.y = first.y;
  if (t.sms_phone_kept) line(second, "ticket.sms_kept", "sms", ui.tr("ticket.sms_kept"));
  if (t.sms_phone_not_kept) line(second, "ticket.sms_not_kept", "sms_failed", ui.tr("ticket.sms_not_kept"));
  if (t.late) line(second, "ticket.late", "directions_walk", ui.tr("ticket.late"));
  if (const NextAppointment* na = t.next_appointment ? &*t.next_appointment : nullptr) {
    const std::string when = ui.tr(weekday_key(na->day)) + " " + day_month(na->day);
    // A sensitive service is never named on a ticket she may be seen holding.
    const Service* next = na->sensitive ? nullptr : v.catalogue.service(na->service_id);
    line(second, "ticket.next_appointment", "event",
         next ? ui.tr("ticket.next_appointment_service",
                      {{"day", when}, {"time", na->time}, {"service", in_lang(next->title, ui.lang())}})
              : ui.tr("ticket.next_appointment", {{"day", when}, {"time", na->time}}));
    if (!na->code.empty())
      line(second, "ticket.appointment_code", "pin", ui.tr("ticket.appointment_code", {{"code", na->code}}));
  }

  // A number for this ticket alone (issue 18): offered beside "done" (the ticket is already issued and printed);
  // above it in portrait, at its start side in landscape where the lines above leave no room.
  Rect done{area.x, area.bottom() - bh, area.w, bh};
  if (VisitorFlow::offers_ticket_sms(v.state, v.catalogue, v.settings)) {
    const bool beside = ui.width() > ui.height();
    Rect sms = beside ? Rect{area.x, done.y, (area.w - gap) / 2, bh} : Rect{area.x, done.y - bh - gap, area.w, bh};
    if (beside) done = {area.x + sms.w + gap, done.y, sms.w, bh};
    if (ui.button("ticket.sms_offer", ui.place(sms), ui.tr("ticket.sms_offer"), "sms", style::kCard))
      out.push_back(ev::WantSms{});
  }
  if (ui.button("ticket.done", ui.place(done),
                ui.tr("ticket.done", {{"seconds", std::to_string(VisitorFlow::seconds_left(v.state, v.now))}}), "check"))
    out.push_back(ev::Home{});
}

}  // namespace shubbak::ui
