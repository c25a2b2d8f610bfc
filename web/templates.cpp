#include "web/templates.hpp"

#include <ctemplate/template.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "common/languages.hpp"

namespace shubbak::web {

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the template " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string marker_of(const std::string& key) {
  std::string m = "T_";
  for (char c : key) m += c == '.' ? std::string("__") : std::string(1, c);
  return m;
}

std::set<std::string> keys_in(const std::string& text) {
  std::set<std::string> keys;
  static const std::regex marker(R"re(\{\{T_([a-z0-9_]+)\}\})re");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), marker); it != std::sregex_iterator(); ++it) {
    std::string m = (*it)[1], key;
    for (size_t i = 0; i < m.size(); ++i) {
      if (m.compare(i, 2, "__") == 0) {
        key += '.';
        ++i;
      } else {
        key += m[i];
      }
    }
    keys.insert(key);
  }
  return keys;
}

const char* dir_of(const std::string& lang) {
  const Language* l = find_language(lang);
  return l && l->rtl ? "rtl" : "ltr";
}

Templates::Templates(std::string dir, const std::vector<std::string>& names) : dir_(std::move(dir)) {
  for (const auto& name : names) {
    const std::string path = dir_ + "/" + name;
    auto keys = keys_in(read_text(path));
    keys_.insert(keys.begin(), keys.end());
    if (!ctemplate::Template::GetTemplate(path, ctemplate::STRIP_BLANK_LINES))
      throw std::runtime_error("the template " + path + " does not parse (ctemplate said why above)");
  }
}

std::string Templates::expand(const std::string& name, const ctemplate::TemplateDictionary& dict) const {
  std::string out;
  if (!ctemplate::ExpandTemplate(dir_ + "/" + name, ctemplate::STRIP_BLANK_LINES, &dict, &out))
    throw std::runtime_error("the template " + name + " could not be expanded");
  return out;
}

void Templates::translate(ctemplate::TemplateDictionary& d, const Translations& tr, const std::string& lang) const {
  for (const auto& k : keys_) d.SetTemplateGlobalValue(marker_of(k), tr.get(lang, k));
}

}  // namespace shubbak::web
