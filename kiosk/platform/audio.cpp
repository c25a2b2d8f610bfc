#include "audio.hpp"

#include "log.hpp"

namespace shubbak::platform {

AudioPlayer::AudioPlayer(bool enabled) : enabled_(enabled) {
  if (enabled_ && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    log::warn(std::string("no sound device, voice prompts are off: ") + SDL_GetError());
    enabled_ = false;
  }
}

AudioPlayer::~AudioPlayer() {
  if (dev_) SDL_CloseAudioDevice(dev_);
}

bool AudioPlayer::play(const std::string& wav_path) {
  SDL_AudioSpec spec{};
  Uint8* buf = nullptr;
  Uint32 len = 0;
  if (!SDL_LoadWAV(wav_path.c_str(), &spec, &buf, &len)) {
    log::warn("voice clip unreadable: " + wav_path);
    return false;
  }
  bool ok = true;
  if (enabled_) {
    // Reopen only when the clip's format differs from the open device's.
    if (dev_ && (spec.freq != spec_.freq || spec.format != spec_.format || spec.channels != spec_.channels)) {
      SDL_CloseAudioDevice(dev_);
      dev_ = 0;
    }
    if (!dev_) {
      spec.callback = nullptr;
      dev_ = SDL_OpenAudioDevice(nullptr, 0, &spec, &spec_, 0);
      if (!dev_) log::warn(std::string("cannot open the sound device: ") + SDL_GetError());
    }
    if (dev_) {
      SDL_ClearQueuedAudio(dev_);
      ok = SDL_QueueAudio(dev_, buf, len) == 0;
      SDL_PauseAudioDevice(dev_, 0);
    } else {
      ok = false;
    }
  }
  SDL_FreeWAV(buf);
  return ok;
}

}  // namespace shubbak::platform
