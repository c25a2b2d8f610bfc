// The ctemplate side of the web pages (desk, dashboard), knowing no server's views: a folder of templates read and
// checked once at start, expanded with escaping by default (every template starts with AUTOESCAPE context="HTML").
// Translation keys are written in templates as {{T_prefix__key}} (the key "prefix.key": "__" stands for the dot).
#pragma once
#include <set>
#include <string>
#include <vector>

#include "common/i18n.hpp"

namespace ctemplate {
class TemplateDictionary;
}

namespace shubbak::web {

// "desk.back" -> "T_desk__back".
std::string marker_of(const std::string& key);
// The translation keys a template names with {{T_...}} markers (the i18n test reads templates the same way).
std::set<std::string> keys_in(const std::string& template_text);
// "ar" -> "rtl" (a right-to-left language), else "ltr".
const char* dir_of(const std::string& lang);

class Templates {
 public:
  // Reads and parses every named template of dir (throws std::runtime_error naming a missing or broken one).
  Templates(std::string dir, const std::vector<std::string>& names);
  // The expanded template `name` (throws std::runtime_error if it cannot be).
  std::string expand(const std::string& name, const ctemplate::TemplateDictionary& dict) const;
  // Every {{T_...}} marker of the templates as a global value of dict, in lang.
  void translate(ctemplate::TemplateDictionary& dict, const Translations& tr, const std::string& lang) const;
  const std::string& dir() const { return dir_; }
  const std::set<std::string>& keys() const { return keys_; }

 private:
  std::string dir_;
  std::set<std::string> keys_;  // every key the templates name
};

}  // namespace shubbak::web
