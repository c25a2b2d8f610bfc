#include "common/languages.hpp"

namespace shubbak {

const std::vector<Language>& languages() {
  static const std::vector<Language> all = {
      {"ar", "العربية", true},
      {"zgh", "ⵜⴰⵎⴰⵣⵉⵖⵜ", false},
      {"fr", "Français", false},
  };
  return all;
}

const std::vector<std::string>& language_codes() {
  static const std::vector<std::string> codes = [] {
    std::vector<std::string> c;
    for (const auto& l : languages()) c.push_back(l.code);
    return c;
  }();
  return codes;
}

const Language* find_language(const std::string& code) {
  for (const auto& l : languages())
    if (l.code == code) return &l;
  return nullptr;
}

}  // namespace shubbak
