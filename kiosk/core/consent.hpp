// Consent for each purpose (issue 16): what she is asked, in which words (their i18n keys, spoken and shown with a
// pictogram at the kiosk), and the version of those words, stored with each answer. A changed text gets a new
// version here: answers given to the old words keep theirs (docs/sync-protocol.md, record kind `consent`).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shubbak {

enum class ConsentPurpose {
  Keep,   // keep my details for this service (the registration's consent)
  Sms,    // SMS reminders to my phone
  Share,  // share my file with a partner organisation when I am referred
};

// Where she answered: at the kiosk, or told a staff member at a desk (audited).
enum class ConsentChannel { Kiosk, Desk };

const std::vector<ConsentPurpose>& consent_purposes();  // keep, sms, share
const char* consent_purpose_id(ConsentPurpose p);       // "keep", "sms", "share" (the store's and upstream's word)
std::optional<ConsentPurpose> parse_consent_purpose(std::string_view id);
// The spoken explanation (a "prompt." key: the voice has a clip for it), e.g. "prompt.consent_sms".
const char* consent_explanation_key(ConsentPurpose p);
// A short label for a button or a desk's list, e.g. "consent.sms_label" ("SMS reminders").
const char* consent_label_key(ConsentPurpose p);
// The version of the explanation's words she hears now, e.g. "sms-2026-12".
const char* consent_text_version(ConsentPurpose p);
const char* consent_channel_id(ConsentChannel c);  // "kiosk", "desk"

// A number typed for one ticket alone (issue 18): not a purpose of hers but of the ticket's. The version of the words
// she reads and hears on that screen (ticket_phone.* and prompt.ticket_phone in assets/i18n/*.po), stored with it.
inline constexpr const char* kTicketPhoneTextVersion = "ticket-phone-2026-12";

}  // namespace shubbak
