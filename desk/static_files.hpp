// What the desk serves under /static/: its one stylesheet and one script (from assets/desk), and the Noto fonts
// that draw Tamazight (Tifinagh) and Arabic from the system's fonts-noto-core (no CDN: a centre may have no
// internet). Read once at start; a missing font only leaves the browser's own fallback.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "http/server.hpp"

namespace shubbak::desk {

class StaticFiles {
 public:
  StaticFiles(const std::string& assets_desk_dir, const std::string& fonts_dir);
  // The reply for GET path?query, or nullopt when it is not a static file. The stylesheet and script asked for with
  // their current version (url()) may be kept by the browser for a year: a page load then fetches neither again.
  std::optional<http::Reply> get(const std::string& path, const std::string& query = "") const;
  // "/static/NAME?v=VERSION" (VERSION: a digest of its content) for desk.css and desk.js; the pages link these.
  std::string url(const std::string& name) const;

 private:
  struct File {
    std::string body, type;
    bool immutable = false;  // fonts: never change under their name
    std::string version;     // the stylesheet and script: changes with their content
  };
  std::map<std::string, File> files_;
};

}  // namespace shubbak::desk
