// The words of each message (keys sms.* in assets/i18n/<lang>.po, like every other string): in her language, with
// the centre's short name and her ticket number or the appointment's day and time, and nothing else — never the
// service, never her name (someone else may read her phone). Tamazight in Tifinagh, or in Latin letters when the
// centre says so (sms.latin.*, for phones without the Tifinagh font).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "common/sms_settings.hpp"
#include "common/i18n.hpp"

namespace shubbak::sms {

// What a message is about; the kinds of sms_queue.
enum class Kind { TurnNear, AppointmentReminder, AppointmentMoved, AppointmentCancelled };
const std::vector<Kind>& all_kinds();
const char* kind_name(Kind k);  // "turn_near", ...
bool parse_kind(const std::string& s, Kind& out);

struct MessageFacts {
  std::string ticket;  // "A-042" (turn near)
  std::string day;     // "03/12" (appointments: day/month in the centre's zone)
  std::string time;    // "09:30"
};

class Texts {
 public:
  Texts(const Translations& tr, const SmsSettings& settings, std::string default_lang);
  // The message in `lang` (the centre's default language if unknown or empty).
  std::string compose(Kind kind, const std::string& lang, const MessageFacts& facts) const;
  // The catalogue key compose() uses for this kind and language.
  std::string key(Kind kind, const std::string& lang) const;

 private:
  const Translations& tr_;
  const SmsSettings& settings_;
  std::string default_lang_;
};

}  // namespace shubbak::sms
