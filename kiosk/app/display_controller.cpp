#include "kiosk/app/display_controller.hpp"

namespace shubbak::app {

DisplayController::DisplayController(store::Database& db, const Clock& clock, platform::AudioPlayer& audio,
                                     std::function<std::string(const std::string&, const std::string&)> clip,
                                     std::function<void(const std::string&)> announced)
    : db_(db), clock_(clock), audio_(audio), clip_(std::move(clip)), announced_(std::move(announced)) {
  refresh(false);  // calls made before the display started are shown, not said again
}

bool DisplayController::poll() {
  int64_t v = db_.data_version();
  if (v == seen_version_) return false;
  refresh(true);
  return true;
}

void DisplayController::refresh(bool announce) {
  seen_version_ = db_.data_version();
  auto st = db_.prepare("SELECT number, coalesce(counter,0), called_at FROM tickets WHERE day=? AND called_at IS NOT NULL "
                        "ORDER BY called_at DESC, rowid DESC LIMIT 6");
  st.bind(1, local_day(clock_.now(), clock_.zone()));
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

void DisplayController::speak_next() {
  if (to_announce_.empty() || audio_.busy()) return;
  ui::CallEntry c = to_announce_.front();
  to_announce_.pop_front();
  std::vector<std::string> clips;
  for (const char* lang : {"ar", "fr"}) {
    auto add = [&](const std::string& key) {
      std::string p = clip_(lang, key);
      if (!p.empty()) clips.push_back(p);
    };
    add(ui::N_("call.ticket"));
    for (char ch : c.number)
      if (ch != '-') add(std::string("say.") + ch);
    add(ui::N_("call.counter"));
    for (char ch : std::to_string(c.counter)) add(std::string("say.") + ch);
  }
  audio_.announce(clips);
  announced_("announce " + c.number + " counter " + std::to_string(c.counter) + " (" + std::to_string(clips.size()) +
             " clips)");
}

}  // namespace shubbak::app
