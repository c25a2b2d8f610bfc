#include "kiosk/app/display_role.hpp"

#include "common/log.hpp"

namespace shubbak::app {

DisplayRole::DisplayRole(store::Database& db, const RoleContext& ctx) : db_(db), ctx_(ctx) {
  refresh(false);  // calls made before the display started are shown, not said again
}

bool DisplayRole::poll() {
  int64_t v = db_.data_version();
  const bool changed = v != seen_version_;
  if (changed) refresh(true);
  speak_next();
  return changed;
}

void DisplayRole::refresh(bool announce) {
  seen_version_ = db_.data_version();
  auto st = db_.prepare("SELECT number, coalesce(counter,0), called_at FROM tickets WHERE day=? AND called_at IS NOT NULL "
                        "ORDER BY called_at DESC, rowid DESC LIMIT 6");
  st.bind(1, local_day(ctx_.clock.now(), ctx_.clock.zone()));
  calls_.clear();
  std::vector<std::pair<ui::CallEntry, std::string>> fresh;
  std::string newest = last_called_at_;
  while (st.step()) {
    ui::CallEntry c{st.text(0), static_cast<int>(st.integer(1))};
    std::string at = st.text(2);
    calls_.push_back(c);
    if (at > last_called_at_) fresh.emplace_back(c, at);  // a new call, or a recall
    newest = std::max(newest, at);
  }
  last_called_at_ = newest;
  if (!announce) return;
  for (auto it = fresh.rbegin(); it != fresh.rend(); ++it) to_announce_.push_back(it->first);  // oldest first
}

void DisplayRole::speak_next() {
  if (to_announce_.empty() || ctx_.audio.busy()) return;
  ui::CallEntry c = to_announce_.front();
  to_announce_.pop_front();
  std::vector<std::string> clips;
  for (const char* lang : {"ar", "fr"}) {
    auto add = [&](const std::string& key) {
      std::string p = ctx_.voice.clip(lang, key);
      if (!p.empty()) clips.push_back(p);
    };
    add(ui::N_("call.ticket"));
    for (char ch : c.number)
      if (ch != '-') add(std::string("say.") + ch);
    add(ui::N_("call.counter"));
    for (char ch : std::to_string(c.counter)) add(std::string("say.") + ch);
  }
  ctx_.audio.announce(clips);
  std::string said = "announce " + c.number + " counter " + std::to_string(c.counter) + " (" +
                     std::to_string(clips.size()) + " clips)";
  ctx_.audit.note_prompt(said);
  log::info(said);
}

}  // namespace shubbak::app
