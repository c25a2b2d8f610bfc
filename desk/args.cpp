#include "desk/args.hpp"

namespace shubbak::desk {

std::optional<Args> parse_args(int argc, char** argv, std::string& error) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (i + 1 >= argc) {
      error = flag == "--help" ? "" : "'" + flag + "' needs a value";
      return std::nullopt;
    }
    std::string value = argv[++i];
    if (flag == "--data") a.desk.data_dir = value;
    else if (flag == "--config") a.desk.config_dir = value;
    else if (flag == "--listen") a.desk.listen = value;
    else if (flag == "--assets") a.desk.assets_dir = value;
    else if (flag == "--log-level") a.log_level = value;
    else {
      error = "unknown flag '" + flag + "'";
      return std::nullopt;
    }
  }
  if (a.desk.data_dir.empty() || a.desk.config_dir.empty()) {
    error = "--data and --config are needed";
    return std::nullopt;
  }
  return a;
}

}  // namespace shubbak::desk
