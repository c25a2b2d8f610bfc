// The kiosk's languages. Order is the order of the welcome buttons.
#pragma once
#include <string>
#include <vector>

namespace shubbak {

struct Language {
  std::string code;      // "ar", "zgh", "fr"
  std::string own_name;  // the language's name in its own script
  bool rtl = false;
};

const std::vector<Language>& languages();
const std::vector<std::string>& language_codes();
const Language* find_language(const std::string& code);

}  // namespace shubbak
