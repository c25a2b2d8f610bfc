// How she wants to be contacted, chosen on the registration form's last step.
#pragma once
#include <optional>
#include <string_view>

namespace shubbak {

enum class ContactPreference { Sms, Call, None };

// The spelling in the store, in the outbox payloads and in the buttons' automation ids ("contact.sms").
constexpr const char* contact_preference_name(ContactPreference c) {
  switch (c) {
    case ContactPreference::Sms: return "sms";
    case ContactPreference::Call: return "call";
    case ContactPreference::None: return "none";
  }
  return "none";
}
constexpr std::optional<ContactPreference> parse_contact_preference(std::string_view s) {
  for (ContactPreference c : {ContactPreference::Sms, ContactPreference::Call, ContactPreference::None})
    if (s == contact_preference_name(c)) return c;
  return std::nullopt;
}
// A visitor's stored contact: "" when the service did not ask.
constexpr const char* contact_preference_name(const std::optional<ContactPreference>& c) {
  return c ? contact_preference_name(*c) : "";
}

}  // namespace shubbak
