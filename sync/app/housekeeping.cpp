#include "sync/app/housekeeping.hpp"

#include "common/log.hpp"
#include "store/outbox.hpp"
#include "store/privacy.hpp"
#include "sync/engine/extras.hpp"

namespace shubbak::sync_app {

void PurgeTimer::maybe_run() {
  if (std::chrono::steady_clock::now() - last_ < kEvery) return;
  const auto now = std::chrono::system_clock::now();
  int64_t n = store::purge_sent_payloads(db_, now - std::chrono::hours(24) * ss_.retention_days);
  if (n) log::info("deleted the payloads of " + std::to_string(n) + " records sent long ago");
  store::PurgeResult p = store::purge_personal_details(db_, now, ss_.details_kept_days, zone_);
  if (p.visitors || p.notes)
    log::info("purged the personal details of " + std::to_string(p.visitors) + " visitors and " +
              std::to_string(p.notes) + " staff notes (their sealed copies are sent)");
  last_ = std::chrono::steady_clock::now();
}

void Extras::maybe_run() {
  if (std::chrono::steady_clock::now() - last_ < std::chrono::seconds(ss_.interval_seconds)) return;
  last_ = std::chrono::steady_clock::now();
  if (!sync::send_heartbeat(db_, http_, ec_, data_dir_, SHUBBAK_VERSION))
    log::debug("the heartbeat was not answered with 200 (the records are not affected)");
  if (ss_.signing_public_key.empty()) return;
  sync::CatalogueResult r = sync::fetch_catalogue(db_, http_, ec_, ss_.signing_public_key, catalogue_file_);
  log::debug(std::string("catalogue check: ") + sync::catalogue_result_name(r));
}

}  // namespace shubbak::sync_app
