// Voice prompts through SDL audio. A new prompt replaces the one playing (the visitor asked for it).
#pragma once
#include <SDL.h>

#include <string>

namespace shubbak::platform {

class AudioPlayer {
 public:
  // enabled=false (headless): nothing is opened, play() only checks the clip reads.
  explicit AudioPlayer(bool enabled);
  ~AudioPlayer();
  AudioPlayer(const AudioPlayer&) = delete;
  AudioPlayer& operator=(const AudioPlayer&) = delete;
  // Plays a WAV file; false if it cannot be read or played (logged, never fatal).
  bool play(const std::string& wav_path);

 private:
  bool enabled_;
  SDL_AudioDeviceID dev_ = 0;
  SDL_AudioSpec spec_{};
};

}  // namespace shubbak::platform
