#include "common/install_paths.hpp"

#include <unistd.h>

#include <filesystem>

namespace shubbak {

std::string installed_or(const std::string& name, const std::string& built) {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    std::filesystem::path p = exe.parent_path().parent_path() / "share" / "shubbak" / name;
    if (std::filesystem::is_directory(p, ec)) return p.string();
  }
  return built;
}

}  // namespace shubbak
