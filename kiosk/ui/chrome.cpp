#include "kiosk/ui/visitor_view.hpp"

namespace shubbak::ui {

Rect draw_chrome(Ui& ui, const VisitorView& v, Intents& out, const std::string& title, bool back, bool home) {
  const Metrics& m = ui.metrics();
  const float W = ui.width(), H = ui.height();
  const float pad = m.px(mm::kPad), bar = m.bar_px(), foot = m.target(mm::kFooterHeight - mm::kPad) + pad;
  // Back and home as wide as their words need (large text, long wording), within a quarter of the screen each.
  const std::string back_label = ui.tr("nav.back"), home_label = ui.tr("nav.home");
  const float wanted = std::max(ui.button_width_for(back_label, true), ui.button_width_for(home_label, true));
  const float inset = m.px(mm::kBarInset), bh = bar - 2 * inset;
  const float bw = std::max(m.target(mm::kNavButtonWidth), std::min(wanted, W / 4));
  ui.fill({0, 0, W, bar}, theme::kPrimary);
  // Back points the way she reads from: left in LTR, right in RTL (place() mirrors, the icon flips).
  if (back && ui.button("nav.back", ui.place({pad / 2, inset, bw, bh}), back_label,
                        ui.rtl() ? "arrow_forward" : "arrow_back"))
    out.push_back(ev::Back{});
  if (home && ui.button("nav.home", ui.place({W - pad / 2 - bw, inset, bw, bh}), home_label, "home"))
    out.push_back(ev::Home{});
  float tx = pad / 2 + bw + pad;
  ImFont* tf = ui.fonts().title;
  float tpx = ui.fit_px(title, tf, tf->FontSize, ui.fonts().body->FontSize * 0.9f, W - 2 * tx, 1);
  ui.text("screen.title", {tx, 0, W - 2 * tx, bar}, title, tf, tpx, theme::kOnDark, theme::kPrimary, Align::Center, true);

  // Footer: listen (when a clip exists) at the start, call staff at the end.
  const float fy = H - foot;
  ui.fill({0, fy, W, foot}, theme::kPage);
  const float fbw = (W - 3 * pad) / 2, fbh = foot - pad;
  if (v.can_listen && ui.button("listen", ui.place({pad, fy + pad / 2, fbw, fbh}), ui.tr("listen"), "volume_up"))
    out.push_back(ev::Listen{});
  std::string staff = v.state.staff_called ? ui.tr("call_staff.done") : ui.tr("call_staff");
  if (!v.out_of_service && ui.button("call_staff", ui.place({W - pad - fbw, fy + pad / 2, fbw, fbh}), staff, "support_agent", style::kAlert))
    out.push_back(ev::CallStaff{});
  return {pad, bar + pad, W - 2 * pad, fy - bar - 2 * pad};
}

float draw_message(Ui& ui, Rect area, const std::string& id, const std::string& icon, Color icon_colour,
                   const std::string& text) {
  const Metrics& m = ui.metrics();
  const auto& f = ui.fonts();
  float y = area.y + m.px(10);
  ui.icon(id + ".icon", {area.x, y, area.w, m.px(mm::kIcon)}, icon, icon_colour, theme::kPage);
  y += m.px(mm::kIcon) + m.px(mm::kGap);
  y += ui.text(id, {area.x, y, area.w, 0}, text, f.title, f.title->FontSize, theme::kInk, theme::kPage, Align::Center);
  return y + m.px(mm::kGap) * 2;
}

void draw_visitor(Ui& ui, const VisitorView& v, Intents& out) {
  ui.fill({0, 0, ui.width(), ui.height()}, theme::kPage);
  switch (v.state.screen) {
    case Screen::Welcome: draw_welcome(ui, v, out); break;
    case Screen::Catalogue: draw_catalogue(ui, v, out); break;
    case Screen::Help: draw_help(ui, v, out); break;
    case Screen::Service: draw_service(ui, v, out); break;
    case Screen::Form: draw_form(ui, v, out); break;
    case Screen::Consent: draw_consent(ui, v, out); break;
    case Screen::CheckIn:
    case Screen::Appointment: draw_checkin(ui, v, out); break;
    case Screen::Duplicate: draw_duplicate(ui, v, out); break;
    case Screen::Ticket: draw_ticket(ui, v, out); break;
    case Screen::TicketPhone: draw_ticket_phone(ui, v, out); break;
    case Screen::MoreTime: draw_more_time(ui, v, out); break;
    case Screen::StoreError: draw_store_error(ui, v, out); break;
  }
}

}  // namespace shubbak::ui
