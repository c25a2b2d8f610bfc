// The staff console: the queue at a glance, one tap to call the next person, her details while she is served,
// the outcome, and whether the records reached the ministry — in words.
#include "kiosk/ui/counter_view.hpp"
#include "common/utf8.hpp"
#include "kiosk/ui/visitor_view.hpp"

namespace shubbak::ui {

void draw_counter_console(Ui& ui, const CounterView& v, CounterIntents& out) {
  const Metrics& m = ui.metrics();
  const auto& f = ui.fonts();
  const float W = ui.width(), H = ui.height(), pad = m.px(mm::kPad), gap = m.px(mm::kGap);
  const float bar = m.bar_px(), inset = m.px(mm::kBarInset), bh = m.target(mm::kStaffButton);
  const float body = f.body->FontSize, row_h = m.target(mm::kQueueRow), call_h = m.target(mm::kCallButton);
  const CounterState& s = v.state;
  ui.fill({0, 0, W, H}, theme::kPage);
  ui.fill({0, 0, W, bar}, theme::kPrimary);
  ui.text("screen.title", ui.place({pad, 0, W * 0.6f, bar}),
          ui.tr("counter.console_title", {{"n", std::to_string(s.counter)}, {"name", s.staff_name}}), f.body, body,
          theme::kOnDark, theme::kPrimary, Align::Start, true);
  const float signout_w = m.target(mm::kSignOutWidth);
  if (ui.button("counter.signout", ui.place({W - pad - signout_w, inset, signout_w, bar - 2 * inset}),
                ui.tr("counter.signout"), "close"))
    out.push_back(cev::SignOut{});
  float y = bar + gap;
  if (v.call_staff_alerts > 0) {
    // A visitor pressed "call staff" at the kiosk: at the top, until someone says they saw it.
    Rect r{pad, y, W - 2 * pad, row_h};
    if (ui.button("counter.alerts", r, ui.tr("counter.alerts", {{"count", std::to_string(v.call_staff_alerts)}}),
                  "notifications_active", style::kAlert))
      out.push_back(cev::AckAlerts{});
    y += r.h + gap;
  }
  // Landscape: the queue in the start column, the person being served in the end column. Portrait: the queue on
  // top (a third of the screen), the person being served below, both full width.
  const bool landscape = W > H;
  const float col = landscape ? (W - 3 * pad) / 2 : W - 2 * pad;
  const float queue_bottom = landscape ? H - m.px(60) : y + (H - y) * 0.3f;
  // The queue, priority first.
  float qy = y;
  qy += ui.text("queue.title", ui.place({pad, qy, col, 0}),
                ui.tr("counter.queue_title", {{"count", std::to_string(v.queue.size())}}), f.title,
                f.title->FontSize * 0.8f, theme::kPrimary, theme::kPage);
  int i = 0;
  const ButtonStyle& row = style::kCard;
  constexpr ButtonStyle prio{theme::kPriority, theme::kPriorityDown, theme::kInk};
  for (const auto& q : v.queue) {
    if (qy + row_h > queue_bottom) break;
    const Service* svc = v.catalogue.service(q.service_id);
    // The ticket number is isolated (LRI ... PDI) so that it reads as one left-to-right unit inside Arabic.
    std::string line = "\u2066" + q.number + "\u2069" + (q.priority ? " " + ui.tr("counter.priority") + " " : "  ") + "— " +
                       ui.tr("counter.waiting", {{"minutes", std::to_string(q.waiting_minutes)}}) + " — " +
                       (svc ? in_lang(svc->title, ui.lang()) : q.service_id);
    // Tapping a waiting ticket marks (or unmarks) it as priority: pregnant, elderly, disability.
    if (ui.button("queue." + std::to_string(i++), ui.place({pad, qy, col, row_h}), line, "", q.priority ? prio : row))
      out.push_back(cev::TogglePriority{q.id});
    qy += row_h + gap / 3;
  }
  // The person being served.
  const float x = landscape ? pad * 2 + col : pad;
  float cy = landscape ? y : queue_bottom + gap;
  const ButtonStyle& go = style::kGo;
  if (s.current_id.empty()) {
    if (ui.button("counter.call", ui.place({x, cy, col, call_h}), ui.tr("counter.call_next"), "notifications_active",
                  go))
      out.push_back(cev::CallNext{});
    cy += call_h + gap;
    if (!s.message.empty())
      ui.text("counter.message", ui.place({x, cy, col, 0}), ui.tr(s.message), f.body, body, theme::kInk, theme::kPage);
  } else {
    {
      ScopedDirection ltr(ui, false);
      cy += ui.text("current.number", ui.place({x, cy, col, 0}), s.current_number, f.huge, f.huge->FontSize * 0.6f,
                    theme::kPrimary, theme::kPage, Align::Center);
    }
    if (v.details) {
      const VisitorDetails& d = *v.details;
      std::string info = d.name + "\n" + d.phone + (d.cin.empty() ? "" : "  " + d.cin) + "\n" + d.commune +
                         (d.birth_year.empty() ? "" : "  " + d.birth_year);
      // Her details: laid out this frame only, never kept in the text cache.
      cy += ui.personal_text("current.details", ui.place({x, cy, col, 0}), info, f.body, body, theme::kInk,
                             theme::kPage) + gap;
    }
    const float third = (col - 2 * gap) / 3;
    if (ui.button("counter.recall", ui.place({x, cy, third, bh}), ui.tr("counter.recall"), "volume_up"))
      out.push_back(cev::Recall{});
    if (ui.button("counter.transfer", ui.place({x + third + gap, cy, third, bh}), ui.tr("counter.transfer"),
                  "arrow_forward"))
      out.push_back(cev::OpenTransfer{});
    if (ui.button("counter.noshow", ui.place({x + 2 * (third + gap), cy, third, bh}), ui.tr("counter.no_show"), "close",
                  style::kAlert))
      out.push_back(cev::NoShow{});
    cy += bh + gap;
    if (s.choosing_transfer) {
      // To which service: she keeps her number and her place by arrival time.
      cy += ui.text("transfer.title", ui.place({x, cy, col, 0}), ui.tr("counter.transfer_to"), f.body, body,
                    theme::kPrimary, theme::kPage);
      const float half = (col - gap) / 2;
      int k = 0;
      for (const auto& svc : v.catalogue.services()) {
        Rect r = ui.place({x + (k % 2) * (half + gap), cy + (k / 2) * (bh + gap / 2), half, bh});
        if (ui.button("transfer." + svc.id, r, in_lang(svc.title, ui.lang()), svc.icon, row))
          out.push_back(cev::TransferTo{svc.id});
        ++k;
      }
    } else {
      // The note: typed on the staff keyboard while she is served, shown through the text pipeline.
      ImGuiIO& io = ImGui::GetIO();
      std::string note = s.note;
      bool changed = false;
      for (ImWchar c : io.InputQueueCharacters) {
        if (c >= 0x20) {
          note += u32_to_utf8(std::u32string(1, static_cast<char32_t>(c)));
          changed = true;
        }
      }
      if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !note.empty()) {
        std::u32string u = utf8_to_u32(note);
        u.pop_back();
        note = u32_to_utf8(u);
        changed = true;
      }
      if (changed) out.push_back(cev::EditNote{note});
      Rect nr = ui.place({x, cy, col, body * 1.6f});
      ui.fill(nr, theme::kCard, m.px(1));
      ui.draw_list()->AddRect(nr.min(), nr.max(), theme::kBorder.u32(), m.px(1));
      {
        bool rtl_note = text::direction_of(utf8_to_u32(s.note), ui.dir()) == text::Direction::RTL;
        ScopedDirection d(ui, rtl_note);
        // What the staff member types about her is personal; the hint is not.
        if (s.note.empty())
          ui.text("counter.note", nr.inset(m.px(1)), ui.tr("counter.note_hint"), f.body, body, theme::kInk, theme::kCard,
                  Align::Start, true);
        else
          ui.personal_text("counter.note", nr.inset(m.px(1)), s.note, f.body, body, theme::kInk, theme::kCard,
                           Align::Start, true);
      }
      cy += body * 1.6f + gap;
      cy += ui.text("outcome.title", ui.place({x, cy, col, 0}), ui.tr("counter.outcome"), f.body, body,
                    theme::kPrimary, theme::kPage);
      for (const auto& o : v.catalogue.outcomes()) {
        if (ui.button("outcome." + o.id, ui.place({x, cy, col, bh}), in_lang(o.label, ui.lang()), "check", go))
          out.push_back(cev::Served{o.id});
        cy += bh + gap / 2;
      }
    }
  }
  ui.text("counter.today", ui.place({pad, H - body * 4.2f, col, body * 1.3f}),
          ui.tr("counter.today", {{"tickets", std::to_string(v.today_tickets)},
                                  {"served", std::to_string(v.today_served)},
                                  {"minutes", std::to_string(static_cast<int>(v.today_median_wait + 0.5))}}),
          f.body, body, theme::kInk, theme::kPage, Align::Start, true);
  // Did yesterday's data reach the ministry? In words, not codes.
  std::string words;
  for (const Phrase& ph : sync_phrases(v.sync)) words += (words.empty() ? "" : " ") + ui.tr(ph.key, ph.values);
  const std::string& p = v.sync.problem;
  ui.text("counter.sync", ui.place({pad, H - body * 2.8f, W - 2 * pad, body * 2.6f}), words, f.body, body,
          p.empty() ? theme::kInk : theme::kAlert, theme::kPage, Align::Start, true);
}

}  // namespace shubbak::ui
