#include "kiosk/app/voice_clips.hpp"

#include <unistd.h>

namespace shubbak::app {

std::string VoiceClips::clip(const std::string& lang, const std::string& key) {
  std::string id = lang + "/" + key;
  auto it = cache_.find(id);
  if (it != cache_.end()) return it->second;
  std::string found;
  for (const std::string& dir : {recorded_, synthetic_}) {
    std::string path = dir + "/" + id + ".wav";
    if (::access(path.c_str(), R_OK) == 0) {
      found = path;
      break;
    }
  }
  return cache_[id] = found;
}

}  // namespace shubbak::app
