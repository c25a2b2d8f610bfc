// Voice prompts through SDL audio. A new prompt replaces the one playing (the visitor asked for it).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

struct SDL_AudioSpec;

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
  // A chime, then the clips one after the other (they share one format: the synthesised or recorded set).
  bool announce(const std::vector<std::string>& wav_paths);
  // Still speaking (or, headless, never).
  bool busy() const;

 private:
  bool load_and_queue(const std::string& wav_path, bool clear, bool chime_first);
  bool ensure_device(const SDL_AudioSpec& spec);
  void chime();
  bool enabled_;
  uint32_t dev_ = 0;  // SDL_AudioDeviceID
  struct Format {
    int freq = 0;
    uint16_t format = 0;
    uint8_t channels = 0;
  } spec_;  // the open device's
};

}  // namespace shubbak::platform
