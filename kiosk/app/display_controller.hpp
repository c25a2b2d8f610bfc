// The display role: shows the last calls, and announces each new call (a chime, then "ticket A-0-4-2, counter 3"
// in Arabic then French) — a new call waits until the previous one has been said.
#pragma once
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "kiosk/platform/audio.hpp"
#include "common/clock.hpp"
#include "store/database.hpp"
#include "kiosk/ui/display_screen.hpp"

namespace shubbak::app {

class DisplayController {
 public:
  // clip(lang, key) -> path or "" ; announced(text) is told each announcement made (logs, audit).
  DisplayController(store::Database& db, const Clock& clock, platform::AudioPlayer& audio,
                    std::function<std::string(const std::string&, const std::string&)> clip,
                    std::function<void(const std::string&)> announced);
  // Looks for new calls (cheap when nothing changed); true when the screen must be redrawn.
  bool poll();
  // Starts the next announcement if the previous one has finished.
  void speak_next();
  const std::vector<ui::CallEntry>& calls() const { return calls_; }

 private:
  void refresh(bool announce);
  store::Database& db_;
  const Clock& clock_;
  platform::AudioPlayer& audio_;
  std::function<std::string(const std::string&, const std::string&)> clip_;
  std::function<void(const std::string&)> announced_;
  std::vector<ui::CallEntry> calls_;
  std::deque<ui::CallEntry> to_announce_;
  std::string last_called_at_;
  int64_t seen_version_ = -1;
};

}  // namespace shubbak::app
