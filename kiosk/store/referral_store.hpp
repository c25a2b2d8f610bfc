// Referrals (issue 16): a staff member sends her to another service of the centre (internal) or to a partner
// organisation of the catalogue (external, only with her current consent to share her file). Lifecycle:
// proposed -> accepted | declined (reason code) ; accepted -> completed | not_completed (reason code).
// Each change is one transaction with its audit entry and its sealed `referral` outbox record
// (docs/sync-protocol.md); the reason staff typed is identity-class (sealed to the registry key in format 3).
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/catalogue.hpp"
#include "common/centre_settings.hpp"
#include "common/clock.hpp"
#include "kiosk/store/consent_store.hpp"  // ConsentMissing
#include "kiosk/store/staff_record_sealer.hpp"
#include "store/database.hpp"
#include "store/identity.hpp"
#include "store/seal.hpp"

namespace shubbak {

// A referral the store refuses, with a code the desk can put in words.
class ReferralError : public std::invalid_argument {
 public:
  enum Code {
    UnknownVisitor,       // no registered woman with this id
    UnknownService,       // to_service / from_service not in the catalogue
    SameService,          // referred to the service she is in
    UnknownPartner,       // not a [partner] of the catalogue
    PartnerNotForService, // the partner's `services` do not include the referring service
    NoReason,             // the reason is empty
    AlreadyOpen,          // she has an open referral (proposed or accepted) to the same place
    NotFound,             // no such referral
    WrongState,           // e.g. completing a referral that was never accepted
    UnknownReasonCode,    // a decline / not-completed code that is not in the lists below
  };
  ReferralError(Code c, const std::string& what) : std::invalid_argument(what), code(c) {}
  const Code code;
};

struct Referral {
  std::string id, visitor_id, from_service;
  std::string to_service;   // internal: set
  std::string partner_id;   // external: set
  std::string reason;       // staff's words; empty when reason_hidden
  bool reason_hidden = false;  // written at a sensitive service this reader does not work for
  std::string state;        // proposed | accepted | declined | completed | not_completed
  std::string state_reason; // a code of referral_decline_reasons() / referral_not_completed_reasons()
  std::string created_by, updated_by;  // staff logins
  TimePoint created_at{}, updated_at{};
  bool internal() const { return !to_service.empty(); }
  bool open() const { return state == "proposed" || state == "accepted"; }
};

// Reason codes, in the order the desk offers them. Their words: i18n keys "referral.reason.<code>".
const std::vector<std::string>& referral_decline_reasons();        // not_eligible, no_place, refused, other
const std::vector<std::string>& referral_not_completed_reasons();  // unreachable, refused, other

class ReferralStore {
 public:
  static constexpr size_t kMaxReasonChars = 500;  // like a note; longer words are cut at a character boundary

  ReferralStore(store::Database& db, const Catalogue& catalogue, const Settings& settings);

  // To another service of the centre, from the service serving her. Returns the referral id.
  std::string refer_internal(const std::string& visitor_id, const std::string& from_service,
                             const std::string& to_service, const std::string& reason, const std::string& staff,
                             TimePoint now);
  // To a partner whose `services` include from_service. Throws ConsentMissing without her current `share` consent
  // (nothing is written then).
  std::string refer_external(const std::string& visitor_id, const std::string& from_service,
                             const std::string& partner_id, const std::string& reason, const std::string& staff,
                             TimePoint now);
  void accept(const std::string& referral_id, const std::string& staff, TimePoint now);
  void decline(const std::string& referral_id, const std::string& reason_code, const std::string& staff,
               TimePoint now);
  void complete(const std::string& referral_id, const std::string& staff, TimePoint now);
  void not_complete(const std::string& referral_id, const std::string& reason_code, const std::string& staff,
                    TimePoint now);

  // Hers, newest first, as `reader` (a staff login) may see them: the reason of a referral made at a sensitive
  // service is loaded only for staff of that service or of the receiving one.
  std::vector<Referral> of_visitor(const std::string& visitor_id, const std::string& reader);
  // Internal referrals proposed or accepted to these services (the receiving desk), oldest first.
  std::vector<Referral> waiting_at(const std::vector<std::string>& services, const std::string& reader);
  // One referral (reason as `reader` may see it).
  std::optional<Referral> get(const std::string& referral_id, const std::string& reader);

 private:
  std::string propose(const std::string& visitor_id, const std::string& from_service, const std::string& to_service,
                      const std::string& partner_id, const std::string& reason, const std::string& staff,
                      TimePoint now);
  void move(const std::string& referral_id, const char* from_state, const char* to_state, const std::string& code,
            const std::string& staff, TimePoint now);
  void record(const Referral& r, const std::string& event, const std::string& reason, const std::string& staff,
              TimePoint now);
  std::vector<Referral> select(const std::string& where, const std::vector<std::string>& args,
                               const std::string& reader);

  store::Database& db_;
  const Catalogue& catalogue_;
  const Settings& settings_;
  StaffRecordSealer seal_;
};

}  // namespace shubbak
