// What the desk says, in the staff member's language: translations (keys in assets/i18n/*.po) and the sentences the
// console builds from the snapshot (sync state, today's figures, the flow's messages).
#pragma once
#include <map>
#include <string>

#include "kiosk/core/counter_console.hpp"
#include "kiosk/core/counter_flow.hpp"
#include "common/clock.hpp"
#include "common/i18n.hpp"
#include "web/templates.hpp"

namespace shubbak::desk {

// Marks a key used from a table (the i18n test finds it).
constexpr const char* N_(const char* key) { return key; }

class Words {
 public:
  Words(const Translations& t, std::string lang) : t_(t), lang_(std::move(lang)) {}
  std::string tr(const std::string& key, const std::map<std::string, std::string>& values = {}) const;
  const std::string& lang() const { return lang_; }

  // Did the records reach the ministry? In words, not codes.
  std::string sync(const SyncSummary& s) const;
  std::string today(const ConsoleSnapshot& s) const;
  std::string alerts(int count) const;
  // The flow's message key with its values (attempts left, locked until, a note's limit); "" for none.
  std::string message(const CounterState& s) const;
  // A slot or a day in words: "mardi 2026-12-01 à 10:30" (when), "mardi 2026-12-01" (day).
  std::string when(TimePoint t, const TimeZone& zone) const;
  std::string day(const std::string& local_day) const;

 private:
  const Translations& t_;
  std::string lang_;
};

// The text of a catalogue entry in lang (the centre's default language, then any, if missing).
std::string in_lang(const std::map<std::string, std::string>& texts, const std::string& lang);
// "ar" -> "rtl".
using web::dir_of;

}  // namespace shubbak::desk
