#include "kiosk/text/fonts.hpp"

#include <imgui_freetype.h>
#include <unistd.h>

#include <cstdlib>

#include "kiosk/text/bidi.hpp"

namespace shubbak::text {

FontFiles FontFiles::debian() {
  FontFiles f{"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
              "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
              "/usr/share/fonts/truetype/noto/NotoSansTifinagh-Regular.ttf",
              "/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf"};
  if (const char* dir = std::getenv("SHUBBAK_FONT_DIR")) {
    std::string d = dir;
    f = {d + "/NotoSans-Regular.ttf", d + "/NotoSansArabic-Regular.ttf", d + "/NotoSansTifinagh-Regular.ttf",
         d + "/MaterialIcons-Regular.ttf"};
  }
  return f;
}

void check_font_files(const FontFiles& files) {
  struct Need {
    const std::string& path;
    const char* package;
  } needs[] = {{files.latin, "fonts-noto-core"},
               {files.arabic, "fonts-noto-core"},
               {files.tifinagh, "fonts-noto-core"},
               {files.icons, "fonts-material-design-icons-iconfont"}};
  for (const auto& n : needs)
    if (::access(n.path.c_str(), R_OK) != 0)
      throw FontError("font file missing: " + n.path + " (install the Debian package " + n.package +
                      ", e.g. run scripts/setup)");
}

static void add_glyphs(ImFontGlyphRangesBuilder& b, const std::u32string& s) {
  for (char32_t c : s)
    if (c <= 0xFFFF) b.AddChar(static_cast<ImWchar>(c));
}

FontSet load_fonts(ImFontAtlas* atlas, const FontFiles& files, const FontSizes& sizes,
                   const std::vector<std::string>& texts, const std::vector<std::string>& icon_glyphs) {
  check_font_files(files);
  atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();

  // Ranges must outlive the atlas build: keep them in static storage owned by this function.
  static ImVector<ImWchar> text_ranges, latin_ranges, icon_ranges;
  text_ranges.clear();
  latin_ranges.clear();
  icon_ranges.clear();
  {
    ImFontGlyphRangesBuilder b;
    b.AddRanges(atlas->GetGlyphRangesDefault());  // Basic Latin + Latin-1
    for (const auto& t : texts) {
      std::u32string logical = utf8_to_u32(t);
      add_glyphs(b, logical);
      add_glyphs(b, shape_logical(logical, Direction::RTL));  // presentation forms drawn for Arabic
    }
    b.AddChar(0xFFFD);
    // What the on-screen keyboards can type, in every joining form: any letter can end up in a name.
    static const ImWchar typed[] = {0x0621, 0x064A,  // Arabic letters
                                    0xFE70, 0xFEFC,  // Arabic Presentation Forms-B (all joining forms, lam-alef)
                                    0x2D30, 0x2D7F,  // Tifinagh
                                    0x00C0, 0x00FF,  // accented Latin, both cases
                                    0};
    b.AddRanges(typed);
    b.BuildRanges(&text_ranges);
  }
  {
    ImFontGlyphRangesBuilder b;
    b.AddText("0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ ");
    b.BuildRanges(&latin_ranges);
  }
  {
    ImFontGlyphRangesBuilder b;
    for (const auto& g : icon_glyphs) b.AddText(g.c_str());
    b.BuildRanges(&icon_ranges);
  }

  auto add = [&](const std::string& path, float px, const ImWchar* ranges, bool merge, float y_offset = 0) {
    ImFontConfig cfg;
    cfg.MergeMode = merge;
    cfg.OversampleH = 1;  // FreeType hints; no need to oversample
    cfg.OversampleV = 1;
    cfg.GlyphOffset.y = y_offset;
    ImFont* f = atlas->AddFontFromFileTTF(path.c_str(), px, &cfg, ranges);
    if (!f) throw FontError("cannot load font " + path);
    return f;
  };
  auto text_font = [&](float px) {
    ImFont* f = add(files.latin, px, text_ranges.Data, false);
    add(files.arabic, px * kArabicScale, text_ranges.Data, true, -px * 0.12f);
    add(files.tifinagh, px * kTifinaghScale, text_ranges.Data, true, -px * 0.04f);
    add(files.icons, px, icon_ranges.Data, true, px * 0.15f);  // small icons inside buttons
    return f;
  };
  FontSet set;
  set.body = text_font(sizes.body);
  set.title = text_font(sizes.title);
  set.huge = add(files.latin, sizes.huge, latin_ranges.Data, false);
  set.icon = add(files.icons, sizes.icon, icon_ranges.Data, false);
  return set;
}

}  // namespace shubbak::text
