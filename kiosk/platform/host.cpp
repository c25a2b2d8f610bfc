#include "kiosk/platform/host.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <chrono>

#include "common/log.hpp"
#include "kiosk/platform/window.hpp"

namespace shubbak::platform {

std::unique_ptr<Host> Host::create(const HostOptions& opt) { return std::unique_ptr<Host>(new Host(opt)); }

Host::Host(const HostOptions& opt) : opt_(opt) {
  // Headless: SIGTERM/SIGINT are waited for (see wait_event), not handled by SDL.
  if (opt_.headless) {
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    block_quit_signals();
  }
  // Locked down: closing the window (a window manager's button, Alt+F4) does not end the kiosk; only SIGTERM
  // (systemctl stop) does. --windowed is the developer's mode and closes normally.
  if (!opt_.windowed) SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
  if (SDL_Init(SDL_INIT_EVENTS) != 0) throw PlatformError(std::string("SDL: ") + SDL_GetError());
  WindowOptions wo;
  wo.width = opt_.width;
  wo.height = opt_.height;
  wo.headless = opt_.headless;
  wo.fullscreen = !opt_.windowed;
  wo.software = opt_.software;
  window_ = Window::create(wo);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no files written behind the operator's back
  io.LogFilename = nullptr;
  InputQueue::setup_keymap(io);
  ImGui::StyleColorsLight();
  ImGui::GetStyle().WindowPadding = ImVec2(0, 0);
  ImGui::GetStyle().WindowBorderSize = 0;
  ImGui_ImplSDLRenderer_Init(window_->renderer());  // the font texture is made at the first frame
  imgui_ready_ = true;
}

Host::~Host() {
  if (imgui_ready_) {
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui::DestroyContext();
  }
  window_.reset();
  SDL_Quit();
}

int Host::width() const { return window_->width(); }
int Host::height() const { return window_->height(); }
bool Host::headless() const { return window_->headless(); }
std::string Host::renderer_name() const { return window_->renderer_name(); }

void Host::begin_frame(InputQueue& input) {
  using Clock = std::chrono::steady_clock;
  static auto last = Clock::now();
  auto now = Clock::now();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(width()), static_cast<float>(height()));
  io.DeltaTime = std::max(1e-4f, std::chrono::duration<float>(now - last).count());
  last = now;
  input.apply(io);
  ImGui_ImplSDLRenderer_NewFrame();
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("root", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
}

void Host::end_frame() {
  ImGui::End();
  ImGui::Render();
  SDL_SetRenderDrawColor(window_->renderer(), 0xF7, 0xF4, 0xEC, 255);
  SDL_RenderClear(window_->renderer());
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
  window_->present();
}

Wake Host::wait(int timeout_ms, InputQueue& input) {
  Wake w;
  SDL_Event e;
  bool got = wait_event(*window_, e, timeout_ms);
  while (got) {
    if (e.type == SDL_QUIT) w.quit = true;
    if (input.push_sdl(e)) w.input = true;
    if (e.type == SDL_WINDOWEVENT) w.redraw = true;
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE && !opt_.windowed)
      log::warn("a request to close the kiosk window was ignored (stop it with systemctl stop)");
    got = !window_->headless() && SDL_PollEvent(&e);
  }
  return w;
}

void Host::screenshot(const std::string& path) const { window_->screenshot(path); }

}  // namespace shubbak::platform
