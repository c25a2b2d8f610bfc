// What a printed ticket says: what the ticket screen says (centre, number, service, counters, day and time); a
// sensitive service's ticket only the number.
#pragma once
#include <string>
#include <vector>

#include "common/centre_settings.hpp"
#include "common/clock.hpp"
#include "kiosk/app/ticket_printer.hpp"
#include "kiosk/core/flow.hpp"
#include "common/i18n.hpp"

namespace shubbak::app {


std::vector<PrintLine> ticket_layout(const IssuedTicket& t, const std::string& lang, const CentreConfig& config,
                                     const Translations& tr, TimePoint now);

}  // namespace shubbak::app
