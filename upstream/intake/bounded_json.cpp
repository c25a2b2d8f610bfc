#include "upstream/intake/bounded_json.hpp"

#include <sodium.h>

#include <string>

namespace shubbak::upstream::intake {

using nlohmann::json;

json parse_bounded(std::string_view text, const JsonBounds& bounds) {
  size_t values = 0;
  auto cb = [&](int depth, json::parse_event_t event, json&) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        // depth is the number of containers around this one
        if (depth + 1 > bounds.max_depth)
          throw JsonBoundPassed(JsonBoundPassed::Which::Depth,
                                "JSON nested deeper than " + std::to_string(bounds.max_depth) + " levels");
        [[fallthrough]];
      case json::parse_event_t::value:
        if (++values > bounds.max_values)
          throw JsonBoundPassed(JsonBoundPassed::Which::Values,
                                "more than " + std::to_string(bounds.max_values) + " JSON values");
        break;
      default:
        break;
    }
    return true;
  };
  return json::parse(text.begin(), text.end(), cb, /*allow_exceptions=*/true);
}

void wipe_strings(json& j) {
  if (j.is_string()) {
    auto& s = j.get_ref<std::string&>();
    sodium_memzero(s.data(), s.size());
  } else if (j.is_structured()) {
    for (auto& v : j) wipe_strings(v);
  }
}

}  // namespace shubbak::upstream::intake
