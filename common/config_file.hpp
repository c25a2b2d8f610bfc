// Shubbak's one configuration format, used for centre settings and the service catalogue.
//
//   # comment
//   [section]            or  [type name]   e.g. [service jisr]
//   key = value          keys may carry a language: title.ar = ...
//
// Every value remembers its file and line so that errors can name them.
#pragma once
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace shubbak {

class ConfigError : public std::runtime_error {
 public:
  ConfigError(const std::string& file, int line, const std::string& key, const std::string& message);
  const std::string file;
  const int line;
  const std::string key;
};

struct ConfigEntry {
  std::string key;
  std::string value;
  int line = 0;
};

struct ConfigSection {
  std::string type;  // "centre", "service", ...
  std::string name;  // "jisr" for [service jisr]; empty for [centre]
  int line = 0;
  std::vector<ConfigEntry> entries;

  const ConfigEntry* find(const std::string& key) const;
};

class ConfigDocument {
 public:
  // Parses text; `file` is only used in messages. Throws ConfigError.
  static ConfigDocument parse(const std::string& text, const std::string& file);
  // Reads and parses a file. A missing or unreadable file is a ConfigError too.
  static ConfigDocument load(const std::string& path);

  const std::string& file() const { return file_; }
  const std::vector<ConfigSection>& sections() const { return sections_; }
  // A path written in this file, as it is to be opened: relative paths are relative to this file's folder.
  std::string resolve(const std::string& path) const;
  std::vector<const ConfigSection*> sections_of(const std::string& type) const;

  [[noreturn]] void fail(int line, const std::string& key, const std::string& message) const;

 private:
  std::string file_;
  std::vector<ConfigSection> sections_;
};

// Typed readers over a section: each failure names file, line and key.
class SectionReader {
 public:
  SectionReader(const ConfigDocument& doc, const ConfigSection& section) : doc_(doc), s_(section) {}
  // Fails on any key whose base (before the first '.') is not in `allowed`.
  void only_keys(const std::vector<std::string>& allowed) const;
  std::string text(const std::string& key) const;  // required
  std::string text_or(const std::string& key, const std::string& fallback) const;
  long integer(const std::string& key, long min, long max, std::optional<long> fallback = std::nullopt) const;
  double number(const std::string& key, double min, double max, std::optional<double> fallback = std::nullopt) const;
  bool boolean(const std::string& key, std::optional<bool> fallback = std::nullopt) const;
  // "a | b | c" -> {"a","b","c"}
  std::vector<std::string> list(const std::string& key, char sep = '|') const;
  // Required per-language text: key.ar, key.fr, key.zgh.
  std::map<std::string, std::string> translated(const std::string& key, const std::vector<std::string>& langs) const;
  [[noreturn]] void fail(const std::string& key, const std::string& message) const;
  int line_of(const std::string& key) const;
  bool has(const std::string& key) const;

 private:
  const ConfigDocument& doc_;
  const ConfigSection& s_;
};

std::vector<std::string> split_list(const std::string& s, char sep);
std::string trim(const std::string& s);
// A 32-byte key written in standard base64 (44 characters ending in '='), as every key of centre.conf is.
bool is_base64_key32(const std::string& s);

}  // namespace shubbak
