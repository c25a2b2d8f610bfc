#include "common/config_file.hpp"

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace shubbak {

static std::string where(const std::string& file, int line, const std::string& key) {
  std::string w = file;
  if (line > 0) w += ":" + std::to_string(line);
  if (!key.empty()) w += ": " + key;
  return w;
}

ConfigError::ConfigError(const std::string& f, int l, const std::string& k, const std::string& message)
    : std::runtime_error(where(f, l, k) + ": " + message), file(f), line(l), key(k) {}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> split_list(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) {
    std::string t = trim(cur);
    if (!t.empty()) out.push_back(t);
  }
  return out;
}

const ConfigEntry* ConfigSection::find(const std::string& key) const {
  for (const auto& e : entries)
    if (e.key == key) return &e;
  return nullptr;
}

static bool valid_name(const std::string& s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (!(std::isalnum(c) || c == '_' || c == '-' || c == '.')) return false;
  return true;
}

ConfigDocument ConfigDocument::parse(const std::string& text, const std::string& file) {
  ConfigDocument doc;
  doc.file_ = file;
  std::istringstream in(text);
  std::string raw;
  int line = 0;
  while (std::getline(in, raw)) {
    ++line;
    if (line == 1 && raw.rfind("\xEF\xBB\xBF", 0) == 0) raw.erase(0, 3);  // BOM from Windows editors
    std::string t = trim(raw);
    if (t.empty() || t[0] == '#' || t[0] == ';') continue;
    if (t[0] == '[') {
      if (t.back() != ']') doc.fail(line, "", "a section header must end with ']'");
      std::string inner = trim(t.substr(1, t.size() - 2));
      ConfigSection s;
      s.line = line;
      size_t sp = inner.find_first_of(" \t");
      s.type = sp == std::string::npos ? inner : inner.substr(0, sp);
      s.name = sp == std::string::npos ? "" : trim(inner.substr(sp));
      if (!valid_name(s.type)) doc.fail(line, "", "section name '" + inner + "' is not valid (letters, digits, _ - .)");
      if (!s.name.empty() && !valid_name(s.name))
        doc.fail(line, "", "name '" + s.name + "' is not valid (letters, digits, _ - .)");
      for (const auto& other : doc.sections_)
        if (other.type == s.type && other.name == s.name)
          doc.fail(line, "", "section [" + inner + "] already appears on line " + std::to_string(other.line));
      doc.sections_.push_back(std::move(s));
      continue;
    }
    size_t eq = t.find('=');
    if (eq == std::string::npos) doc.fail(line, "", "expected 'key = value' or '[section]', found '" + t + "'");
    if (doc.sections_.empty()) doc.fail(line, trim(t.substr(0, eq)), "a key must come after a [section] header");
    ConfigEntry e{trim(t.substr(0, eq)), trim(t.substr(eq + 1)), line};
    if (!valid_name(e.key)) doc.fail(line, e.key, "key is not valid (letters, digits, _ - .)");
    auto& sec = doc.sections_.back();
    if (const ConfigEntry* prev = sec.find(e.key))
      doc.fail(line, e.key, "key already set on line " + std::to_string(prev->line));
    sec.entries.push_back(std::move(e));
  }
  return doc;
}

ConfigDocument ConfigDocument::load(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw ConfigError(path, 0, "", "cannot open the file (does it exist, and may this user read it?)");
  std::stringstream ss;
  ss << f.rdbuf();
  return parse(ss.str(), path);
}

std::vector<const ConfigSection*> ConfigDocument::sections_of(const std::string& type) const {
  std::vector<const ConfigSection*> out;
  for (const auto& s : sections_)
    if (s.type == type) out.push_back(&s);
  return out;
}

void ConfigDocument::fail(int line, const std::string& key, const std::string& message) const {
  throw ConfigError(file_, line, key, message);
}

// ---- SectionReader

bool SectionReader::has(const std::string& key) const { return s_.find(key) != nullptr; }

int SectionReader::line_of(const std::string& key) const {
  const ConfigEntry* e = s_.find(key);
  return e ? e->line : s_.line;
}

