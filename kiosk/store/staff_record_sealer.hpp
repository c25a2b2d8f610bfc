// How the counter's and the referrals' records are sealed on their way upstream (docs/sync-protocol.md): to the
// receivers' key, in record format 3 when a registry key is configured ([sync]), else 2. Free text a staff member
// typed (a ticket's note, a referral's reason) is identity-class: in format 3 it travels sealed to the registry key
// as {"<key>": text} in the record's `identity`; in format 2 in clear inside the receivers' seal.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/sync_settings.hpp"
#include "store/identity.hpp"
#include "store/seal.hpp"

namespace shubbak {

class StaffRecordSealer {
 public:
  explicit StaffRecordSealer(const SyncSettings& sync);
  // Adds `text` (nothing if empty) under `key` to the record `e`, sealed in format 3; the clear copy made for
  // sealing is wiped.
  void add_staff_text(nlohmann::json& e, const std::string& key, const std::string& text) const;
  // For store::append_outbox.
  store::Sealer& sealer() { return sealer_; }

 private:
  store::Sealer sealer_;
  std::optional<store::IdentityKeys> identity_keys_;  // format 3 when set
};

}  // namespace shubbak
