// JSON from outside, parsed with a bound on nesting and on the number of values: the SAX builder throws
// as soon as a bound is passed, so a hostile body costs at most the bounds, never its whole size in nodes.
#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>

namespace shubbak::upstream::intake {

struct JsonBoundPassed : std::runtime_error {
  enum class Which { Depth, Values } which;
  JsonBoundPassed(Which w, const std::string& words) : std::runtime_error(words), which(w) {}
};

struct JsonBounds {
  int max_depth = 8;         // containers inside containers: {"a":[{}]} is 3
  size_t max_values = 4096;  // objects, arrays and scalars together
};

// Throws JsonBoundPassed as soon as a bound is passed, nlohmann::json::parse_error if the text is not JSON.
nlohmann::json parse_bounded(std::string_view text, const JsonBounds& bounds);

// Overwrites every string inside with zeros (clear-text identity is forgotten, not left in freed memory).
void wipe_strings(nlohmann::json& j);

}  // namespace shubbak::upstream::intake
