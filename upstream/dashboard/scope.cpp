#include "upstream/dashboard/scope.hpp"

#include <stdexcept>

namespace shubbak::upstream::dashboard {

Scope Scope::national() { return Scope(Kind::National, ""); }

Scope Scope::region(const std::string& code) {
  bool ok = code.size() == 2 && code[0] >= '0' && code[0] <= '1' && code[1] >= '0' && code[1] <= '9' &&
            code != "00" && (code[0] == '0' || code[1] <= '2');
  if (!ok) throw std::invalid_argument("a region code is 01 to 12, not '" + code + "'");
  return Scope(Kind::Region, code);
}

Scope Scope::centre(const std::string& centre_id) {
  if (centre_id.empty()) throw std::invalid_argument("a centre scope needs a centre id");
  return Scope(Kind::Centre, centre_id);
}

}  // namespace shubbak::upstream::dashboard
