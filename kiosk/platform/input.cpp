#include "kiosk/platform/input.hpp"

#include <SDL.h>

namespace shubbak::platform {

void InputQueue::setup_keymap(ImGuiIO& io) {
  io.KeyMap[ImGuiKey_Tab] = SDL_SCANCODE_TAB;
  io.KeyMap[ImGuiKey_LeftArrow] = SDL_SCANCODE_LEFT;
  io.KeyMap[ImGuiKey_RightArrow] = SDL_SCANCODE_RIGHT;
  io.KeyMap[ImGuiKey_UpArrow] = SDL_SCANCODE_UP;
  io.KeyMap[ImGuiKey_DownArrow] = SDL_SCANCODE_DOWN;
  io.KeyMap[ImGuiKey_Home] = SDL_SCANCODE_HOME;
  io.KeyMap[ImGuiKey_End] = SDL_SCANCODE_END;
  io.KeyMap[ImGuiKey_Delete] = SDL_SCANCODE_DELETE;
  io.KeyMap[ImGuiKey_Backspace] = SDL_SCANCODE_BACKSPACE;
  io.KeyMap[ImGuiKey_Enter] = SDL_SCANCODE_RETURN;
  io.KeyMap[ImGuiKey_KeyPadEnter] = SDL_SCANCODE_KP_ENTER;
  io.KeyMap[ImGuiKey_Escape] = SDL_SCANCODE_ESCAPE;
}

bool InputQueue::push_sdl(const SDL_Event& e) {
  switch (e.type) {
    case SDL_MOUSEMOTION: move(static_cast<float>(e.motion.x), static_cast<float>(e.motion.y)); return true;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      if (e.button.button != SDL_BUTTON_LEFT) return false;
      move(static_cast<float>(e.button.x), static_cast<float>(e.button.y));
      button(e.type == SDL_MOUSEBUTTONDOWN);
      return true;
    case SDL_TEXTINPUT: text(e.text.text); return true;
    case SDL_KEYDOWN:
    case SDL_KEYUP: {
      Item it;
  it.kind = Item::Key;
      it.key = e.key.keysym.scancode;
      it.down = e.type == SDL_KEYDOWN;
      q_.push_back(it);
      return true;
    }
    default: return false;
  }
}

void InputQueue::move(float x, float y) {
  Item it;
  it.kind = Item::Move;
  it.x = x;
  it.y = y;
  q_.push_back(it);
}

void InputQueue::button(bool down) {
  Item it;
  it.kind = Item::Button;
  it.down = down;
  q_.push_back(it);
}

void InputQueue::text(const std::string& utf8) {
  Item it;
  it.kind = Item::Text;
  it.text = utf8;
  q_.push_back(it);
}

bool InputQueue::apply(ImGuiIO& io) {
  bool button_changed = false;
  while (!q_.empty()) {
    Item& it = q_.front();
    if (it.kind == Item::Button || it.kind == Item::Key) {
      // One change of a button per frame: ImGui must see the press before the release.
      if (button_changed) break;
      button_changed = true;
    }
    switch (it.kind) {
      case Item::Move: io.MousePos = ImVec2(it.x, it.y); break;
      case Item::Button: io.MouseDown[0] = it.down; break;
      case Item::Text: io.AddInputCharactersUTF8(it.text.c_str()); break;
      case Item::Key:
        if (it.key >= 0 && it.key < IM_ARRAYSIZE(io.KeysDown)) io.KeysDown[it.key] = it.down;
        break;
    }
    q_.pop_front();
  }
  return !q_.empty();
}

}  // namespace shubbak::platform
