// The web foundation (desk and dashboard). Strict reading of what a browser sends: application/x-www-form-urlencoded bodies and queries (bounded, valid
// UTF-8, no control characters but line breaks, no repeated field) and the Cookie header.
#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

#include "web/form_limits.hpp"

namespace shubbak::web {

class FormError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct Form {
  std::map<std::string, std::string> fields;
  // The field's value, "" if absent.
  std::string get(const std::string& name) const;
  bool has(const std::string& name) const { return fields.count(name) > 0; }
};

// Throws FormError (words for the log, never the values) when the text breaks a rule.
Form parse_urlencoded(std::string_view text, const FormLimits& limits = {});
// True for "application/x-www-form-urlencoded" with or without a charset=utf-8 parameter.
bool is_urlencoded(std::string_view content_type);
// name -> value of every well-formed pair; a malformed or oversized header gives what was read before it.
std::map<std::string, std::string> parse_cookies(std::string_view header);

}  // namespace shubbak::web
