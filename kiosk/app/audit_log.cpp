#include "kiosk/app/audit_log.hpp"

#include <nlohmann/json.hpp>

#include "kiosk/app/options.hpp"

namespace shubbak::app {

static std::string hex(ui::Color c) {
  char b[8];
  std::snprintf(b, sizeof b, "#%02x%02x%02x", c.r, c.g, c.b);
  return b;
}

AuditLog::AuditLog(const std::string& path) {
  if (path.empty()) return;
  file_ = std::fopen(path.c_str(), "w");
  if (!file_) throw UsageError("cannot write the audit file " + path);
}

AuditLog::~AuditLog() {
  if (file_) std::fclose(file_);
}

void AuditLog::note_prompt(const std::string& what) {
  if (file_) prompts_.push_back(what);
}

void AuditLog::write(const AuditShot& shot, const std::vector<ui::WidgetRecord>& widgets) {
  if (!file_) return;
  nlohmann::json j;
  j["shot"] = shot.shot;
  j["screen"] = shot.screen;
  j["lang"] = shot.lang;
  j["size"] = {shot.width, shot.height};
  j["px_per_mm"] = shot.px_per_mm;
  auto& ws = j["widgets"] = nlohmann::json::array();
  for (const auto& w : widgets)
    ws.push_back({{"id", w.id},
                  {"role", w.role},
                  {"label", w.label},
                  {"rect", {w.rect.x, w.rect.y, w.rect.w, w.rect.h}},
                  {"fg", hex(w.fg)},
                  {"bg", hex(w.bg)},
                  {"text_px", w.text_px},
                  {"text_rect", {w.text_rect.x, w.text_rect.y, w.text_rect.w, w.text_rect.h}}});
  j["prompts"] = prompts_;
  prompts_.clear();
  std::string line = j.dump() + "\n";
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

}  // namespace shubbak::app
