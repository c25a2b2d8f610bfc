#include "sms/texts.hpp"

#include "common/languages.hpp"

namespace shubbak::sms {

namespace {

constexpr const char* N_(const char* key) { return key; }  // a translation key (the i18n test reads these)

struct KindKeys {
  Kind kind;
  const char* name;
  const char* key;        // in every language
  const char* latin_key;  // Tamazight in Latin letters
};

const KindKeys kKinds[] = {
    {Kind::TurnNear, "turn_near", N_("sms.turn_near"), N_("sms.latin.turn_near")},
    {Kind::AppointmentReminder, "appointment_reminder", N_("sms.appointment_reminder"),
     N_("sms.latin.appointment_reminder")},
    {Kind::AppointmentMoved, "appointment_moved", N_("sms.appointment_moved"), N_("sms.latin.appointment_moved")},
    {Kind::AppointmentCancelled, "appointment_cancelled", N_("sms.appointment_cancelled"),
     N_("sms.latin.appointment_cancelled")},
};

const KindKeys& keys_of(Kind k) {
  for (const auto& e : kKinds)
    if (e.kind == k) return e;
  return kKinds[0];
}

}  // namespace

const std::vector<Kind>& all_kinds() {
  static const std::vector<Kind> v = {Kind::TurnNear, Kind::AppointmentReminder, Kind::AppointmentMoved,
                                      Kind::AppointmentCancelled};
  return v;
}

const char* kind_name(Kind k) { return keys_of(k).name; }

bool parse_kind(const std::string& s, Kind& out) {
  for (const auto& e : kKinds)
    if (s == e.name) {
      out = e.kind;
      return true;
    }
  return false;
}

Texts::Texts(const Translations& tr, const SmsSettings& settings, std::string default_lang)
    : tr_(tr), settings_(settings), default_lang_(std::move(default_lang)) {}

std::string Texts::key(Kind kind, const std::string& lang) const {
  return lang == "zgh" && settings_.tamazight_latin ? keys_of(kind).latin_key : keys_of(kind).key;
}

std::string Texts::compose(Kind kind, const std::string& asked, const MessageFacts& facts) const {
  const std::string lang = find_language(asked) ? asked : default_lang_;
  // The centre's name: its own in this language; in Latin-letter Tamazight the French one (Latin letters too).
  std::string name_lang = lang == "zgh" && settings_.tamazight_latin ? "fr" : lang;
  auto name = settings_.name.find(name_lang);
  const std::string centre = name != settings_.name.end() ? name->second : "";
  return format(tr_.get(lang, key(kind, lang)),
                {{"centre", centre}, {"number", facts.ticket}, {"day", facts.day}, {"time", facts.time}});
}

}  // namespace shubbak::sms
