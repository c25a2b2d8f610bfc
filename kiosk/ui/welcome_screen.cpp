// Welcome (attract) screen: the centre's name and three big language buttons, each in its own script.
#include "common/languages.hpp"
#include "kiosk/ui/visitor_view.hpp"

namespace shubbak::ui {

void draw_welcome(Ui& ui, const VisitorView& v, Intents& out) {
  const Metrics& m = ui.metrics();
  const float W = ui.width(), H = ui.height(), pad = m.px(mm::kPad);
  const auto& fonts = ui.fonts();
  const bool landscape = W > H;
  const float bar = m.px(mm::kBarHeight) * 1.4f;

  // The centre's name in the centre's default language, greeting in all three.
  ui.fill({0, 0, W, bar}, theme::kPrimary);
  ui.text("centre.name", {pad, 0, W - 2 * pad, bar}, in_lang(v.settings.centre_name, ui.lang()), fonts.title,
          fonts.title->FontSize, theme::kOnDark, theme::kPrimary, Align::Center, true);
  float y = bar + pad;
  ui.icon("welcome.icon", {0, y, W, m.px(landscape ? 30 : 45)}, "groups", theme::kPrimary, theme::kPage);
  y += m.px(landscape ? 30 : 45) + pad;
  for (const auto& l : languages()) {
    ScopedDirection d(ui, l.rtl);
    float h = ui.text("welcome.greeting." + l.code, {pad, y, W - 2 * pad, 0}, ui.tr_in(l.code, "welcome.greeting"),
                      fonts.body, fonts.body->FontSize, theme::kInk, theme::kPage, Align::Center);
    y += h;
  }
  y += pad;

  // Three big buttons; in landscape side by side. Below them "I have an appointment", above call staff.
  const float footer = m.target(mm::kFooterHeight - mm::kPad) + pad;
  const float appt_h = m.target(mm::kButtonHeight);
  const float avail = H - y - footer - appt_h - 2 * pad;
  const int n = static_cast<int>(languages().size());
  for (int i = 0; i < n; ++i) {
    const Language& l = languages()[i];
    Rect r = landscape ? Rect{pad + i * (W - pad) / n, y, (W - pad) / n - pad, avail}
                       : Rect{pad * 2, y + i * avail / n, W - 4 * pad, avail / n - pad};
    ScopedDirection d(ui, l.rtl);
    ButtonStyle st;
    st.large_text = true;
    if (ui.button("lang." + l.code, r, l.own_name + "\n" + ui.tr_in(l.code, "welcome.touch"), "language", st))
      out.push_back(ev::ChooseLanguage{l.code});
  }
  // "I have an appointment", like call staff, says so in all three languages; the pad opens in the centre's own.
  std::string appt;
  for (const auto& l : languages()) appt += (appt.empty() ? "" : " · ") + ui.tr_in(l.code, "appointment.have");
  if (ui.button("appointment.have", {pad, H - footer - appt_h - pad / 2, W - 2 * pad, appt_h}, appt, "event_available",
                style::kCard))
    out.push_back(ev::HaveAppointment{});
  // Call staff is there even before a language is chosen: its label in all three languages.
  std::string staff;
  for (const auto& l : languages()) staff += (staff.empty() ? "" : " · ") + ui.tr_in(l.code, "call_staff");
  if (v.state.staff_called) staff = ui.tr("call_staff.done");
  if (ui.button("call_staff", {pad, H - footer + pad / 2, W - 2 * pad, footer - pad}, staff, "support_agent", style::kAlert))
    out.push_back(ev::CallStaff{});
}

}  // namespace shubbak::ui
