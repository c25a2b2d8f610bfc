// Everything SDL for one kiosk process, behind one class: SDL's start and end, the window (or the headless
// surface), Dear ImGui's context and its SDL_Renderer backend, a frame's begin and end, and the wait for events.
// The app above sees no SDL type (tests/architecture/check_dependencies.sh forbids SDL in kiosk/app).
#pragma once
#include <memory>
#include <string>

#include "kiosk/platform/input.hpp"

namespace shubbak::platform {

class Window;

struct HostOptions {
  int width = 1080, height = 1920;
  bool headless = false;  // no display: draw into memory, wait only for SIGTERM/SIGINT
  bool windowed = false;  // developer's mode: a window that closes normally; otherwise locked-down fullscreen
  bool software = false;  // force the software renderer
};

// What woke the loop up.
struct Wake {
  bool quit = false;    // SIGTERM/SIGINT (or, windowed, the window closed)
  bool input = false;   // a finger, the mouse or the keyboard: queued in the InputQueue
  bool redraw = false;  // the window was exposed, resized, moved
};

class Host {
 public:
  // Throws PlatformError (kiosk/platform/window.hpp) when the display or the renderer cannot start.
  static std::unique_ptr<Host> create(const HostOptions& opt);
  ~Host();
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;

  int width() const;
  int height() const;
  bool headless() const;
  std::string renderer_name() const;

  // Starts an ImGui frame over the whole screen (one borderless root window) with the input queued for it.
  void begin_frame(InputQueue& input);
  // Ends it, draws it on the page colour and presents it.
  void end_frame();
  // Sleeps until an event or timeout_ms (0: just look); input events go to `input`.
  Wake wait(int timeout_ms, InputQueue& input);
  // Writes what was last drawn as a PNG. Throws PlatformError.
  void screenshot(const std::string& path) const;

 private:
  explicit Host(const HostOptions& opt);
  HostOptions opt_;
  std::unique_ptr<Window> window_;
  bool imgui_ready_ = false;
};

}  // namespace shubbak::platform
