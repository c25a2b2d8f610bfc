#include "desk/words.hpp"

#include "common/languages.hpp"
#include "kiosk/core/appointment_slots.hpp"

namespace shubbak::desk {

std::string Words::tr(const std::string& key, const std::map<std::string, std::string>& values) const {
  return format(t_.get(lang_, key), values);
}

std::string Words::sync(const SyncSummary& s) const {
  std::string words;
  for (const Phrase& ph : sync_phrases(s)) words += (words.empty() ? "" : " ") + tr(ph.key, ph.values);
  return words;
}

std::string Words::today(const ConsoleSnapshot& s) const {
  return tr("counter.today", {{"tickets", std::to_string(s.today_tickets)},
                              {"served", std::to_string(s.today_served)},
                              {"minutes", std::to_string(static_cast<int>(s.today_median_wait + 0.5))}});
}

std::string Words::alerts(int count) const {
  return count > 0 ? tr("counter.alerts", {{"count", std::to_string(count)}}) : tr("desk.no_alerts");
}

std::string Words::message(const CounterState& s) const {
  if (s.message.empty()) return "";
  return tr(s.message, {{"left", std::to_string(s.attempts_left)}, {"until", s.locked_until},
                        {"max", std::to_string(CounterFlow::kMaxNoteChars)}});
}

std::string Words::day(const std::string& local_day) const {
  static const char* const weekdays[] = {N_("desk.weekday_sun"), N_("desk.weekday_mon"), N_("desk.weekday_tue"),
                                         N_("desk.weekday_wed"), N_("desk.weekday_thu"), N_("desk.weekday_fri"),
                                         N_("desk.weekday_sat")};
  const int wd = weekday_of_day(local_day);
  if (wd < 0) return local_day;
  // The date isolated (FSI ... PDI): its digits and dashes stay in order inside an Arabic sentence.
  // Non-breaking hyphens: a date never wraps in the middle.
  std::string date;
  for (char ch : local_day) date += ch == '-' ? std::string("\u2011") : std::string(1, ch);
  return tr("desk.day", {{"weekday", tr(weekdays[wd])}, {"date", "\u2068" + date + "\u2069"}});
}

std::string Words::when(TimePoint t, const TimeZone& zone) const {
  return tr("desk.when", {{"day", day(local_day(t, zone))}, {"time", "\u2068" + local_hhmm(t, zone) + "\u2069"}});
}

std::string in_lang(const std::map<std::string, std::string>& texts, const std::string& lang) {
  auto it = texts.find(lang);
  if (it != texts.end()) return it->second;
  return texts.empty() ? std::string() : texts.begin()->second;
}

}  // namespace shubbak::desk
