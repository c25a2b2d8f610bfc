#include "desk/outage.hpp"

#include "common/last_good_catalogue.hpp"
#include "common/log.hpp"
#include "desk/desk_app.hpp"
#include "desk/desk_limits.hpp"
#include "desk/housekeeping.hpp"
#include "desk/replies.hpp"
#include "desk/words.hpp"
#include "store/data_dir.hpp"

namespace shubbak::desk {

CentreConfig load_desk_config(const std::string& dir, std::string& refused, bool& no_catalogue) {
  CentreConfig c;
  c.dir = dir;
  c.settings = Settings::load(dir + "/centre.conf");
  try {
    StartCatalogue start = load_catalogue_for_start(c.settings.catalogue_file);  // logs a fallback itself
    c.catalogue = std::move(start.catalogue);
    refused = std::move(start.refused);
  } catch (const ConfigError& e) {
    refused = e.what();
    no_catalogue = true;
    log::error(std::string("desk: the catalogue was refused and no good copy of it was kept (") + e.what() +
               "): every page tells staff to call the technician; fix the file and restart shubbak-desk");
  }
  return c;
}

void DeskApp::open_store_now() {
  try {
    store::open_store(opt_.data_dir);
    if (store_down_) log::info("desk: the data store opens again: the console is back");
    store_down_ = false;
    housekeep();
    next_housekeeping_ = std::chrono::steady_clock::now() + std::chrono::seconds(limits::kHousekeepingSeconds);
  } catch (const store::StoreError& e) {
    if (!store_down_)
      log::error(std::string("desk: cannot open the data store (") + store::fault_name(e.fault) + "): " + e.what() +
                 "; every page says so and it is tried again every " + std::to_string(limits::kStoreRetrySeconds) +
                 " s");
    store_down_ = true;
    next_store_try_ = std::chrono::steady_clock::now() + std::chrono::seconds(limits::kStoreRetrySeconds);
  }
}

void DeskApp::housekeep() {
  try {
    mark_missed_appointments(opt_.data_dir, config_, clock_.now());
  } catch (const store::StoreError& e) {
    log::error(std::string("desk: the housekeeping could not use the store (") + store::fault_name(e.fault) +
               "); it runs again in " + std::to_string(limits::kHousekeepingSeconds) + " s");
  }
}

void DeskApp::tick() {
  if (no_catalogue_) return;
  const auto now = std::chrono::steady_clock::now();
  if (store_down_) {
    if (now >= next_store_try_) open_store_now();
    return;
  }
  tick_sessions();
  if (now >= next_housekeeping_) {
    next_housekeeping_ = now + std::chrono::seconds(limits::kHousekeepingSeconds);
    housekeep();
  }
}

std::optional<http::Reply> DeskApp::outage_page(const http::Request& r) const {
  if (!no_catalogue_ && !store_down_) return std::nullopt;
  const std::string lang = lang_of(r);
  const Words w(tr_, lang);
  const bool catalogue = no_catalogue_;
  const std::string title = w.tr(catalogue ? "desk.no_catalogue_title" : "desk.store_down_title");
  const std::string words = w.tr(catalogue ? "desk.no_catalogue" : "desk.store_down");
  http::Reply reply;
  if (r.path == "/console/live" || r.path == "/events") {
    reply = json(503, "{\"signed_in\":true,\"unavailable\":true}");  // the page's script: "connection lost", retried
  } else {
    ErrorView v{lang, title, words, "/"};
    v.back_label = w.tr("desk.try_again");
    if (!catalogue) v.refresh_seconds = limits::kOutagePageRefreshSeconds;  // comes back by itself
    reply = html(503, pages_->error(v));
  }
  reply.headers.emplace_back("Retry-After", std::to_string(catalogue ? limits::kRetryAfterSeconds
                                                                     : limits::kStoreRetrySeconds));
  return reply;
}

const char* sms_trouble_key(const std::string& alert) {
  return alert == "sms_modem" ? "desk.sms_modem_silent" : "desk.sms_failed";
}

}  // namespace shubbak::desk
