// shubbak-sms's work, one round at a time (docs/sms.md): plan what is due, write due messages into gammu-smsd's
// outbox exactly once, record what gammu sent or could not send, delete gammu's copies, and say when the modem
// does not take messages. Crash-safe at every step:
//   1. the row gets its file name (and the number and text written) in one transaction, still `queued`;
//   2. the file is written under a hidden name, flushed, renamed into outbox/;
//   3. the row becomes `spooled`.
// A restart finds a `queued` row with a name: if the file is in outbox/, sent/ or error/ it was written (step 3
// is redone), else it is written again. sent/ -> `sent`; error/ -> written again after retry_seconds, up to
// max_attempts, then `failed` with words. A file is deleted only after its row records it; files of ours whose row
// no longer points at them (a crash between recording and deleting) are deleted on the next round.
#pragma once
#include <string>

#include "common/centre_settings.hpp"
#include "common/clock.hpp"
#include "common/i18n.hpp"
#include "sms/spool.hpp"
#include "sms/texts.hpp"
#include "store/database.hpp"

namespace shubbak::sms {

// Alert kinds the desk shows in words (desk/outage.cpp).
inline constexpr const char* kModemAlert = "sms_modem";    // gammu-smsd has not taken a message for a while
inline constexpr const char* kFailedAlert = "sms_failed";  // a message could not be sent after every attempt
inline constexpr int kMessagesPerRound = 50;                // written per round at most: a round stays short

struct RoundResult {
  int planned = 0, spooled = 0, sent = 0, retried = 0, failed = 0, cancelled = 0;
  bool modem_silent = false;
};

class Notifier {
 public:
  Notifier(store::Database& db, const CentreConfig& config, const Translations& tr, const Clock& clock);
  RoundResult round();

 private:
  void spool_due(TimePoint now, RoundResult& r);
  bool spool_one(int64_t id, TimePoint now, RoundResult& r);
  void collect(TimePoint now, RoundResult& r);
  void record_error(int64_t id, int attempts, const std::string& name, TimePoint now, RoundResult& r);
  void sweep_orphans();
  void watch_modem(TimePoint now, RoundResult& r);
  void set_alert(const char* kind, bool open, TimePoint now);
  MessageFacts facts_of(const std::string& kind, const std::string& subject);

  store::Database& db_;
  const CentreConfig& config_;
  const Clock& clock_;
  Texts texts_;
  Spool spool_;
};

}  // namespace shubbak::sms
