// Her consent for each purpose (issue 16): an append-only history in `consents`; the current answer is the latest
// row per visitor and purpose. Each answer appends a sealed `consent` outbox record in the same transaction; an
// answer told at a desk is also in the audit log. Withdrawing `sms` cancels her queued SMS at once. Code that acts
// on a purpose calls require() first: referrals to a partner (share), the SMS queue (sms).
#pragma once
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/centre_settings.hpp"
#include "common/clock.hpp"
#include "kiosk/core/consent.hpp"
#include "store/database.hpp"
#include "store/seal.hpp"

namespace shubbak {

// She has not said yes (or said no last) to this purpose. The desk says why in plain words and offers to ask her.
class ConsentMissing : public std::runtime_error {
 public:
  ConsentMissing(std::string visitor, ConsentPurpose p);
  const std::string visitor_id;
  const ConsentPurpose purpose;
};

// Who recorded the answer: the kiosk, or a staff member at a desk (login).
struct ConsentSource {
  ConsentChannel channel = ConsentChannel::Kiosk;
  std::string staff;  // login, at a desk
  static ConsentSource kiosk() { return {}; }
  static ConsentSource desk(std::string login) { return {ConsentChannel::Desk, std::move(login)}; }
};

struct ConsentAnswer {
  std::string id, visitor_id;
  ConsentPurpose purpose = ConsentPurpose::Keep;
  bool granted = false;
  std::string text_version;  // the words she heard (kiosk/core/consent.hpp)
  ConsentChannel channel = ConsentChannel::Kiosk;
  std::string actor;         // "kiosk" or "staff:<login>"
  TimePoint at{};
};

class ConsentStore {
 public:
  ConsentStore(store::Database& db, const Settings& settings);

  // Records one answer (in the caller's transaction if one is open, else in its own) with the current text version;
  // returns its id. Withdrawing `sms` cancels her queued SMS in the same transaction.
  std::string record(const std::string& visitor_id, ConsentPurpose purpose, bool granted, const ConsentSource& by,
                     TimePoint now);
  // The `keep` answer a registration is (KioskStore::issue, in its transaction): a row like any answer, but its
  // upstream record is the registration record itself ("consent": true and its text version), not a `consent` one.
  std::string record_registration_keep(const std::string& visitor_id, TimePoint now);
  // Her current answer for each purpose she was asked. A woman registered before answers were kept per purpose
  // has `keep` from her registration's consent (text version kLegacyKeepVersion).
  std::map<ConsentPurpose, ConsentAnswer> current(const std::string& visitor_id);
  // Every answer, oldest first.
  std::vector<ConsentAnswer> history(const std::string& visitor_id);
  bool holds(const std::string& visitor_id, ConsentPurpose purpose);
  // Throws ConsentMissing unless her current answer for this purpose is yes.
  void require(const std::string& visitor_id, ConsentPurpose purpose);

  static constexpr const char* kLegacyKeepVersion = "keep-registration";

 private:
  std::string insert(const std::string& visitor_id, ConsentPurpose purpose, bool granted, const ConsentSource& by,
                     TimePoint now, bool upstream_record);
  void append_record(const std::string& id, const std::string& visitor_id, ConsentPurpose purpose, bool granted,
                     const ConsentSource& by, const std::string& at);
  store::Database& db_;
  const Settings& settings_;
  store::Sealer sealer_;
};

// The same reads without a ConsentStore (no sealer needed): for other stores' checks inside their transactions.
std::map<ConsentPurpose, ConsentAnswer> current_consents(store::Database& db, const std::string& visitor_id);
void require_consent(store::Database& db, const std::string& visitor_id, ConsentPurpose purpose);

}  // namespace shubbak
