#include "kiosk/platform/audio.hpp"

#include <SDL.h>

#include <cmath>
#include <vector>

#include "common/log.hpp"

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

bool AudioPlayer::busy() const { return dev_ && SDL_GetQueuedAudioSize(dev_) > 0; }

// Opens the device in the clip's format (reopening only when the format changes).
bool AudioPlayer::ensure_device(const SDL_AudioSpec& spec) {
  if (dev_ && (spec.freq != spec_.freq || spec.format != spec_.format || spec.channels != spec_.channels)) {
    SDL_CloseAudioDevice(dev_);
    dev_ = 0;
  }
  if (!dev_) {
    SDL_AudioSpec want = spec, got{};
    want.callback = nullptr;
    dev_ = SDL_OpenAudioDevice(nullptr, 0, &want, &got, 0);
    spec_ = {got.freq, got.format, got.channels};
    if (!dev_) log::warn(std::string("cannot open the sound device: ") + SDL_GetError());
  }
  return dev_ != 0;
}

bool AudioPlayer::load_and_queue(const std::string& wav_path, bool clear, bool chime_first) {
  SDL_AudioSpec spec{};
  Uint8* buf = nullptr;
  Uint32 len = 0;
  if (!SDL_LoadWAV(wav_path.c_str(), &spec, &buf, &len)) {
    log::warn("voice clip unreadable: " + wav_path);
    return false;
  }
  bool ok = true;
  if (enabled_) {
    if (ensure_device(spec)) {
      if (clear) SDL_ClearQueuedAudio(dev_);
      if (chime_first) chime();
      ok = SDL_QueueAudio(dev_, buf, len) == 0;
      SDL_PauseAudioDevice(dev_, 0);
    } else {
      ok = false;
    }
  }
  SDL_FreeWAV(buf);
  return ok;
}

bool AudioPlayer::play(const std::string& wav_path) { return load_and_queue(wav_path, true, false); }

bool AudioPlayer::announce(const std::vector<std::string>& wav_paths) {
  bool ok = true;
  for (size_t i = 0; i < wav_paths.size(); ++i) ok = load_and_queue(wav_paths[i], false, i == 0) && ok;
  return ok;
}

// Two falling tones, in the open device's format (16-bit mono, as the clips are).
void AudioPlayer::chime() {
  if (!dev_ || spec_.format != AUDIO_S16SYS || spec_.channels != 1) return;
  std::vector<Sint16> samples;
  for (double freq : {880.0, 660.0}) {
    int n = spec_.freq * 3 / 10;
    for (int i = 0; i < n; ++i) {
      double env = 1.0 - static_cast<double>(i) / n;
      samples.push_back(static_cast<Sint16>(9000 * env * std::sin(2 * M_PI * freq * i / spec_.freq)));
    }
  }
  SDL_QueueAudio(dev_, samples.data(), static_cast<Uint32>(samples.size() * sizeof(Sint16)));
}

}  // namespace shubbak::platform
