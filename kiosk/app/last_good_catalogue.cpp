#include "kiosk/app/last_good_catalogue.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "common/config_file.hpp"
#include "common/log.hpp"

namespace shubbak::app {

std::string last_good_path(const std::string& catalogue_file) { return catalogue_file + ".good"; }

static bool read_text(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return !in.bad();
}

// Written beside, then renamed: a power cut leaves the previous copy or the new one, never half of one.
static void keep(const std::string& path, const std::string& text) {
  const std::string good = last_good_path(path);
  std::string kept;
  if (read_text(good, kept) && kept == text) return;
  // A temporary name of its own: the kiosk, the counter and the display may all keep a copy at once.
  std::string tmp = good + ".XXXXXX";
  int fd = ::mkstemp(tmp.data());
  std::FILE* f = fd >= 0 ? ::fdopen(fd, "wb") : nullptr;
  if (fd >= 0 && !f) ::close(fd);
  if (f) ::fchmod(fd, 0644);
  bool ok = f && std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (f) {
    ok = std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0 && ok;
    ok = std::fclose(f) == 0 && ok;  // closed whatever happened before
  }
  if (ok) ok = std::rename(tmp.c_str(), good.c_str()) == 0;
  if (!ok) {
    std::remove(tmp.c_str());
    log::warn("could not keep a copy of the catalogue as " + good + ": a refused catalogue could not fall back on it");
  }
}

static Catalogue check(const std::string& path, const std::string& text) {
  return Catalogue::from_document(ConfigDocument::parse(text, path));
}

Catalogue load_and_keep(const std::string& path) {
  std::string text;
  if (!read_text(path, text)) return Catalogue::load(path);  // throws the loader's own "cannot open" error
  Catalogue c = check(path, text);
  keep(path, text);
  return c;
}

StartCatalogue load_catalogue_for_start(const std::string& path) {
  try {
    return {load_and_keep(path), ""};
  } catch (const ConfigError& refused) {
    std::string text;
    const std::string good = last_good_path(path);
    if (!read_text(good, text)) throw;
    try {
      StartCatalogue s{check(good, text), refused.what()};
      log::error(std::string("the catalogue was refused (") + refused.what() + "): started with the last good one, " +
                 good);
      return s;
    } catch (const ConfigError&) {
      throw refused;
    }
  }
}

}  // namespace shubbak::app