void SectionReader::fail(const std::string& key, const std::string& message) const {
  std::string where_key = s_.name.empty() ? key : "[" + s_.type + " " + s_.name + "] " + key;
  doc_.fail(line_of(key), where_key, message);
}

void SectionReader::only_keys(const std::vector<std::string>& allowed) const {
  for (const auto& e : s_.entries) {
    std::string base = e.key.substr(0, e.key.find('.'));
    bool ok = false;
    for (const auto& a : allowed) ok = ok || a == base;
    if (!ok) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      fail(e.key, "unknown key in [" + s_.type + "]; known keys: " + list);
    }
  }
}

std::string SectionReader::text(const std::string& key) const {
  const ConfigEntry* e = s_.find(key);
  if (!e) fail(key, "missing (required in [" + s_.type + "])");
  if (e->value.empty()) fail(key, "must not be empty");
  return e->value;
}

std::string SectionReader::text_or(const std::string& key, const std::string& fallback) const {
  const ConfigEntry* e = s_.find(key);
  return e ? e->value : fallback;
}

long SectionReader::integer(const std::string& key, long min, long max, std::optional<long> fallback) const {
  const ConfigEntry* e = s_.find(key);
  if (!e) {
    if (fallback) return *fallback;
    fail(key, "missing (required in [" + s_.type + "])");
  }
  errno = 0;
  char* end = nullptr;
  long v = std::strtol(e->value.c_str(), &end, 10);
  if (e->value.empty() || *end != 0 || errno != 0)
    fail(key, "'" + e->value + "' is not a whole number");
  if (v < min || v > max)
    fail(key, std::to_string(v) + " is out of range (" + std::to_string(min) + " to " + std::to_string(max) + ")");
  return v;
}

double SectionReader::number(const std::string& key, double min, double max, std::optional<double> fallback) const {
  const ConfigEntry* e = s_.find(key);
  if (!e) {
    if (fallback) return *fallback;
    fail(key, "missing (required in [" + s_.type + "])");
  }
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(e->value.c_str(), &end);
  if (e->value.empty() || *end != 0 || errno != 0) fail(key, "'" + e->value + "' is not a number");
  if (!(v >= min && v <= max)) fail(key, "'" + e->value + "' is out of range");
  return v;
}

bool SectionReader::boolean(const std::string& key, std::optional<bool> fallback) const {
  const ConfigEntry* e = s_.find(key);
  if (!e) {
    if (fallback) return *fallback;
    fail(key, "missing (required in [" + s_.type + "])");
  }
  if (e->value == "yes" || e->value == "true" || e->value == "1") return true;
  if (e->value == "no" || e->value == "false" || e->value == "0") return false;
  fail(key, "'" + e->value + "' must be yes or no");
}

std::vector<std::string> SectionReader::list(const std::string& key, char sep) const {
  const ConfigEntry* e = s_.find(key);
  return e ? split_list(e->value, sep) : std::vector<std::string>{};
}

std::map<std::string, std::string> SectionReader::translated(const std::string& key,
                                                             const std::vector<std::string>& langs) const {
  std::map<std::string, std::string> out;
  for (const auto& l : langs) out[l] = text(key + "." + l);
  for (const auto& e : s_.entries) {
    if (e.key.rfind(key + ".", 0) != 0) continue;
    std::string lang = e.key.substr(key.size() + 1);
    if (!out.count(lang)) fail(e.key, "unknown language '" + lang + "'");
  }
  return out;
}

std::string ConfigDocument::resolve(const std::string& path) const {
  if (path.empty() || path[0] == '/') return path;
  size_t slash = file_.rfind('/');
  return slash == std::string::npos ? path : file_.substr(0, slash + 1) + path;
}

bool is_base64_key32(const std::string& s) {
  // 32 bytes in standard base64 with padding: 43 characters of the alphabet, the last one carrying 2 bits, then '='.
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  if (s.size() != 44 || s[43] != '=') return false;
  for (size_t i = 0; i < 43; ++i)
    if (alphabet.find(s[i]) == std::string::npos) return false;
  return alphabet.find(s[42]) % 4 == 0;
}

}  // namespace shubbak
