#include "kiosk/store/staff_record_sealer.hpp"

#include <sodium.h>

namespace shubbak {

StaffRecordSealer::StaffRecordSealer(const SyncSettings& sync)
    : sealer_(sync.seal_public_key, sync.writes_format3() ? 3 : 2), identity_keys_(store::load_identity_keys(sync)) {}

void StaffRecordSealer::add_staff_text(nlohmann::json& e, const std::string& key, const std::string& text) const {
  if (text.empty()) return;
  if (!identity_keys_) {
    e[key] = text;
    return;
  }
  std::string clear = nlohmann::json{{key, text}}.dump();
  e["identity"] = store::to_base64(store::seal_identity(clear, identity_keys_->registry_public));
  sodium_memzero(clear.data(), clear.size());
}

}  // namespace shubbak
