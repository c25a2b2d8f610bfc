#include "common/i18n.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/languages.hpp"

namespace shubbak {

static std::string unquote(const std::string& s, const std::string& file, int line) {
  size_t b = s.find('"');
  size_t e = s.rfind('"');
  if (b == std::string::npos || e == b)
    throw PoError(file + ":" + std::to_string(line) + ": expected a quoted string");
  for (size_t i = e + 1; i < s.size(); ++i)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
      throw PoError(file + ":" + std::to_string(line) + ": text after the closing quote");
  std::string out;
  for (size_t i = b + 1; i < e; ++i) {
    char c = s[i];
    if (c == '"') throw PoError(file + ":" + std::to_string(line) + ": unescaped quote inside a string");
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i >= e) throw PoError(file + ":" + std::to_string(line) + ": string ends with a backslash");
    switch (s[i]) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      default: throw PoError(file + ":" + std::to_string(line) + ": unknown escape \\" + std::string(1, s[i]));
    }
  }
  return out;
}

std::vector<PoEntry> parse_po(const std::string& text, const std::string& file) {
  std::vector<PoEntry> out;
  std::istringstream in(text);
  std::string raw;
  int line = 0;
  enum { None, Id, Str } part = None;
  PoEntry cur;
  bool have_id = false, have_str = false;
  auto flush = [&]() {
    if (have_id && !have_str) throw PoError(file + ":" + std::to_string(cur.line) + ": msgid without msgstr");
    if (have_id && !cur.key.empty()) {
      for (const auto& e : out)
        if (e.key == cur.key)
          throw PoError(file + ":" + std::to_string(cur.line) + ": key '" + cur.key + "' already defined on line " +
                        std::to_string(e.line));
      out.push_back(cur);
    }
    cur = PoEntry{};
    have_id = have_str = false;
    part = None;
  };
  while (std::getline(in, raw)) {
    ++line;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    size_t b = raw.find_first_not_of(" \t");
    if (b == std::string::npos) continue;
    std::string t = raw.substr(b);
    if (t[0] == '#') continue;
    if (t.rfind("msgctxt", 0) == 0 || t.rfind("msgid_plural", 0) == 0 || t.rfind("msgstr[", 0) == 0)
      throw PoError(file + ":" + std::to_string(line) + ": contexts and plural forms are not used by Shubbak");
    if (t.rfind("msgid", 0) == 0) {
      flush();
      cur.line = line;
      cur.key = unquote(t.substr(5), file, line);
      have_id = true;
      part = Id;
    } else if (t.rfind("msgstr", 0) == 0) {
      if (!have_id || have_str) throw PoError(file + ":" + std::to_string(line) + ": msgstr without msgid");
      cur.text = unquote(t.substr(6), file, line);
      have_str = true;
      part = Str;
    } else if (t[0] == '"') {
      if (part == Id) cur.key += unquote(t, file, line);
      else if (part == Str) cur.text += unquote(t, file, line);
      else throw PoError(file + ":" + std::to_string(line) + ": a continued string must follow msgid or msgstr");
    } else {
      throw PoError(file + ":" + std::to_string(line) + ": expected msgid, msgstr, a string or a comment");
    }
  }
  flush();
  return out;
}

std::vector<std::string> placeholders(const std::string& text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while ((pos = text.find('{', pos)) != std::string::npos) {
    size_t end = text.find('}', pos);
    if (end == std::string::npos) break;
    out.push_back(text.substr(pos + 1, end - pos - 1));
    pos = end + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

Translations Translations::load(const std::string& dir) {
  Translations t;
  for (const auto& code : language_codes()) {
    std::string path = dir + "/" + code + ".po";
    std::ifstream f(path, std::ios::binary);
    if (!f) throw PoError(path + ": cannot open the translation catalogue");
    std::stringstream ss;
    ss << f.rdbuf();
    t.add(code, parse_po(ss.str(), path));
  }
  return t;
}

void Translations::add(const std::string& lang, const std::vector<PoEntry>& entries) {
  auto& m = by_lang_[lang];
  for (const auto& e : entries) m[e.key] = e.text;
}

std::string Translations::get(const std::string& lang, const std::string& key) const {
  auto l = by_lang_.find(lang);
  if (l == by_lang_.end()) return key;
  auto it = l->second.find(key);
  if (it == l->second.end() || it->second.empty()) return key;
  return it->second;
}

bool Translations::has(const std::string& lang, const std::string& key) const {
  auto l = by_lang_.find(lang);
  return l != by_lang_.end() && l->second.count(key) && !l->second.at(key).empty();
}

const std::map<std::string, std::string>& Translations::all(const std::string& lang) const {
  static const std::map<std::string, std::string> empty;
  auto l = by_lang_.find(lang);
  return l == by_lang_.end() ? empty : l->second;
}

std::string format(const std::string& text, const std::map<std::string, std::string>& values) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find('{', pos);
    if (open == std::string::npos) break;
    size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    out += text.substr(pos, open - pos);
    auto it = values.find(text.substr(open + 1, close - open - 1));
    out += it != values.end() ? it->second : text.substr(open, close - open + 1);
    pos = close + 1;
  }
  out += text.substr(pos);
  return out;
}

}  // namespace shubbak
