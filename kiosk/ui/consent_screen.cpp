// Consent (law 09-08), one purpose a screen, each with its own pictogram, spoken explanation and big Yes / No.
// Keep (her details for this service): what is kept, why, who sees it, for how long, her rights; "No" still gives
// her a ticket, with nothing stored about her. SMS reminders and sharing with a partner: one sentence under a big
// pictogram; "No" changes nothing else.
#include "kiosk/core/flow_consent.hpp"
#include "kiosk/ui/visitor_view.hpp"

namespace shubbak::ui {

namespace {

// The keep question: the five things the law says she must be told, each beside its pictogram.
void draw_keep(Ui& ui, Rect area) {
  const Metrics& m = ui.metrics();
  const auto& f = ui.fonts();
  const float gap = m.px(mm::kGap) * 0.6f, body = f.body->FontSize, iw = body * 1.4f;
  float y = area.y;
  const char* items[][2] = {{N_("consent.what"), "description"}, {N_("consent.why"), "help"},
                            {N_("consent.who"), "groups"},       {N_("consent.how_long"), "schedule"},
                            {N_("consent.rights"), "gavel"}};
  for (auto& it : items) {
    ui.icon(std::string(it[0]) + ".icon", ui.place({area.x, y, iw, iw}), it[1], theme::kPrimary, theme::kPage);
    y += std::max(iw, ui.text(it[0], ui.place({area.x + iw + gap, y, area.w - iw - gap, 0}), ui.tr(it[0]), f.body,
                              body, theme::kInk, theme::kPage)) + gap;
  }
}

}  // namespace

void draw_consent(Ui& ui, const VisitorView& v, Intents& out) {
  const std::string purpose = VisitorFlow::consent_purpose(v.state);
  const ConsentAsk& ask = consent_ask(purpose);
  Rect area = draw_chrome(ui, v, out, ui.tr(ask.title), true, true);
  const Metrics& m = ui.metrics();
  const float gap = m.px(mm::kGap) * 0.6f;
  if (purpose == "keep") draw_keep(ui, area);
  else draw_message(ui, area, "consent.question", ask.icon, theme::kPrimary, ui.tr(ask.question));
  const float bh = m.target(mm::kButtonHeight);
  // "No" to keep means a ticket without her details; to the others, only "no, thank you".
  const std::string no = ui.tr(purpose == "keep" ? N_("consent.no") : N_("consent.no_thanks"));
  if (ui.button("consent.no", {area.x, area.bottom() - bh, area.w, bh}, no, "close") && !v.state.saving)
    out.push_back(ev::Consent{false});
  if (ui.button("consent.yes", {area.x, area.bottom() - 2 * bh - gap, area.w, bh}, ui.tr("consent.yes"), "check", style::kGo) &&
      !v.state.saving)
    out.push_back(ev::Consent{true});
}

}  // namespace shubbak::ui
