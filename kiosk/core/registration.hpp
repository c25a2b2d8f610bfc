// What the visitor asks for when she takes a ticket, with or without registering.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "kiosk/core/consent.hpp"
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
  // Her answers at the kiosk for each purpose she was asked (issue 16). With new_visitor, `keep` is yes (it is
  // the registration's consent) whether written here or not. Without any visitor nothing is recorded.
  std::map<ConsentPurpose, bool> consents{};
  // Check-in for an appointment of today (AppointmentStore::find_today...): the ticket is linked to it, its
  // service and visitor are the appointment's, and she is placed by her slot if on time or early.
  std::string appointment_id{};
  // The language she used at the kiosk: her messages by SMS are written in it (visitors.lang; issue 18).
  std::string lang{};
};

}  // namespace shubbak
