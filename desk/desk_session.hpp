// One signed-in browser: its own store connection and CounterSession (the counter's rules, once), used under its own
// mutex; the CSRF token its forms carry; when it ends whatever the browser keeps.
#pragma once
#include <mutex>
#include <string>

#include "common/centre_settings.hpp"
#include "common/clock.hpp"
#include "desk/accompany.hpp"
#include "kiosk/store/counter_session.hpp"
#include "store/database.hpp"

namespace shubbak::desk {

struct DeskSession {
  // Opens its own connection to DATA's store (StoreError if it cannot).
  DeskSession(const std::string& data_dir, const CentreConfig& config, const Clock& clock, TimePoint expires);
  DeskSession(const DeskSession&) = delete;
  DeskSession& operator=(const DeskSession&) = delete;

  bool signed_in() const { return counter.state().screen == CounterScreen::Console; }

  std::mutex mu;  // held for one request's work on this session (never across requests, never for all sessions)
  store::Database db;
  CounterSession counter;
  AccompanyDraft acc;  // her file and the accompaniment forms, for the ticket being served
  bool not_saved = false;  // an action failed on the store: the next console page says so, over what the store has
  const std::string csrf;
  const TimePoint expires;
};

}  // namespace shubbak::desk
