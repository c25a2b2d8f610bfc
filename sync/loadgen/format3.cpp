#include "sync/loadgen/format3.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "store/identity.hpp"

namespace shubbak::loadgen {

using nlohmann::json;

namespace {

store::Bytes key32(const std::string& b64, const char* what) {
  auto k = store::from_base64(b64);
  if (!k || k->size() != 32) throw std::invalid_argument(std::string(what) + " is not a base64 key of 32 bytes");
  return *k;
}

class Format3Sealer final : public RecordSealer {
 public:
  explicit Format3Sealer(const SealKeys& k)
      : outer_(k.seal_public_key, 3), registry_(key32(k.registry_public_key, "the registry public key")),
        national_(key32(k.national_key_base64, "the national key")) {}

  store::Bytes seal(const PlainRecord& r) override {
    return outer_.seal(r.kind[0] == 'r' ? registration(r.json) : r.json);
  }

 private:
  // The kiosk's format-2 registration made format 3 with the kiosk's own functions (store/identity).
  std::string registration(const std::string& format2) {
    json r = json::parse(format2);
    json v = r["visitor"];
    r.erase("visitor");
    const std::string cin = v.value("cin", ""), phone = v.value("phone", ""), year = v.value("birth_year", "");
    r["age_band"] = store::age_band(year, r.value("created_at", ""));
    r["commune"] = v.value("commune", "");
    r["contact"] = v.value("contact", "");
    r["person_key"] = store::person_key(national_, cin, phone, r.value("visitor_id", ""));
    r["identity"] = store::to_base64(store::seal_identity(
        json{{"name", v.value("name", "")}, {"phone", phone}, {"cin", cin}, {"birth_year", year}}.dump(), registry_));
    return r.dump();
  }

  store::Sealer outer_;
  store::Bytes registry_, national_;
};

}  // namespace

std::unique_ptr<RecordSealer> make_format3_sealer(const SealKeys& keys) {
  return std::make_unique<Format3Sealer>(keys);
}

}  // namespace shubbak::loadgen
