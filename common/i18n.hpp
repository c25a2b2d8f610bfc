// Translations from gettext PO catalogues (assets/i18n/<lang>.po): msgid is a stable key, msgstr the text.
// Placeholders are written {name} and filled by format().
#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace shubbak {

struct PoEntry {
  std::string key;
  std::string text;
  int line = 0;
};

class PoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses PO text; throws PoError naming file and line. The header entry (msgid "") is skipped.
std::vector<PoEntry> parse_po(const std::string& text, const std::string& file);

// The {placeholders} a text uses, sorted.
std::vector<std::string> placeholders(const std::string& text);

class Translations {
 public:
  // Loads <dir>/<lang>.po for every kiosk language. Throws PoError.
  static Translations load(const std::string& dir);
  void add(const std::string& lang, const std::vector<PoEntry>& entries);

  // The text for key in lang; the key itself if missing (a test keeps that from shipping).
  std::string get(const std::string& lang, const std::string& key) const;
  bool has(const std::string& lang, const std::string& key) const;
  const std::map<std::string, std::string>& all(const std::string& lang) const;

 private:
  std::map<std::string, std::map<std::string, std::string>> by_lang_;
};

// Replaces {name} with values; unknown placeholders stay as they are.
std::string format(const std::string& text, const std::map<std::string, std::string>& values);

}  // namespace shubbak
