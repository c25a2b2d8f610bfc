#include "kiosk/core/counter_console.hpp"

namespace shubbak {

std::vector<Phrase> sync_phrases(const SyncSummary& s) {
  const std::string count = std::to_string(s.waiting);
  std::vector<Phrase> out;
  if (s.when.empty() || s.when == "-") out.push_back({"counter.sync_never", {{"count", count}}});
  else out.push_back({"counter.sync_state", {{"when", s.when}, {"count", count}}});
  const std::string& p = s.problem;
  if (p == "offline" || p == "interrupted") out.push_back({"counter.sync_offline", {}});
  else if (p == "credentials") out.push_back({"counter.sync_credentials", {}});
  else if (p == "tls") out.push_back({"counter.sync_tls", {}});
  else if (p == "portal") out.push_back({"counter.sync_portal", {}});
  else if (!p.empty()) out.push_back({"counter.sync_server", {}});
  if (s.quarantined > 0) out.push_back({"counter.sync_quarantined", {{"count", std::to_string(s.quarantined)}}});
  return out;
}

}  // namespace shubbak
