// Accompaniment records (issue 16: consent, appointment, referral, milestone) as the kiosk and the desk write them
// into the outbox (docs/sync-protocol.md), sealed as they seal them (store::Sealer, store::seal_identity), for the
// intake and PostgreSQL tests.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "store/identity.hpp"
#include "store/seal.hpp"
#include "store/uuid.hpp"
#include "upstream/intake/batch.hpp"

namespace shubbak::testing {

// The staff's words of a referral (identity class): never in clear at the receiver.
inline const char* kReferralReason = "Canaryreason violence at home, needs shelter";

struct Where {
  std::string centre = "MA-CAS-01", kiosk = "kiosk-01";
};

inline nlohmann::json accompaniment_base(const Where& w, const std::string& visitor) {
  return {{"centre_id", w.centre}, {"kiosk_id", w.kiosk}, {"visitor_id", visitor}, {"at", "2026-11-29T23:40:00Z"}};
}

inline nlohmann::json consent_record(const Where& w, const std::string& visitor, const std::string& purpose = "share",
                                     bool granted = true) {
  nlohmann::json j = accompaniment_base(w, visitor);
  j.update({{"consent_id", store::new_uuid_v4()}, {"purpose", purpose}, {"granted", granted},
            {"text_version", purpose + "-2026-12"}, {"channel", "desk"}, {"staff", "amina"}});
  return j;
}

inline nlohmann::json appointment_record(const Where& w, const std::string& visitor,
                                         const std::string& event = "booked") {
  nlohmann::json j = accompaniment_base(w, visitor);
  j.update({{"appointment_id", store::new_uuid_v4()}, {"service", "jisr"}, {"event", event},
            {"slot", "2026-12-03T09:30:00Z"}, {"staff", "amina"}});
  return j;
}

// Format 3 seals the reason at the kiosk ({"reason": …} to the registry key); formats 1 and 2 carry it in clear.
inline nlohmann::json referral_record(const Where& w, const std::string& visitor, int format,
                                      const store::Bytes& registry_public, const std::string& event = "proposed") {
  nlohmann::json j = accompaniment_base(w, visitor);
  j.update({{"referral_id", store::new_uuid_v4()}, {"from_service", "jisr"}, {"to", "partner:amal"},
            {"event", event}, {"staff", "amina"}});
  nlohmann::json reason = {{"reason", kReferralReason}};
  if (format == 3) j["identity"] = store::to_base64(store::seal_identity(reason.dump(), registry_public));
  else j.update(reason);
  return j;
}

inline nlohmann::json milestone_record(const Where& w, const std::string& visitor,
                                       const std::string& milestone = "trained") {
  nlohmann::json j = accompaniment_base(w, visitor);
  j.update({{"milestone", milestone}, {"service", "jisr"}, {"staff", "amina"}});
  return j;
}

// A format-3 registration of a woman (her person_key from her CIN), as kiosk/store writes it.
inline nlohmann::json registration_v3(const Where& w, const std::string& visitor, const std::string& cin,
                                      const store::Bytes& national_key, const store::Bytes& registry_public) {
  nlohmann::json identity = {{"name", "Canary Khadija"}, {"phone", ""}, {"cin", cin}, {"birth_year", "1988"}};
  return {{"centre_id", w.centre},
          {"kiosk_id", w.kiosk},
          {"registration_id", store::new_uuid_v4()},
          {"visitor_id", visitor},
          {"service", "jisr"},
          {"ticket", "A-001"},
          {"created_at", "2026-11-29T09:00:00Z"},
          {"consent", true},
          {"age_band", "35-44"},
          {"commune", "Anfa"},
          {"contact", "none"},
          {"person_key", store::person_key(national_key, cin, "", visitor)},
          {"identity", store::to_base64(store::seal_identity(identity.dump(), registry_public))}};
}

// One record of the outbox: its kind and its JSON, sealed in the given format (2 or 3) by the caller's Sealer.
struct Outgoing {
  std::string kind;
  nlohmann::json json;
};

inline upstream::intake::Batch sealed_batch(const Where& w, const std::vector<Outgoing>& records,
                                            const store::Bytes& receiver_public, uint8_t format) {
  store::Sealer sealer(store::to_base64(receiver_public), format);
  upstream::intake::Batch b;
  b.kiosk_id = w.kiosk;
  b.centre_id = w.centre;
  b.batch_id = store::new_uuid_v4();
  for (const Outgoing& o : records) {
    std::string sealed = store::to_base64(sealer.seal(o.json.dump()));
    b.records.push_back({store::new_uuid_v4(), o.kind, "2026-11-29T23:40:01Z", 1, sealed});
  }
  return b;
}

}  // namespace shubbak::testing
