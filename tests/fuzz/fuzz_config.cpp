// centre.conf and catalog.conf as an operator (or a bad disk) may leave them: parse, then read as settings and
// as a catalogue. Anything wrong must be a ConfigError naming the place, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/catalogue.hpp"
#include "common/config_file.hpp"
#include "common/centre_settings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    shubbak::ConfigDocument doc = shubbak::ConfigDocument::parse(text, "fuzz.conf");
    try {
      shubbak::Settings::from_document(doc);
    } catch (const shubbak::ConfigError&) {
    }
    try {
      shubbak::Catalogue c = shubbak::Catalogue::from_document(doc);
      for (const char* l : {"ar", "zgh", "fr"}) c.all_texts(l);
    } catch (const shubbak::ConfigError&) {
    }
  } catch (const shubbak::ConfigError&) {
  }
  return 0;
}
