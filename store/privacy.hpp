// Personal data at rest: a visitor's clear-text details (name, phone, CIN, birth year, commune, contact) and the
// staff's free notes live only as long as the counter needs them. Check-in and duplicate detection keep working
// from the keyed hashes of phone and CIN, which are never purged.
#pragma once
#include <cstdint>
#include <string>

#include "common/clock.hpp"
#include "store/database.hpp"

namespace shubbak::store {

struct PurgeResult {
  int64_t visitors = 0;      // details purged
  int64_t notes = 0;         // staff notes purged
  int64_t waiting_send = 0;  // visitors kept because their sealed copy is not sent yet
  int64_t messages = 0;      // SMS whose number and text were purged (issue 18)
  int64_t ticket_phones = 0; // numbers typed for one ticket alone, of a day that is over (migration 8)
  bool checkpointed = false; // the WAL was checkpointed and truncated (old page images gone)
};

// Purges the details of every visitor who has no ticket on or after `keep_from_day` (a local day, YYYY-MM-DD)
// and whose records carrying those details have all been sent; also the notes of tickets before that day, and the
// number, text and gammu file name of every SMS that is done (sent, failed, cancelled) and was queued before the day
// of `now_rfc3339` (a message's day is done; docs/sms.md), and every number typed for a ticket of a day before `today`
// (the centre's local day; default the UTC day of `now_rfc3339`) or of a ticket that ended.
// Then checkpoints and truncates the WAL so no old copy of a purged page stays in it. secure_delete is on, so
// the freed bytes are overwritten in the main file.
PurgeResult purge_personal_details(Database& db, const std::string& keep_from_day, const std::string& now_rfc3339,
                                   const std::string& today = "");
// The same with the centre's policy: details last used before today minus `kept_days` go, days being the
// centre's (`zone`, as Settings::zone): a visitor's day ends at the centre's midnight.
PurgeResult purge_personal_details(Database& db, TimePoint now, int kept_days, const TimeZone& zone);

}  // namespace shubbak::store
