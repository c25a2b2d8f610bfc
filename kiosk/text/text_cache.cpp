#include "kiosk/text/text_cache.hpp"

#include <cstdio>

namespace shubbak::text {

std::vector<Line> layout_uncached(const std::string& logical, Direction dir, ImFont* font, float size,
                                  float max_width) {
  const float scale = size / font->FontSize;
  auto advance = [&](char32_t c) { return font->GetCharAdvance(static_cast<ImWchar>(c <= 0xFFFF ? c : 0xFFFD)) * scale; };
  return layout(logical, dir, max_width, advance);
}

const std::vector<Line>& TextCache::lines(const std::string& logical, Direction dir, ImFont* font, float size,
                                          float max_width) {
  char head[64];
  std::snprintf(head, sizeof head, "%p|%d|%.1f|%.0f|", static_cast<void*>(font), static_cast<int>(dir), size,
                max_width);
  std::string key = head + logical;
  if (auto it = map_.find(key); it != map_.end()) {
    lru_.splice(lru_.begin(), lru_, it->second);  // iterators and the key's storage stay valid
    return it->second->lines;
  }
  ++misses_;
  if (map_.size() >= capacity_) {
    map_.erase(lru_.back().key);
    lru_.pop_back();
  }
  const size_t text_at = key.size() - logical.size();
  lru_.push_front({std::move(key), text_at, layout_uncached(logical, dir, font, size, max_width)});
  map_.emplace(lru_.front().key, lru_.begin());
  return lru_.front().lines;
}

void TextCache::clear() {
  map_.clear();
  lru_.clear();
}

bool TextCache::holds_text_containing(std::string_view needle) const {
  for (const auto& e : lru_)
    if (std::string_view(e.key).substr(e.text_at).find(needle) != std::string_view::npos) return true;
  return false;
}

}  // namespace shubbak::text
