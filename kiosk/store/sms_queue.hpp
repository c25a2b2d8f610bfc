// SMS waiting for her phone (issue 16; issue 18 sends them). enqueue() and enqueue_typed_turn_near() are the only
// ways a row enters `sms_queue`: each checks her consent in the same transaction (her current `sms` consent, or the
// ticket's own number typed with its words), so no screen or desk can queue a message she did not agree to.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "store/database.hpp"

namespace shubbak {

struct QueuedSms {
  int64_t id = 0;
  std::string visitor_id, kind, subject, state;
  TimePoint created_at{}, send_after{};
};

class SmsQueue {
 public:
  explicit SmsQueue(store::Database& db);
  // kind: "turn_near", "appointment_reminder", "appointment_moved", "appointment_cancelled"; subject: the ticket or appointment it is about. Returns the row id.
  // Throws ConsentMissing (kiosk/store/consent_store.hpp) without her current `sms` consent.
  int64_t enqueue(const std::string& visitor_id, const std::string& kind, const std::string& subject,
                  TimePoint send_after, TimePoint now);
  // The same when she agreed; nullopt (and nothing written) when she did not: the planners' and the desk's way.
  std::optional<int64_t> enqueue_if_consented(const std::string& visitor_id, const std::string& kind,
                                              const std::string& subject, TimePoint send_after, TimePoint now);
  // Her "turn near" for a ticket with a number typed for it alone (kiosk/store/ticket_phone_store.hpp): its consent is
  // that ticket's, read in the same transaction; nullopt (nothing written) when the ticket has no typed number. The
  // row needs no visitor (an anonymous ticket) and is sent to the typed number only.
  std::optional<int64_t> enqueue_typed_turn_near(const std::string& ticket_id, TimePoint now);
  // Her rows in every state, oldest first.
  std::vector<QueuedSms> of_visitor(const std::string& visitor_id);

 private:
  store::Database& db_;
};

// Cancels her queued rows; call inside the transaction that withdraws her consent. Returns how many.
int64_t cancel_queued_sms(store::Database& db, const std::string& visitor_id, TimePoint now);
// Cancels the queued rows about one subject (an appointment moved or cancelled). Returns how many.
int64_t cancel_queued_sms_about(store::Database& db, const std::string& subject, TimePoint now);

}  // namespace shubbak
