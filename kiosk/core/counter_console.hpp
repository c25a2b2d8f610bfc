// What a staff console shows besides its own state: the queue of its services, the call-staff alerts, whether the
// records reached the ministry, today's figures and the details of the woman being served. Built from the store
// by kiosk/store/counter_session, shown by the desk's web pages (desk/).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "kiosk/core/registration.hpp"

namespace shubbak {

struct StaffEntry {
  std::string login, name;
};

struct QueueEntry {
  std::string id, number, service_id;
  bool priority = false;
  int waiting_minutes = 0;
  std::string appointment_id{};             // she came for an appointment (issue 16)
  std::optional<TimePoint> appointment_at{};  // ... on time: her slot; none: late, queued as a walk-in
};

// Whether the records reached the ministry, for words on the console.
struct SyncSummary {
  std::string when;         // local HH:MM of the last successful send, "-" if never
  int64_t waiting = 0;      // records not yet acknowledged
  int64_t quarantined = 0;  // records the ministry refused (set aside, the rest keeps flowing)
  std::string problem;      // sync_status.last_error_kind, empty when fine
};

// A sentence to translate: its key and the values of its {placeholders}.
struct Phrase {
  std::string key;
  std::map<std::string, std::string> values;
};
// The sync status as sentences, in order (each console translates and joins them): when the records last reached
// the ministry (or that nothing has yet) and how many wait, then what is wrong, if anything, in words.
std::vector<Phrase> sync_phrases(const SyncSummary& s);

struct ConsoleSnapshot {
  std::vector<StaffEntry> staff;          // who may sign in
  std::vector<QueueEntry> queue;          // this counter's services, priority first (signed in only)
  std::optional<VisitorDetails> details;  // the visitor being served, registered ones only
  int call_staff_alerts = 0;              // "call staff" pressed at the kiosk, not yet handled
  SyncSummary sync;
  int today_tickets = 0, today_served = 0;  // this counter's services, today
  double today_median_wait = 0;             // the median of all their waits (issued -> called)
  bool catalogue_fallback = false;          // a kiosk started with its last good catalogue
  std::string sms_trouble;                  // an open alert of shubbak-sms ("sms_modem", "sms_failed"), or ""
};

}  // namespace shubbak
