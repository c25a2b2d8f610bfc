#include "desk/static_files.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/log.hpp"
#include "desk/replies.hpp"

namespace shubbak::desk {

namespace {

std::optional<std::string> slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

constexpr const char* kFonts[] = {"NotoSansTifinagh-Regular.ttf", "NotoSansArabic-Regular.ttf",
                                  "NotoSansArabic-Bold.ttf", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"};

}  // namespace

StaticFiles::StaticFiles(const std::string& desk_dir, const std::string& fonts_dir) {
  for (const auto& [name, type] : {std::pair<const char*, const char*>{"desk.css", "text/css; charset=utf-8"},
                                   {"desk.js", "text/javascript; charset=utf-8"}}) {
    auto body = slurp(desk_dir + "/" + name);
    if (!body) throw std::runtime_error("cannot read " + desk_dir + "/" + name + " (is the package complete?)");
    files_["/static/" + std::string(name)] = {std::move(*body), type, false};
  }
  for (const char* font : kFonts) {
    if (auto body = slurp(fonts_dir + "/" + font)) files_["/static/fonts/" + std::string(font)] = {std::move(*body), "font/ttf", true};
    else log::warn(std::string("desk: no ") + fonts_dir + "/" + font + " (install fonts-noto-core): browsers use their own");
  }
}

std::optional<http::Reply> StaticFiles::get(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  http::Reply r;
  r.body = it->second.body;
  r.content_type = it->second.type;
  // Fonts never change under a name; the script and stylesheet follow the package.
  r.headers.emplace_back("Cache-Control", it->second.immutable ? "public, max-age=86400" : "no-cache");
  add_security_headers(r);
  return r;
}

}  // namespace shubbak::desk
