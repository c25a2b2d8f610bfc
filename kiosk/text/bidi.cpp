#include "kiosk/text/bidi.hpp"

#include <fribidi.h>

namespace shubbak::text {

namespace {

// Everything FriBidi resolves for one paragraph, in logical order.
struct Paragraph {
  std::u32string shaped;  // logical order, Arabic shaped, brackets mirrored
  std::vector<FriBidiCharType> types;
  std::vector<FriBidiLevel> levels;
  FriBidiParType dir;
};

constexpr FriBidiFlags kFlags = FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC;

Paragraph analyse(const std::u32string& logical, Direction base) {
  Paragraph p;
  const auto n = static_cast<FriBidiStrIndex>(logical.size());
  p.shaped = logical;
  p.types.resize(n);
  p.levels.resize(n);
  p.dir = base == Direction::RTL ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
  if (n == 0) return p;
  auto* str = reinterpret_cast<FriBidiChar*>(p.shaped.data());
  std::vector<FriBidiBracketType> brackets(n);
  std::vector<FriBidiArabicProp> props(n);
  fribidi_get_bidi_types(str, n, p.types.data());
  fribidi_get_bracket_types(str, n, p.types.data(), brackets.data());
  if (!fribidi_get_par_embedding_levels_ex(p.types.data(), brackets.data(), n, &p.dir, p.levels.data())) {
    // Allocation failure inside FriBidi: draw the text unshaped rather than nothing.
    std::fill(p.levels.begin(), p.levels.end(), base == Direction::RTL ? 1 : 0);
    return p;
  }
  fribidi_get_joining_types(str, n, props.data());
  fribidi_join_arabic(p.types.data(), n, p.levels.data(), props.data());
  fribidi_shape(kFlags, p.levels.data(), n, props.data(), str);
  return p;
}

// Zero-width characters FriBidi leaves behind (U+FEFF after a lam-alef ligature, bidi marks): not drawn.
bool invisible(char32_t c) {
  return c == 0xFEFF || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

std::u32string reorder(Paragraph& p, size_t off, size_t len) {
  std::u32string vis = p.shaped;
  if (len > 0) {
    std::vector<FriBidiLevel> levels = p.levels;  // reorder_line adjusts levels of trailing spaces
    FriBidiLevel ok = fribidi_reorder_line(kFlags, p.types.data(), static_cast<FriBidiStrIndex>(len), static_cast<FriBidiStrIndex>(off),
                         p.dir, levels.data(), reinterpret_cast<FriBidiChar*>(vis.data()), nullptr);
    if (!ok) vis = p.shaped;  // allocation failure: logical order is better than nothing
  }
  std::u32string out;
  for (size_t i = off; i < off + len; ++i)
    if (!invisible(vis[i])) out += vis[i];
  return out;
}

}  // namespace

Direction direction_of(const std::u32string& logical, Direction fallback) {
  for (char32_t c : logical) {
    FriBidiCharType t = fribidi_get_bidi_type(c);
    if (t == FRIBIDI_TYPE_LTR) return Direction::LTR;
    if (t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL) return Direction::RTL;
  }
  return fallback;
}

std::u32string shape_logical(const std::u32string& logical, Direction base) { return analyse(logical, base).shaped; }

std::u32string visual_line(const std::u32string& logical, Direction base) {
  Paragraph p = analyse(logical, base);
  return reorder(p, 0, logical.size());
}

std::string visual_line(const std::string& logical_utf8, Direction base) {
  return u32_to_utf8(visual_line(utf8_to_u32(logical_utf8), base));
}

std::vector<Line> layout(const std::string& logical_utf8, Direction base, float max_width, const Advance& advance) {
  std::vector<Line> lines;
  std::u32string all = utf8_to_u32(logical_utf8);
  size_t para_start = 0;
  while (para_start <= all.size()) {
    size_t para_end = all.find(U'\n', para_start);
    if (para_end == std::u32string::npos) para_end = all.size();
    std::u32string para = all.substr(para_start, para_end - para_start);
    Paragraph p = analyse(para, base);
    auto width_of = [&](size_t from, size_t to) {
      float w = 0;
      for (size_t i = from; i < to; ++i)
        if (!invisible(p.shaped[i])) w += advance(p.shaped[i]);
      return w;
    };
    // Greedy breaking in logical order, at spaces; a word wider than the line is cut.
    if (para.empty()) lines.push_back({"", 0});  // an empty line keeps its place
    size_t line_start = 0;
    while (line_start < para.size()) {
      size_t end = line_start;
      size_t last_break = std::u32string::npos;
      float w = 0;
      while (end < para.size()) {
        float cw = invisible(p.shaped[end]) ? 0 : advance(p.shaped[end]);
        if (w + cw > max_width && end > line_start) break;
        w += cw;
        if (para[end] == U' ') last_break = end;
        ++end;
      }
      size_t next = end;
      bool cut = false;
      if (end < para.size() && last_break != std::u32string::npos && last_break > line_start) {
        end = last_break;       // the space itself ends the line and is not drawn
        next = last_break + 1;
      } else if (end < para.size()) {
        cut = para[end] != U' ' && para[end - 1] != U' ';
      }
      size_t trimmed_end = end;
      while (trimmed_end > line_start && para[trimmed_end - 1] == U' ') --trimmed_end;
      std::u32string vis = reorder(p, line_start, trimmed_end - line_start);
      lines.push_back({u32_to_utf8(vis), width_of(line_start, trimmed_end), cut});
      line_start = next;
      while (line_start < para.size() && para[line_start] == U' ') ++line_start;
    }
    para_start = para_end + 1;
  }
  return lines;
}

}  // namespace shubbak::text
