#include "kiosk/text/text_cache.hpp"

#include <cstdio>

namespace shubbak::text {

const std::vector<Line>& TextCache::lines(const std::string& logical, Direction dir, ImFont* font, float size,
                                          float max_width) {
  char head[64];
  std::snprintf(head, sizeof head, "%p|%d|%.1f|%.0f|", static_cast<void*>(font), static_cast<int>(dir), size,
                max_width);
  std::string key = head + logical;
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  ++misses_;
  const float scale = size / font->FontSize;
  auto advance = [&](char32_t c) { return font->GetCharAdvance(static_cast<ImWchar>(c <= 0xFFFF ? c : 0xFFFD)) * scale; };
  return cache_.emplace(std::move(key), layout(logical, dir, max_width, advance)).first->second;
}

}  // namespace shubbak::text
