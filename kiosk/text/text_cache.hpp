// Shaped, wrapped, reordered lines, computed once per (string, direction, font, size, width) and kept:
// the render loop does no shaping after a string's first frame. Only text that is the same for every visitor
// belongs here (labels, catalogue texts); what she types or what is read about her is laid out with
// layout_uncached() and never kept. The cache is bounded: past kCapacity entries the least recently used go.
#pragma once
#include <imgui.h>

#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kiosk/text/bidi.hpp"

namespace shubbak::text {

// Lines of `logical` drawn with `font` at `size` pixels, wrapped at `max_width`; nothing is kept.
std::vector<Line> layout_uncached(const std::string& logical, Direction dir, ImFont* font, float size, float max_width);

class TextCache {
 public:
  // Far above what every screen in three languages and both orientations needs (a few thousand layouts).
  static constexpr size_t kCapacity = 4096;

  explicit TextCache(size_t capacity = kCapacity) : capacity_(capacity < 1 ? 1 : capacity) {}
  TextCache(const TextCache&) = delete;
  TextCache& operator=(const TextCache&) = delete;

  // The reference stays valid until the next call to lines() or clear().
  const std::vector<Line>& lines(const std::string& logical, Direction dir, ImFont* font, float size, float max_width);
  size_t size() const { return map_.size(); }
  size_t capacity() const { return capacity_; }
  size_t misses() const { return misses_; }
  void clear();
  // True when a kept entry's text contains `needle` (tests: nothing she typed is kept).
  bool holds_text_containing(std::string_view needle) const;

 private:
  struct Entry {
    std::string key;  // "font|dir|size|width|" + the logical text
    size_t text_at;   // where the logical text starts in key
    std::vector<Line> lines;
  };
  size_t capacity_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> map_;  // views into lru_'s keys
  size_t misses_ = 0;
};

}  // namespace shubbak::text
