// `shubbak-admin report`'s accompaniment figures (issue 16) for one local day: appointments of that day by state,
// the steps referrals took that day (internal / external), milestones reached that day.
// Counts only, per service, no personal data. The report shows every count as it is (no small-count rounding,
// like the rest of the report).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "common/catalogue.hpp"
#include "common/time_zone.hpp"
#include "store/database.hpp"

namespace shubbak::admin {

struct AccompanimentCounts {
  int booked = 0, kept = 0, late = 0, missed = 0, cancelled = 0;  // appointments whose slot is that day (late: kept)
  // [internal|external][proposed|accepted|declined|completed|not_completed]: steps taken that day
  std::map<std::string, std::map<std::string, int>> referrals;
  std::map<std::string, int> milestones;  // milestone id -> reached that day
};

// The referral columns, in order.
const std::vector<std::string>& referral_steps();  // proposed, accepted, declined, completed, not_completed

// Per service id (appointments by their service, referrals by the referring service, milestones where reached),
// plus "" for the whole centre.
std::map<std::string, AccompanimentCounts> accompaniment_counts(store::Database& db, const std::string& day,
                                                                const TimeZone& zone);

// The text section printed after the services' table.
std::string accompaniment_text(const AccompanimentCounts& centre);
// CSV: the extra header columns, and one service's values (same order), each starting with ','.
std::string accompaniment_csv_header();
std::string accompaniment_csv_values(const AccompanimentCounts& c);

}  // namespace shubbak::admin
