// The merged fonts: Noto Sans (Latin) + Noto Sans Arabic (scaled to match) + Noto Sans Tifinagh, from Debian's
// fonts-noto-core, and Material Icons for pictograms. Only the glyphs the texts need go in the atlas.
#pragma once
#include <imgui.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace shubbak::text {

class FontError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct FontSizes {
  float body = 40;   // pixels
  float title = 56;
  float huge = 150;  // ticket numbers: Latin letters and digits only
  float icon = 96;   // pictograms on cards
};

struct FontSet {
  ImFont* body = nullptr;
  ImFont* title = nullptr;
  ImFont* huge = nullptr;
  ImFont* icon = nullptr;
};

struct FontFiles {
  std::string latin, arabic, tifinagh, icons;
  static FontFiles debian();  // Debian's paths; SHUBBAK_FONT_DIR overrides the folder of all four
};

// Throws FontError naming the missing file and the package that provides it.
void check_font_files(const FontFiles& files);

// Adds the fonts to the atlas with glyphs for `texts` (logical UTF-8; their shaped forms are added too)
// plus ASCII. Call before the atlas is built.
FontSet load_fonts(ImFontAtlas* atlas, const FontFiles& files, const FontSizes& sizes,
                   const std::vector<std::string>& texts, const std::vector<std::string>& icon_glyphs);

// Arabic glyphs are drawn this much larger than the Latin size to look the same size (Noto's metrics differ).
constexpr float kArabicScale = 1.45f;
constexpr float kTifinaghScale = 1.15f;

}  // namespace shubbak::text
