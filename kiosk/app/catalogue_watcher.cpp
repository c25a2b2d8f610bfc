#include "kiosk/app/catalogue_watcher.hpp"

#include <sys/stat.h>

#include "common/log.hpp"
#include "common/last_good_catalogue.hpp"

namespace shubbak::app {

static timespec mtime_of(const std::string& path) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) return {};
  return st.st_mtim;
}

CatalogueWatcher::CatalogueWatcher(std::string path) : path_(std::move(path)), seen_(mtime_of(path_)) {}

std::optional<Catalogue> CatalogueWatcher::poll() {
  timespec now = mtime_of(path_);
  if (now.tv_sec == seen_.tv_sec && now.tv_nsec == seen_.tv_nsec) return std::nullopt;
  seen_ = now;
  try {
    Catalogue c = load_and_keep(path_);  // accepted: the new last good copy
    log::info("catalogue reloaded: " + std::to_string(c.services().size()) + " services");
    return c;
  } catch (const ConfigError& e) {
    log::error(std::string("the new catalogue was not taken, the previous one stays: ") + e.what());
    return std::nullopt;
  }
}

}  // namespace shubbak::app
