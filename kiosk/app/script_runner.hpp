// Runs an automation script (script.hpp) against a kiosk, with the same input a finger would give: taps on a
// widget's centre, typing key by key on the on-screen keyboard, real or injected time, screenshots, expectations.
#pragma once
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "kiosk/app/frame_stats.hpp"
#include "kiosk/app/script.hpp"
#include "kiosk/platform/input.hpp"
#include "kiosk/ui/kit.hpp"

namespace shubbak::app {

// What a script drives (KioskApp).
class ScriptTarget {
 public:
  virtual ~ScriptTarget() = default;
  virtual void frame() = 0;
  virtual void touch() = 0;
  virtual platform::InputQueue& input() = 0;
  virtual const std::vector<ui::WidgetRecord>& widgets() const = 0;  // of the last frame
  virtual std::string screen() const = 0;
  // One turn of the loop without input: the store retried, a new catalogue taken, other processes' writes, timers.
  virtual void pass_time() = 0;
  // The injected clock moves on (idle timers, countdowns, the store's retry), then the timers run.
  virtual void advance_clock(Seconds s) = 0;
  virtual void shot(const std::string& name) = 0;
  virtual int poll_ms() const = 0;  // how often pass_time() runs while real time passes
};

class ScriptRunner {
 public:
  ScriptRunner(ScriptTarget& kiosk, FrameStats& stats) : k_(kiosk), stats_(stats) {}
  // 0 when every command ran and every expectation held; 1 after printing the failing line on stderr.
  int run(const std::vector<Command>& cmds, const std::string& script_name);

 private:
  void command(const Command& c);
  void tap(const std::string& id, int line);
  void type(const std::string& text, int line);
  void let_time_pass(const Command& c);
  const ui::WidgetRecord* find(const std::string& id) const;

  ScriptTarget& k_;
  FrameStats& stats_;
};

}  // namespace shubbak::app
