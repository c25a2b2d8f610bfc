// A phone number typed at the kiosk for one ticket alone (issue 18, docs/sms.md): her consent for this ticket is the
// row itself (the version of the words she read, when). Only that ticket's "turn near" SMS goes to it; it is never
// synced, never logged, and it is forgotten when the ticket ends (served, no-show, cancelled: store migration 8's
// trigger, in the same transaction) or by the purge after its day at the latest. A transferred ticket keeps it.
#pragma once
#include <optional>
#include <string>

#include "common/clock.hpp"
#include "store/database.hpp"

namespace shubbak {

enum class TicketPhoneResult { Saved, NotMobile, TicketEnded };

// Keeps `phone` (any spelling check_mobile accepts) for the ticket while it waits or is called; a second number
// replaces the first. NotMobile: nothing written. TicketEnded: the ticket is not waiting any more (nothing written).
TicketPhoneResult keep_ticket_phone(store::Database& db, const std::string& ticket_id, const std::string& phone,
                                    const std::string& lang, TimePoint now);
// Whether the ticket has a typed number (for tests and the desk: never the number itself).
bool has_ticket_phone(store::Database& db, const std::string& ticket_id);

}  // namespace shubbak
