// Command-line flags of shubbak-kiosk.
#pragma once
#include <stdexcept>
#include <string>

namespace shubbak::app {

struct Options {
  std::string data_dir = "data";
  std::string config_dir = "config/demo";
  std::string assets_dir;  // default: the source tree's assets (build) or the installed ones
  std::string role = "visitor";
  std::string lang;        // start in this language (skips nothing: the welcome screen still shows)
  int width = 1080, height = 1920;
  bool headless = false;
  bool windowed = false;
  bool software = false;
  bool continuous = false;  // benchmark only: redraw every frame instead of waiting for events
  std::string script, shots_dir = ".", audit_file, log_level;
  std::string frame_stats;  // benchmark only: at exit, every frame's time and every tap's latency (JSON)
  bool help = false;
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

Options parse_options(int argc, char** argv);
const char* usage();

}  // namespace shubbak::app
