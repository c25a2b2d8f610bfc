// Where a spoken key's clip is: a recorded one (assets/audio/<lang>/<key>.wav) wins over a synthetic one.
#pragma once
#include <map>
#include <string>

namespace shubbak::app {

class VoiceClips {
 public:
  VoiceClips(std::string recorded_dir, std::string synthetic_dir)
      : recorded_(std::move(recorded_dir)), synthetic_(std::move(synthetic_dir)) {}
  // The clip's path, or "" when neither set has it. Looked up once per key.
  std::string clip(const std::string& lang, const std::string& key);

 private:
  std::string recorded_, synthetic_;
  std::map<std::string, std::string> cache_;
};

}  // namespace shubbak::app
