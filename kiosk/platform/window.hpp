// The SDL2 window and renderer, or a headless surface with the software renderer for tests and screenshots.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

struct SDL_Window;
struct SDL_Surface;
struct SDL_Renderer;
union SDL_Event;

namespace shubbak::platform {

class PlatformError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct WindowOptions {
  int width = 1080;
  int height = 1920;
  bool headless = false;    // no display: draw into memory
  bool fullscreen = true;   // kiosk: borderless fullscreen
  bool software = false;    // force the software renderer
  std::string title = "Shubbak";
};

class Window {
 public:
  static std::unique_ptr<Window> create(const WindowOptions& opt);
  ~Window();

  SDL_Renderer* renderer() const { return renderer_; }
  int width() const { return width_; }
  int height() const { return height_; }
  bool headless() const { return surface_ != nullptr; }
  std::string renderer_name() const;
  void present();
  // Writes what was last drawn as a PNG. Throws PlatformError.
  void screenshot(const std::string& path) const;

 private:
  Window() = default;
  SDL_Window* window_ = nullptr;
  SDL_Surface* surface_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  int width_ = 0, height_ = 0;
};

}  // namespace shubbak::platform

namespace shubbak::platform {

// Waits for the next event up to timeout_ms (-1: forever). With a window, SDL's own blocking wait; headless,
// only SIGTERM/SIGINT can arrive (as SDL_QUIT), and the wait is a real sleep in sigtimedwait: zero CPU when idle.
// Call block_quit_signals() before any thread starts when running headless.
void block_quit_signals();
bool wait_event(const Window& w, SDL_Event& e, int timeout_ms);

}  // namespace shubbak::platform
