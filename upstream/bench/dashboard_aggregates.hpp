// For scripts/bench dashboard: migration 3's aggregates filled by one GROUP BY over the facts (the other way of
// seeding, beside COPY through the queue and the aggregator), and a check that the aggregates equal a GROUP BY over the facts.
#pragma once
#include <string>
#include <vector>

#include "upstream/bench/field_seed.hpp"
#include "upstream/pg/connection.hpp"

namespace shubbak::upstream::bench {

// ALTER TABLE records DISABLE (or ENABLE) TRIGGER dash_records: migration 3's queue for the aggregator (it also adds
// the centres: the seed adds them itself).
void set_dashboard_queue(pg::Connection& c, bool enabled);

// Empties the aggregates and fills them from the fact tables with the aggregator's own grouping (one statement each).
void fill_aggregates_by_group_by(pg::Connection& c);

// The centres with their regions (before the seed: the triggers' ON CONFLICT DO NOTHING keeps them), and each
// centre's kiosk's last heartbeat (some silent for days, some with a growing backlog).
void seed_centres_and_health(pg::Connection& c, const std::vector<SeedCentre>& centres, uint64_t seed);

// One line per aggregate: how many of its rows for the `sample` centres differ from a GROUP BY over the facts
// (both ways); women_milestones checked whole, and each region rollup whole against its aggregate summed by each
// centre's region now. Empty when all are equal.
std::vector<std::string> aggregate_mismatches(pg::Connection& c, const std::vector<std::string>& sample);

}  // namespace shubbak::upstream::bench
