// PO translation catalogues: parse, then list and fill every placeholder. Errors are PoError with file:line.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/i18n.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    for (const auto& e : shubbak::parse_po(text, "fuzz.po")) {
      std::map<std::string, std::string> values;
      for (const auto& p : shubbak::placeholders(e.text)) values[p] = "42";
      shubbak::format(e.text, values);
    }
  } catch (const shubbak::PoError&) {
  }
  return 0;
}
