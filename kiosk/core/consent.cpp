#include "kiosk/core/consent.hpp"

namespace shubbak {

namespace {

constexpr const char* N_(const char* key) { return key; }  // a translation key used from this table

struct PurposeText {
  ConsentPurpose purpose;
  const char* id;
  const char* explanation;
  const char* label;
  const char* version;  // change it with the words of `explanation` in assets/i18n/*.po
};

const PurposeText kPurposes[] = {
    {ConsentPurpose::Keep, "keep", N_("prompt.consent"), N_("consent.keep_label"), "keep-2026-12"},
    {ConsentPurpose::Sms, "sms", N_("prompt.consent_sms"), N_("consent.sms_label"), "sms-2026-12"},
    {ConsentPurpose::Share, "share", N_("prompt.consent_share"), N_("consent.share_label"), "share-2026-12"},
};

const PurposeText& text_of(ConsentPurpose p) {
  for (const auto& t : kPurposes)
    if (t.purpose == p) return t;
  return kPurposes[0];
}

}  // namespace

const std::vector<ConsentPurpose>& consent_purposes() {
  static const std::vector<ConsentPurpose> all{ConsentPurpose::Keep, ConsentPurpose::Sms, ConsentPurpose::Share};
  return all;
}

const char* consent_purpose_id(ConsentPurpose p) { return text_of(p).id; }
const char* consent_explanation_key(ConsentPurpose p) { return text_of(p).explanation; }
const char* consent_label_key(ConsentPurpose p) { return text_of(p).label; }
const char* consent_text_version(ConsentPurpose p) { return text_of(p).version; }
const char* consent_channel_id(ConsentChannel c) { return c == ConsentChannel::Desk ? "desk" : "kiosk"; }

std::optional<ConsentPurpose> parse_consent_purpose(std::string_view id) {
  for (const auto& t : kPurposes)
    if (id == t.id) return t.purpose;
  return std::nullopt;
}

}  // namespace shubbak
