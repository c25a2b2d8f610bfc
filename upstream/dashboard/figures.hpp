// The ministry's dashboard figures (issue 17; docs/national.md, "Dashboard figures"): one call per page, each table
// already suppressed (upstream/dashboard/suppress.hpp), so that a page, a chart or a CSV made from these values can
// never show a count from 1 to 4. Read-only queries over the aggregates of migration 3 and their region rollups of
// migration 5 and the centres' window of migration 6 (kept current by the receivers' aggregator): the connection may be
// to a hot standby.
//
// Every function takes a Scope (national, region, centre) that becomes a predicate of each query. A centre whose
// region is not set (shubbak-upstream centre set) is in the national figures, under region "", and in no region.
//
// Sensitive services (the catalogue's `sensitive`, e.g. the listening service for violence) are never broken down
// below region level: every table at centre scope, and every table whose rows are centres, leaves them out of its
// cells AND of its totals, and carries the note kSensitiveLeftOutNote for the page to show.
//
// Labels are codes the page translates: service ids, events ("served", "no_show", "transferred"; appointments
// "kept", "late", "missed", "booked"...), referral states, milestones, region codes, days "YYYY-MM-DD", months
// "YYYY-MM", hours "0".."23".
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "upstream/dashboard/scope.hpp"
#include "upstream/dashboard/suppress.hpp"
#include "upstream/pg/connection.hpp"

namespace shubbak::upstream::dashboard {

// Jisr's target: women trained and accompanied by the programme (field.md).
inline constexpr long long kJisrTargetWomen = 36000;
// A centre none of whose kiosks has sent a heartbeat for this long is "silent" (listed first, in red).
inline constexpr int kSilentAfterHours = 24;
// Median and 90th percentile waits are shown only over at least this many waits (fewer could describe one woman).
inline constexpr long long kFewestWaitsForQuantiles = kSmallestShownCount;
// The translation key of the note on tables that leave the sensitive services out.
inline constexpr const char* kSensitiveLeftOutNote = "dashboard.note.sensitive_left_out";

struct Options {
  std::string today;                            // "YYYY-MM-DD", Morocco's day the periods end on (today_in_morocco)
  std::vector<std::string> sensitive_services;  // service ids marked sensitive in the catalogue
  // The nation's and the regions' figures from the region rollups of migration 5 (the same numbers, summed over
  // regions instead of centres); false reads the aggregates per centre (tests compare the two).
  bool rollups = true;
  // The centres page from migration 6's centres' window when it counts `today` and these sensitive services (the
  // same numbers, kept per centre by the aggregator); false sums the aggregates (tests compare the two).
  bool centre_window = true;
};

// Today's date in Morocco (Africa/Casablanca), as the database sees it.
std::string today_in_morocco(pg::Connection& c);

// Waits (her ticket's first call minus its issue) over a period: how many, and the median and 90th percentile in
// whole minutes (the lower bound of their histogram bucket: exact to the minute below an hour, 5 minutes to 4 hours,
// 30 minutes beyond). No quantile when the count is hidden or under kFewestWaitsForQuantiles.
struct Waits {
  Shown count = Shown::count(0);
  std::optional<int> median_minutes, p90_minutes;
};

struct Overview {
  Table visits;                    // rows "today", "7_days", "30_days"; column "visits" (tickets issued)
  Table visits_by_service;         // last 30 days; rows: services; column "visits"
  Table visits_by_region;          // last 30 days; rows: region codes ("" = region not set); column "visits"
  Table milestone_women;           // all time; rows: milestones; column "women" (unique women, by person_key)
  Table milestone_women_by_month;  // rows: months "YYYY-MM" she first reached it; columns: milestones
  Table referrals_by_state;        // rows: current states; column "referrals"
  Table appointments;              // last 30 days; rows "kept", "late", "missed"; column "appointments"
  Waits waits;                     // last 30 days
  long long jisr_target_women = kJisrTargetWomen;
};

struct CentreHealth {
  std::string centre_id, region_code, name;  // region_code "" if not set
  std::string last_seen;                     // newest heartbeat of its kiosks, RFC 3339 UTC; "" if none ever
  long long backlog = 0;                     // records waiting at its kiosks (sum of their last heartbeats)
  std::optional<long long> free_disk_bytes;  // the least free disk of its kiosks
  std::string version;                       // the version its newest heartbeat reported
  bool silent = false;                       // no heartbeat for kSilentAfterHours (or never)
  bool backlog_growing = false;              // a kiosk's backlog is larger than at its heartbeat before
};

struct CentresPage {
  std::vector<CentreHealth> centres;  // every centre in scope: silent or growing backlog first, then by id
  Table visits;                       // last 30 days; rows: the centres' ids, in the same order; columns "visits"
  std::vector<Waits> waits;           // last 30 days, one per centre, same order
  std::vector<std::string> notes;     // kSensitiveLeftOutNote
};

struct CentrePage {
  CentreHealth health;
  Table visits_by_service;   // last 30 days
  Table visits_by_hour;      // last 30 days; rows: hours "0".."23" (Morocco's time); column "visits"
  Table outcomes;            // last 30 days; rows: services; columns "served", "no_show", "transferred"
  Table served_outcomes;     // last 30 days; rows: outcome codes of the served tickets; column "served"
  Table waits_by_service;    // last 30 days; rows: services; column "waits"
  std::vector<Waits> waits;  // last 30 days, one per row of waits_by_service
  Table referrals_by_state;  // current states of its referrals
  Table milestone_women;     // women who first reached each milestone here
  Table appointments;        // last 30 days; rows: services; columns "booked", "kept", "late", "missed"
  std::vector<std::string> notes;  // kSensitiveLeftOutNote: the sensitive services are in none of these tables
};

// Overview of the scope. At centre scope the sensitive services are left out (the tables carry the note).
Overview overview(pg::Connection& c, const Scope& scope, const Options& o);
// Centres in scope with their health, visits and waits (sensitive services left out: the rows are centres).
CentresPage centres(pg::Connection& c, const Scope& scope, const Options& o);
// One centre, or nullopt if it is not in scope (or not known): a page answers "not found" and audits the request.
std::optional<CentrePage> centre(pg::Connection& c, const Scope& scope, const std::string& centre_id,
                                 const Options& o);

struct Region {
  std::string code, name_ar, name_fr;
};
// The 12 regions (reference data), by code.
std::vector<Region> regions(pg::Connection& c);

}  // namespace shubbak::upstream::dashboard
