// The text pipeline: logical UTF-8 in, visual lines out. FriBidi resolves the bidi levels, joins and shapes
// Arabic (presentation forms, lam-alef ligatures), mirrors brackets; lines are broken in logical order and each
// line is then reordered. ImGui draws the visual lines left to right as given.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "common/utf8.hpp"

namespace shubbak::text {

enum class Direction { LTR, RTL };

using shubbak::u32_to_utf8;
using shubbak::utf8_to_u32;

// Shaped text in logical order (Arabic presentation forms), one paragraph, without reordering.
std::u32string shape_logical(const std::u32string& logical, Direction base);

// The direction of a text from its first strong character (Arabic letters: RTL; Latin, Tifinagh: LTR);
// `fallback` when it has none (empty, digits only).
Direction direction_of(const std::u32string& logical, Direction fallback);

// One line, no wrapping: shaped and reordered to visual order.
std::u32string visual_line(const std::u32string& logical, Direction base);
std::string visual_line(const std::string& logical_utf8, Direction base);

// Width of one code point as drawn (shaped form) in pixels.
using Advance = std::function<float(char32_t)>;

struct Line {
  std::string visual;  // UTF-8 in drawing order
  float width = 0;
  bool cut = false;  // ends inside a word wider than the line (a smaller size would keep the word whole)
};

// Breaks at spaces (or inside a word longer than the width), honours '\n', then reorders each line.
std::vector<Line> layout(const std::string& logical_utf8, Direction base, float max_width, const Advance& advance);

}  // namespace shubbak::text
