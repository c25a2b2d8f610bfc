#include "kiosk/app/options.hpp"

#include <cstdio>

namespace shubbak::app {

// What an operator who still types the old ImGui console's role reads.
const char* const kCounterRetired =
    "--role counter is retired: the staff console is now shubbak-desk, opened in a browser on each desk's PC (and\n"
    "on this PC's own counter monitor through shubbak-counter-screen.service). docs/desk.md tells how to set it up.";

const char* usage() {
  return "usage: shubbak-kiosk --data DIR --config DIR [--role visitor|display] [--lang ar|fr|zgh]\n"
         "                     [--size WxH] [--windowed] [--software] [--assets DIR] [--log-level LEVEL]\n"
         "                     [--headless --script FILE --shots DIR [--audit FILE]]\n";
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw UsageError(a + " needs a value");
      return argv[++i];
    };
    if (a == "--data") o.data_dir = value();
    else if (a == "--config") o.config_dir = value();
    else if (a == "--assets") o.assets_dir = value();
    else if (a == "--role") {
      o.role = value();
      if (o.role == "counter") throw UsageError(kCounterRetired);
      if (o.role != "visitor" && o.role != "display") throw UsageError("--role must be visitor or display");
    } else if (a == "--lang") o.lang = value();
    else if (a == "--size") {
      std::string v = value();
      int w = 0, h = 0;
      char x = 0;
      if (std::sscanf(v.c_str(), "%d%c%d", &w, &x, &h) != 3 || x != 'x' || w < 320 || h < 320 || w > 8192 || h > 8192)
        throw UsageError("--size must look like 1080x1920");
      o.width = w;
      o.height = h;
    } else if (a == "--headless") o.headless = true;
    else if (a == "--windowed") o.windowed = true;
    else if (a == "--software") o.software = true;
    else if (a == "--continuous") o.continuous = true;
    else if (a == "--script") o.script = value();
    else if (a == "--shots") o.shots_dir = value();
    else if (a == "--audit") o.audit_file = value();
    else if (a == "--frame-stats") o.frame_stats = value();
    else if (a == "--log-level") o.log_level = value();
    else if (a == "--help" || a == "-h") o.help = true;
    else throw UsageError("unknown option " + a);
  }
  return o;
}

}  // namespace shubbak::app
