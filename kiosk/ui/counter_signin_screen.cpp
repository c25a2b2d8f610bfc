// Staff sign-in: her name, her PIN on a pad, the counter she sits at.
#include <algorithm>

#include "kiosk/ui/counter_view.hpp"
#include "common/languages.hpp"

namespace shubbak::ui {

void draw_counter_signin(Ui& ui, const CounterView& v, CounterIntents& out) {
  const Metrics& m = ui.metrics();
  const auto& f = ui.fonts();
  const float W = ui.width(), H = ui.height(), pad = m.px(mm::kPad), gap = m.px(mm::kGap);
  const float bar = m.px(mm::kBarHeight), bh = m.target(mm::kStaffButton);
  ui.fill({0, 0, W, H}, theme::kPage);
  ui.fill({0, 0, W, bar}, theme::kPrimary);
  ui.text("screen.title", {pad, 0, W - 2 * pad, bar}, ui.tr("counter.signin_title"), f.title, f.title->FontSize,
          theme::kOnDark, theme::kPrimary, Align::Center, true);
  const float col = (W - 3 * pad) / 2;
  // Who is signing in.
  float y = bar + pad;
  const ButtonStyle &card = style::kCard, &chosen = style::kChosen;
  for (const auto& s : v.staff) {
    if (ui.button("staff." + s.login, ui.place({pad, y, col, bh}), s.name, "badge",
                  s.login == v.state.login ? chosen : card))
      out.push_back(cev::PickStaff{s.login, s.name});
    y += bh + gap / 2;
  }
  if (v.staff.empty())
    ui.text("counter.no_staff", ui.place({pad, y, col, 0}), ui.tr("counter.no_staff"), f.body, f.body->FontSize,
            theme::kInk, theme::kPage);
  // The PIN, as dots, and the pad.
  float x = pad * 2 + col;
  y = bar + pad;
  std::string dots(v.state.pin.size(), '*');
  ui.text("pin.dots", ui.place({x, y, col, f.title->FontSize * 1.5f}), dots.empty() ? ui.tr("counter.pin") : dots,
          f.title, f.title->FontSize, theme::kInk, theme::kPage, Align::Center, true);
  y += f.title->FontSize * 1.5f + gap;
  const float key = m.target_px(std::min((col - 2 * gap) / 3, m.px(mm::kPinKey)));
  // The pad sits in the second column (mirrored in Arabic); its keys keep the 1-2-3 order of every keypad.
  const float kx = ui.place({x, y, col, 0}).x + (col - (3 * key + 2 * gap)) / 2;
  const char* keys = "123456789<0>";
  for (int i = 0; i < 12; ++i) {
    Rect r{kx + (i % 3) * (key + gap), y + (i / 3) * (key + gap), key, key};
    char k = keys[i];
    if (k == '<') {
      if (ui.button("pin.back", r, "", "backspace", card)) out.push_back(cev::PinBack{});
    } else if (k == '>') {
      if (ui.button("pin.ok", r, "", "check", style::kGo)) out.push_back(cev::SubmitPin{});
    } else {
      ButtonStyle st = card;
      st.large_text = true;
      if (ui.button(std::string("pin.") + k, r, std::string(1, k), "", st)) out.push_back(cev::PinDigit{k});
    }
  }
  y += 4 * (key + gap);
  // The counter number.
  const float cb = m.target(mm::kStaffButton);
  if (ui.button("counter.minus", ui.place({x, y, cb, cb}), "-", "", card)) out.push_back(cev::CounterStep{-1});
  ui.text("counter.number", ui.place({x + cb + gap, y, col - 2 * (cb + gap), cb}),
          ui.tr("counter.number", {{"n", std::to_string(v.state.counter)}}), f.title, f.title->FontSize, theme::kInk,
          theme::kPage, Align::Center, true);
  if (ui.button("counter.plus", ui.place({x + col - cb, y, cb, cb}), "+", "", card)) out.push_back(cev::CounterStep{+1});
  y += cb + gap;
  // The staff member's language (the console follows it).
  {
    const float lw = m.target_px(std::min(m.px(mm::kLanguageButtonWidth), (W - 2 * pad - 2 * gap) / 3));
    const float lh = m.target(mm::kLanguageButton);
    float lx = pad;
    for (const auto& l : languages()) {
      ScopedDirection d(ui, l.rtl);
      if (ui.button("lang." + l.code, ui.place({lx, H - pad - lh, lw, lh}), l.own_name, "language",
                    l.code == ui.lang() ? chosen : card))
        out.push_back(cev::SetLanguage{l.code});
      lx += lw + gap;
    }
  }
  if (!v.state.message.empty())
    ui.text("counter.message", ui.place({x, y, col, 0}),
            ui.tr(v.state.message, {{"left", std::to_string(v.state.attempts_left)}, {"until", v.state.locked_until}}),
            f.body, f.body->FontSize, theme::kAlert, theme::kPage);
}

}  // namespace shubbak::ui
