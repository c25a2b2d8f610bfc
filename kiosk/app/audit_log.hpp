// The --audit file: one JSON line per screenshot of a script (docs/automation.md) with the screen, the language,
// every widget drawn (id, role, label, rect, colours, text size) and the prompts played since the previous shot.
#pragma once
#include <cstdio>
#include <string>
#include <vector>

#include "kiosk/ui/kit.hpp"

namespace shubbak::app {

struct AuditShot {
  std::string shot, screen, lang;
  int width = 0, height = 0;
  float px_per_mm = 0;
};

class AuditLog {
 public:
  // An empty path: no file, and nothing kept. Throws UsageError (options.hpp) when the file cannot be written.
  explicit AuditLog(const std::string& path);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;
  // A prompt played or a call announced, for the next line.
  void note_prompt(const std::string& what);
  void write(const AuditShot& shot, const std::vector<ui::WidgetRecord>& widgets);

 private:
  std::FILE* file_ = nullptr;
  std::vector<std::string> prompts_;  // since the last shot
};

}  // namespace shubbak::app
