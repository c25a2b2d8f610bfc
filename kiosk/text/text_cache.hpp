// Shaped, wrapped, reordered lines, computed once per (string, direction, font, size, width) and kept:
// the render loop does no shaping after a string's first frame.
#pragma once
#include <imgui.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "kiosk/text/bidi.hpp"

namespace shubbak::text {

class TextCache {
 public:
  const std::vector<Line>& lines(const std::string& logical, Direction dir, ImFont* font, float size, float max_width);
  size_t size() const { return cache_.size(); }
  size_t misses() const { return misses_; }
  void clear() { cache_.clear(); }

 private:
  std::unordered_map<std::string, std::vector<Line>> cache_;
  size_t misses_ = 0;
};

}  // namespace shubbak::text
