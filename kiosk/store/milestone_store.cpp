#include "kiosk/store/milestone_store.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/catalogue.hpp"
#include "kiosk/store/staff_store.hpp"
#include "store/outbox.hpp"

namespace shubbak {

bool record_milestone(store::Database& db, store::Sealer& sealer, const Settings& settings,
                      const std::string& visitor_id, const std::string& milestone, const std::string& service_id,
                      const std::string& ticket_id, const std::string& staff, TimePoint now) {
  const std::string at = to_rfc3339_utc(now);
  auto st = db.prepare("INSERT OR IGNORE INTO milestones(visitor_id, milestone, at, ticket_id, service_id) "
                       "VALUES(?,?,?,?,?)");
  st.bind(1, visitor_id).bind(2, milestone).bind(3, at);
  if (ticket_id.empty()) st.bind_null(4); else st.bind(4, ticket_id);
  st.bind(5, service_id).run();
  if (db.changes() == 0) return false;  // reached before: the first time stays
  nlohmann::json e = {{"centre_id", settings.centre_id}, {"kiosk_id", settings.kiosk_id},
                      {"visitor_id", visitor_id},        {"milestone", milestone},
                      {"service", service_id},           {"at", at}};
  if (!staff.empty()) e["staff"] = staff;
  store::append_outbox(db, sealer, "milestone", e.dump(), at);
  append_audit(db, staff.empty() ? "kiosk" : "staff:" + staff, "milestone_reached", visitor_id, milestone, now);
  return true;
}

std::vector<MilestoneReached> milestones_of(store::Database& db, const std::string& visitor_id) {
  std::vector<MilestoneReached> out;
  auto st = db.prepare("SELECT milestone, service_id, coalesce(ticket_id,''), at FROM milestones WHERE visitor_id=?");
  st.bind(1, visitor_id);
  while (st.step()) {
    MilestoneReached m{st.text(0), st.text(1), st.text(2)};
    parse_rfc3339_utc(st.text(3), m.at);
    out.push_back(m);
  }
  const auto& order = milestone_ids();
  auto rank = [&](const MilestoneReached& m) { return std::find(order.begin(), order.end(), m.milestone) - order.begin(); };
  std::sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  return out;
}

}  // namespace shubbak
