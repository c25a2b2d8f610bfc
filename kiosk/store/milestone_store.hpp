// Programme (Jisr) milestones (issue 16): an outcome of the catalogue may mark one; the first time she reaches it
// (a ticket served with that outcome) it is kept in `milestones` with a sealed `milestone` outbox record, in the
// same transaction as the ticket's `served`.
#pragma once
#include <string>
#include <vector>

#include "common/centre_settings.hpp"
#include "common/clock.hpp"
#include "store/database.hpp"
#include "store/seal.hpp"

namespace shubbak {

struct MilestoneReached {
  std::string milestone;   // one of milestone_ids()
  std::string service_id;  // where she reached it
  std::string ticket_id;   // the visit (empty if unknown)
  TimePoint at{};
};

// Call inside the transaction that serves the ticket. Returns false (and writes nothing) if she had reached it
// already. Audited (`milestone_reached`).
bool record_milestone(store::Database& db, store::Sealer& sealer, const Settings& settings,
                      const std::string& visitor_id, const std::string& milestone, const std::string& service_id,
                      const std::string& ticket_id, const std::string& staff, TimePoint now);

// Hers, in programme order (registered, coached, trained, incubated, project_started).
std::vector<MilestoneReached> milestones_of(store::Database& db, const std::string& visitor_id);

}  // namespace shubbak
