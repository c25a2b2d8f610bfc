// Who is looking: the whole country, one region (code 01..12), or one centre. Every figure function takes one, with
// no default, and turns it into a predicate of its SQL (never a filter applied in C++ after the rows are read).
#pragma once
#include <string>

namespace shubbak::upstream::dashboard {

class Scope {
 public:
  enum class Kind { National, Region, Centre };
  static Scope national();
  static Scope region(const std::string& code);     // throws std::invalid_argument unless two digits 01..12
  static Scope centre(const std::string& centre_id);  // throws std::invalid_argument if empty
  Kind kind() const { return kind_; }
  const std::string& code() const { return code_; }  // the region code or centre id; empty for national

 private:
  Scope(Kind k, std::string code) : kind_(k), code_(std::move(code)) {}
  Kind kind_;
  std::string code_;
};

}  // namespace shubbak::upstream::dashboard
