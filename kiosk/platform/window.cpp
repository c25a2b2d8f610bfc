#include "kiosk/platform/window.hpp"

#include <SDL.h>
#include <stb_image_write.h>

#include <vector>

namespace shubbak::platform {

std::unique_ptr<Window> Window::create(const WindowOptions& opt) {
  std::unique_ptr<Window> w(new Window());
  w->width_ = opt.width;
  w->height_ = opt.height;
  if (opt.headless) {
    w->surface_ = SDL_CreateRGBSurfaceWithFormat(0, opt.width, opt.height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!w->surface_) throw PlatformError(std::string("cannot create the drawing surface: ") + SDL_GetError());
    w->renderer_ = SDL_CreateSoftwareRenderer(w->surface_);
    if (!w->renderer_) throw PlatformError(std::string("cannot create the software renderer: ") + SDL_GetError());
    return w;
  }
  // The kiosk must not be left by the public: no window manager shortcuts to a desktop, no screensaver.
  SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0)
    throw PlatformError(std::string("cannot start the display (is a screen connected?): ") + SDL_GetError());
  Uint32 flags = SDL_WINDOW_SHOWN | (opt.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
  w->window_ = SDL_CreateWindow(opt.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, opt.width,
                                opt.height, flags);
  if (!w->window_) throw PlatformError(std::string("cannot open the window: ") + SDL_GetError());
  Uint32 rflags = opt.software ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED;
  w->renderer_ = SDL_CreateRenderer(w->window_, -1, rflags);
  if (!w->renderer_ && !opt.software) w->renderer_ = SDL_CreateRenderer(w->window_, -1, SDL_RENDERER_SOFTWARE);
  if (!w->renderer_) throw PlatformError(std::string("cannot create a renderer: ") + SDL_GetError());
  SDL_GetRendererOutputSize(w->renderer_, &w->width_, &w->height_);
  return w;
}

Window::~Window() {
  if (renderer_) SDL_DestroyRenderer(renderer_);
  if (surface_) SDL_FreeSurface(surface_);
  if (window_) SDL_DestroyWindow(window_);
}

std::string Window::renderer_name() const {
  SDL_RendererInfo info{};
  SDL_GetRendererInfo(renderer_, &info);
  return info.name ? info.name : "?";
}

void Window::present() { SDL_RenderPresent(renderer_); }

void Window::screenshot(const std::string& path) const {
  std::vector<unsigned char> px(static_cast<size_t>(width_) * height_ * 4);
  if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, px.data(), width_ * 4) != 0)
    throw PlatformError(std::string("cannot read the screen: ") + SDL_GetError());
  for (size_t i = 3; i < px.size(); i += 4) px[i] = 255;  // opaque
  if (!stbi_write_png(path.c_str(), width_, height_, 4, px.data(), width_ * 4))
    throw PlatformError("cannot write the screenshot " + path);
}

}  // namespace shubbak::platform

#include <signal.h>

#include <cerrno>
#include <ctime>

namespace shubbak::platform {

static sigset_t quit_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

void block_quit_signals() {
  sigset_t set = quit_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

bool wait_event(const Window& w, SDL_Event& e, int timeout_ms) {
  if (!w.headless()) return timeout_ms < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, timeout_ms);
  sigset_t set = quit_signals();
  int sig;
  if (timeout_ms < 0) {
    sig = sigwaitinfo(&set, nullptr);
  } else {
    timespec ts{timeout_ms / 1000, (timeout_ms % 1000) * 1000000L};
    sig = sigtimedwait(&set, nullptr, &ts);
  }
  if (sig == SIGTERM || sig == SIGINT) {
    SDL_zero(e);
    e.type = SDL_QUIT;
    return true;
  }
  return false;
}

}  // namespace shubbak::platform
