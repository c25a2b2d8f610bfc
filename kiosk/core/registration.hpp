// What the visitor asks for when she takes a ticket, with or without registering.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "kiosk/core/contact_preference.hpp"

namespace shubbak {

struct VisitorDetails {
  std::string name;
  std::string phone;       // normalised national form, "0612345678"
  std::string cin;         // normalised, "AB123456"
  std::string birth_year;  // "1985"
  std::string commune;
  std::optional<ContactPreference> contact;  // how to contact her; none if the service does not ask
};

struct IssueRequest {
  std::string service_id;
  std::optional<VisitorDetails> new_visitor;  // set only with her consent
  std::string existing_visitor_id;            // check-in of a returning visitor
  bool priority = false;                      // pregnant, elderly, disability
  std::map<std::string, bool> consents{};     // purpose id (keep, sms, share) -> her answer
  std::string appointment_id{};               // check-in for an appointment of today
};

}  // namespace shubbak
