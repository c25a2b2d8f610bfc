// What a web server (desk, dashboard) serves under /static/: its stylesheet and script (from its assets folder), and
// the Noto fonts that draw Arabic and Tamazight (Tifinagh) from the system's fonts-noto-core (no CDN: a centre may
// have no internet, and the ministry's pages must work without it too). Read once at start; a missing font only
// leaves the browser's own fallback.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/server.hpp"

namespace shubbak::web {

// A file of the server's own: its name in the assets folder and its Content-Type.
using OwnFile = std::pair<std::string, std::string>;

class StaticFiles {
 public:
  // Throws std::runtime_error naming a missing own file; `fonts`: file names in fonts_dir, served under
  // /static/fonts/; `who` names the server in the log ("desk", "dashboard").
  StaticFiles(const std::string& assets_dir, const std::vector<OwnFile>& own_files, const std::string& fonts_dir,
              const std::vector<std::string>& fonts, const std::string& who);
  // The reply for GET path?query, or nullopt when it is not a static file. An own file asked for with its current
  // version (url()) may be kept by the browser for a year: a page load then fetches none of them again.
  std::optional<http::Reply> get(const std::string& path, const std::string& query = "") const;
  // "/static/NAME?v=VERSION" (VERSION: a digest of its content) for an own file; the pages link these.
  std::string url(const std::string& name) const;

 private:
  struct File {
    std::string body, type;
    bool immutable = false;  // fonts: never change under their name
    std::string version;     // own files: changes with their content
  };
  std::map<std::string, File> files_;
};

}  // namespace shubbak::web
