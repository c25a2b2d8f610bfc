// What a visitor types for a phone number, a CIN or a birth year. An accepted phone is always stored in one form.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "kiosk/core/validators.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string s(reinterpret_cast<const char*>(data), size);
  auto p = shubbak::check_mobile(s);
  if (p.ok() && (p.normalized.size() != 10 || p.normalized[0] != '0' ||
               (p.normalized[1] != '6' && p.normalized[1] != '7')))
    std::abort();
  auto c = shubbak::check_cin(s);
  if (c.ok() && c.normalized.empty()) std::abort();
  shubbak::check_birth_year(s, 2026);
  return 0;
}
