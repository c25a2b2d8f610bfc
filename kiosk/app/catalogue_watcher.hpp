// Picks up a new catalogue file (e.g. a signed one shubbak-sync put in place) without a restart.
// A file that does not read is refused with a log line; the catalogue in use stays.
#pragma once
#include <ctime>
#include <optional>
#include <string>

#include "common/catalogue.hpp"

namespace shubbak::app {

class CatalogueWatcher {
 public:
  explicit CatalogueWatcher(std::string path);
  // A new catalogue if the file changed since the last look and reads correctly.
  std::optional<Catalogue> poll();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  timespec seen_{};
};

}  // namespace shubbak::app
