// How much of a browser's form or Cookie header the web foundation reads (each server may pass its own; these are
// the desk's, which the dashboard shares).
#pragma once
#include <cstddef>

namespace shubbak::web {

struct FormLimits {
  size_t max_form_bytes = 16u << 10;  // a form body (the desk's note is the largest field)
  int max_fields = 16;                // fields in one form
  size_t max_field_name_bytes = 32;
  size_t max_field_value_bytes = 4u << 10;
};

inline constexpr size_t kMaxCookieHeaderBytes = 4u << 10;

}  // namespace shubbak::web
