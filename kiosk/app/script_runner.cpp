#include "kiosk/app/script_runner.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>

#include "common/utf8.hpp"

namespace shubbak::app {

using Steady = std::chrono::steady_clock;

namespace {
class ScriptFailure : public std::runtime_error {
 public:
  ScriptFailure(int line, const std::string& msg) : std::runtime_error("line " + std::to_string(line) + ": " + msg) {}
};
}  // namespace

int ScriptRunner::run(const std::vector<Command>& cmds, const std::string& script_name) {
  k_.frame();
  k_.frame();
  try {
    for (const auto& c : cmds) command(c);
  } catch (const ScriptFailure& f) {
    std::fprintf(stderr, "shubbak-kiosk: script %s: %s\n", script_name.c_str(), f.what());
    return 1;
  }
  return 0;
}

void ScriptRunner::command(const Command& c) {
  switch (c.kind) {
    case Command::Tap: tap(c.arg, c.line); break;
    case Command::Type: type(c.arg, c.line); break;
    case Command::Wait:
    case Command::Until:
    case Command::AwaitFile: let_time_pass(c); break;
    case Command::Clock:
      k_.advance_clock(Seconds(c.number));
      k_.frame();
      k_.frame();
      break;
    case Command::Shot:
      k_.frame();
      k_.shot(c.arg);
      break;
    case Command::ExpectScreen:
      if (c.arg != k_.screen())
        throw ScriptFailure(c.line, "expected screen '" + c.arg + "' but the screen is '" + k_.screen() + "'");
      break;
    case Command::ExpectText: {
      const ui::WidgetRecord* w = find(c.arg);
      if (!w) throw ScriptFailure(c.line, "expect text: no widget '" + c.arg + "' on screen '" + k_.screen() + "'");
      if (w->label != c.text)
        throw ScriptFailure(c.line, "expected " + c.arg + " to read '" + c.text + "' but it reads '" + w->label + "'");
      break;
    }
  }
}

// Real time passes as on the kiosk: timers tick, other processes' writes are picked up, frames drawn.
void ScriptRunner::let_time_pass(const Command& c) {
  const long ms = c.kind == Command::Wait ? c.number : c.kind == Command::Until ? 15000 : 30000;
  const auto until = Steady::now() + std::chrono::milliseconds(ms);
  auto done = [&] {
    if (c.kind == Command::AwaitFile) return ::access(c.arg.c_str(), F_OK) == 0;
    const ui::WidgetRecord* w = find(c.arg);
    return c.kind == Command::Until && w && w->label == c.text;
  };
  while (Steady::now() < until && !done()) {
    k_.pass_time();
    k_.frame();
    if (done()) break;
    std::this_thread::sleep_for(
        std::min<Steady::duration>(std::chrono::milliseconds(k_.poll_ms()), until - Steady::now()));
  }
  k_.frame();
  if (c.kind == Command::AwaitFile && !done())
    throw ScriptFailure(c.line, "await-file: " + c.arg + " did not appear within 30 s");
  if (c.kind == Command::Until && !done()) {
    const ui::WidgetRecord* w = find(c.arg);
    throw ScriptFailure(c.line, "until: " + c.arg + " did not read '" + c.text + "' within 15 s (it reads '" +
                                    (w ? w->label : std::string("<absent>")) + "')");
  }
}

const ui::WidgetRecord* ScriptRunner::find(const std::string& id) const {
  for (const auto& w : k_.widgets())
    if (w.id == id) return &w;
  return nullptr;
}

void ScriptRunner::tap(const std::string& id, int line) {
  const ui::WidgetRecord* w = find(id);
  if (!w || w->role != "button") {
    std::string ids;
    for (const auto& x : k_.widgets())
      if (x.role == "button") ids += (ids.empty() ? "" : ", ") + x.id;
    throw ScriptFailure(line, "tap " + id + ": no such button on screen '" + k_.screen() + "' (buttons here: " + ids +
                                  ")");
  }
  const auto start = Steady::now();
  const std::string screen_before = k_.screen();
  const float x = w->rect.x + w->rect.w / 2, y = w->rect.y + w->rect.h / 2;
  platform::InputQueue& in = k_.input();
  in.move(x, y);
  in.button(true);
  in.button(false);
  k_.touch();
  // Press, release, then one frame to show the result of the intent.
  while (!in.empty()) k_.frame();
  k_.frame();
  // A tap that changes the screen: from the finger to the new screen drawn (this frame shows it).
  if (k_.screen() != screen_before)
    stats_.tap(std::chrono::duration<double, std::milli>(Steady::now() - start).count());
  k_.frame();
}

// Types through the on-screen keyboard: each character is a tap on its key, switching shift or layout as a person
// would when the key is not on the keyboard shown.
void ScriptRunner::type(const std::string& text, int line) {
  for (char32_t c : utf8_to_u32(text)) {
    char id[16];
    std::snprintf(id, sizeof id, "key.u%04X", static_cast<unsigned>(c));
    std::string key = c == U' ' ? "key.space" : id;
    auto try_shift = [&] {
      if (find(key) || !find("key.shift")) return;
      tap("key.shift", line);
      if (!find(key)) tap("key.shift", line);  // not there either: shift off again
    };
    try_shift();
    for (const char* layout : {"ar", "fr", "zgh"}) {
      if (find(key)) break;
      std::string sw = std::string("key.layout.") + layout;
      if (!find(sw)) continue;
      tap(sw, line);
      try_shift();
    }
    if (!find(key))
      throw ScriptFailure(line, "type: no key for '" + u32_to_utf8(std::u32string(1, c)) + "' on any keyboard here");
    tap(key, line);
  }
}

}  // namespace shubbak::app
