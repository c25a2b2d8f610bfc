// The facts of the accompaniment record kinds (issue 16, docs/sync-protocol.md): a consent given or withdrawn, an
// appointment's event, a referral's event, a programme milestone reached. Fields and their types are checked as
// for the other kinds; a word outside its list (purpose, channel, event, milestone, a referral's target or reason
// code) is refused with the field named. A referral's `reason` (staff's words) is identity-class: sealed to the
// registry key (formats 1 and 2 here, format 3 at the kiosk), never a fact.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "upstream/intake/record.hpp"

namespace shubbak::upstream::intake {

// Fill r's facts from the opened JSON of its kind; "" or the reason it is refused.
std::string consent_facts(const nlohmann::json& doc, OpenedRecord& r);
std::string appointment_facts(const nlohmann::json& doc, OpenedRecord& r);
std::string referral_facts(const nlohmann::json& doc, const ReceiverKeys& keys, OpenedRecord& r);
std::string milestone_facts(const nlohmann::json& doc, OpenedRecord& r);

// The words and times of an accompaniment record's facts (empty for the other kinds): "" or what is wrong. The
// opener checks them, and the store again before inserting (PostgreSQL's CHECKs would refuse the whole batch).
std::string accompaniment_words_error(const OpenedRecord& r);

}  // namespace shubbak::upstream::intake
