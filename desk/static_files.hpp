// What the desk serves under /static/ (web/static_files.hpp): desk.css and desk.js from assets/desk, and the Noto
// fonts that draw Tamazight (Tifinagh) and Arabic.
#pragma once
#include <string>

#include "web/static_files.hpp"

namespace shubbak::desk {

class StaticFiles : public web::StaticFiles {
 public:
  StaticFiles(const std::string& assets_desk_dir, const std::string& fonts_dir)
      : web::StaticFiles(assets_desk_dir,
                         {{"desk.css", "text/css; charset=utf-8"}, {"desk.js", "text/javascript; charset=utf-8"}},
                         fonts_dir,
                         {"NotoSansTifinagh-Regular.ttf", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf",
                          "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"},
                         "desk") {}
};

}  // namespace shubbak::desk
