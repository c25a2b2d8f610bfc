// Pointer and keyboard input for ImGui 1.86, fed from SDL events (a finger on glass arrives as mouse events)
// or from the automation script. Feeding io.MousePos from events avoids the 1.86 backend's frozen-drag bug.
// A press and release in the same frame are spread over two frames so that no tap is lost.
#pragma once
#include <imgui.h>

#include <deque>
#include <string>

union SDL_Event;

namespace shubbak::platform {

class InputQueue {
 public:
  // Returns true if the event is input for the UI.
  bool push_sdl(const SDL_Event& e);
  void move(float x, float y);
  void button(bool down);
  void text(const std::string& utf8);
  // Applies queued input to io for one frame; true while more input waits for the next frame.
  bool apply(ImGuiIO& io);
  bool empty() const { return q_.empty(); }
  static void setup_keymap(ImGuiIO& io);

 private:
  struct Item {
    enum Kind { Move, Button, Text, Key } kind = Move;
    float x = 0, y = 0;
    bool down = false;
    int key = 0;
    std::string text;
  };
  std::deque<Item> q_;
};

}  // namespace shubbak::platform
