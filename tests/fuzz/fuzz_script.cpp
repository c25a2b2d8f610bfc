// Automation scripts: every bad line is a ScriptError naming file and line.
#include <cstddef>
#include <cstdint>
#include <string>

#include "kiosk/app/script.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    shubbak::app::parse_script(std::string(reinterpret_cast<const char*>(data), size), "fuzz.script");
  } catch (const shubbak::app::ScriptError&) {
  }
  return 0;
}
