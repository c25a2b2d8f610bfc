#include "sms/gammu_log.hpp"

#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "common/log.hpp"

namespace shubbak::sms {

std::string masked(const std::string& line) {
  static const std::regex file(R"(\S*OUT[A-Z]?[0-9_]*[^ ]*\.txt\S*)");
  static const std::regex number(R"(\+?[0-9][0-9 ]{4,}[0-9])");
  return std::regex_replace(std::regex_replace(line, file, "(a message file)"), number, "(a number)");
}

int launder_gammu_log(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return 0;
  std::stringstream all;
  all << in.rdbuf();
  in.close();
  if (all.str().empty()) return 0;
  // gammu-smsd opens its log to append: after truncation its next line starts the file again.
  if (::truncate(path.c_str(), 0) != 0) log::warn("sms: cannot empty gammu-smsd's log " + path);
  int n = 0;
  std::string line;
  while (std::getline(all, line)) {
    if (line.empty()) continue;
    const bool bad = line.find("rror") != std::string::npos || line.find("ailed") != std::string::npos;
    log::write(bad ? log::Level::Warn : log::Level::Debug, "gammu-smsd: " + masked(line));
    ++n;
  }
  return n;
}

}  // namespace shubbak::sms
