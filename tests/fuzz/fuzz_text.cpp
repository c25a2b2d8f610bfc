// The text pipeline on arbitrary UTF-8 (invalid bytes included): direction, shaping, wrapping, reordering.
#include <cstddef>
#include <cstdint>
#include <string>

#include "kiosk/text/bidi.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  using shubbak::text::Direction;
  Direction base = data[0] & 1 ? Direction::RTL : Direction::LTR;
  float width = 20.0f + (data[0] >> 1) * 8.0f;
  std::string s(reinterpret_cast<const char*>(data + 1), size - 1);
  shubbak::text::layout(s, base, width, [](char32_t c) { return c < 0x80 ? 8.0f : 12.0f; });
  shubbak::text::visual_line(s, base);
  return 0;
}
