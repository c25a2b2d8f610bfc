#include "sync/loadgen/format3.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace shubbak::loadgen {

using nlohmann::json;

namespace {

store::Bytes key32(const std::string& b64, const char* what) {
  auto k = store::from_base64(b64);
  if (!k || k->size() != 32) throw std::invalid_argument(std::string(what) + " is not a base64 key of 32 bytes");
  return *k;
}

std::string age_band(const std::string& birth_year, const std::string& created_at) {
  if (birth_year.size() != 4 || created_at.size() < 4) return "unknown";
  const int age = std::stoi(created_at.substr(0, 4)) - std::stoi(birth_year);
  if (age < 0 || age > 120) return "unknown";
  if (age < 18) return "0-17";
  if (age < 25) return "18-24";
  if (age >= 65) return "65+";
  static const char* bands[] = {"25-34", "35-44", "45-54", "55-64"};
  return bands[(age - 25) / 10];
}

class Format3Sealer final : public RecordSealer {
 public:
  explicit Format3Sealer(const SealKeys& k)
      : outer_(k.seal_public_key), registry_(key32(k.registry_public_key, "the registry public key")),
        national_(key32(k.national_key_base64, "the national key")) {}

  store::Bytes seal(const PlainRecord& r) override {
    store::Bytes box = outer_.seal(r.kind[0] == 'r' ? registration(r.json) : r.json);
    box[0] = 0x03;  // format 2's box; the version byte says the identity inside is sealed
    return box;
  }

 private:
  std::string registration(const std::string& format2) {
    json r = json::parse(format2);
    json v = r["visitor"];
    r.erase("visitor");
    const std::string cin = v.value("cin", ""), phone = v.value("phone", "");
    const std::string id = !cin.empty() ? "cin:" + cin : !phone.empty() ? "phone:" + phone
                                                                        : "visitor:" + r.value("visitor_id", "");
    r["age_band"] = age_band(v.value("birth_year", ""), r.value("created_at", ""));
    r["commune"] = v.value("commune", "");
    r["contact"] = v.value("contact", "");
    r["person_key"] = store::to_base64(person_key(id));
    r["identity"] = store::to_base64(seal_identity(json{{"name", v.value("name", "")}, {"phone", phone},
                                                        {"cin", cin}, {"birth_year", v.value("birth_year", "")}}));
    return r.dump();
  }

  store::Bytes person_key(const std::string& identifier) const {
    store::Bytes out(crypto_generichash_BYTES);
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(identifier.data()),
                       identifier.size(), national_.data(), national_.size());
    return out;
  }

  store::Bytes seal_identity(const json& identity) const {
    store::Bytes z = store::deflate_bytes(identity.dump());
    store::Bytes out(z.size() + crypto_box_SEALBYTES);
    crypto_box_seal(out.data(), z.data(), z.size(), registry_.data());
    return out;
  }

  store::Sealer outer_;
  store::Bytes registry_, national_;
};

}  // namespace

std::unique_ptr<RecordSealer> make_format3_sealer(const SealKeys& keys) {
  return std::make_unique<Format3Sealer>(keys);
}

}  // namespace shubbak::loadgen
