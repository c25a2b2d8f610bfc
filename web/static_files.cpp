#include "web/static_files.hpp"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/log.hpp"
#include "web/replies.hpp"

namespace shubbak::web {

namespace {

std::optional<std::string> slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// FNV-1a, 64 bits, in hex: a version that changes with the content (not a security digest).
std::string digest_of(const std::string& body) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : body) h = (h ^ c) * 1099511628211ull;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

constexpr int kVersionedMaxAgeSeconds = 365 * 24 * 3600;

}  // namespace

StaticFiles::StaticFiles(const std::string& assets_dir, const std::vector<OwnFile>& own_files,
                         const std::string& fonts_dir, const std::vector<std::string>& fonts, const std::string& who) {
  for (const auto& [name, type] : own_files) {
    auto body = slurp(assets_dir + "/" + name);
    if (!body) throw std::runtime_error("cannot read " + assets_dir + "/" + name + " (is the package complete?)");
    std::string version = digest_of(*body);
    files_["/static/" + std::string(name)] = {std::move(*body), type, false, std::move(version)};
  }
  for (const std::string& font : fonts) {
    if (auto body = slurp(fonts_dir + "/" + font))
      files_["/static/fonts/" + font] = {std::move(*body), "font/ttf", true, ""};
    else
      log::warn(who + ": no " + fonts_dir + "/" + font + " (install fonts-noto-core): browsers use their own");
  }
}

std::string StaticFiles::url(const std::string& name) const {
  auto it = files_.find("/static/" + name);
  return it == files_.end() ? "/static/" + name : it->first + "?v=" + it->second.version;
}

std::optional<http::Reply> StaticFiles::get(const std::string& path, const std::string& query) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  const File& f = it->second;
  http::Reply r;
  r.body = f.body;
  r.content_type = f.type;
  // Fonts never change under a name; the script and stylesheet under their versioned address neither (a new
  // package gives them a new one); without it they are asked for again each time.
  std::string cache = "no-cache";
  if (f.immutable) cache = "public, max-age=86400";
  else if (!f.version.empty() && query == "v=" + f.version)
    cache = "public, max-age=" + std::to_string(kVersionedMaxAgeSeconds) + ", immutable";
  r.headers.emplace_back("Cache-Control", cache);
  add_security_headers(r);
  return r;
}

}  // namespace shubbak::web
