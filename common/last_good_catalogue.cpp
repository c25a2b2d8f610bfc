#include "common/last_good_catalogue.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "common/atomic_file.hpp"
#include "common/config_file.hpp"
#include "common/log.hpp"

namespace shubbak {

std::string last_good_path(const std::string& catalogue_file) { return catalogue_file + ".good"; }

static bool read_text(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return !in.bad();
}

static void keep(const std::string& path, const std::string& text) {
  const std::string good = last_good_path(path);
  std::string kept;
  if (read_text(good, kept) && kept == text) return;
  // replace_file: a power cut leaves the previous copy or the new one, and the kiosk, the counter and the display
  // may all keep a copy at once.
  if (std::string why = replace_file(good, text); !why.empty())
    log::warn(why + ": a refused catalogue could not fall back on a last good copy");
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

}  // namespace shubbak
