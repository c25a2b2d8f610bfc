#include "store/identity.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "common/config_file.hpp"

namespace shubbak::store {

std::string age_band(int birth_year, int created_at_year) {
  if (birth_year <= 0 || created_at_year <= 0) return "unknown";
  int age = created_at_year - birth_year;
  if (age < 0 || age > 120) return "unknown";
  if (age < 18) return "0-17";
  if (age < 25) return "18-24";
  if (age >= 65) return "65+";
  static const char* decades[] = {"25-34", "35-44", "45-54", "55-64"};
  return decades[(age - 25) / 10];
}

// A year of four digits at the start of s, or 0.
static int leading_year(const std::string& s) {
  if (s.size() < 4) return 0;
  int y = 0;
  for (int i = 0; i < 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return 0;
    y = y * 10 + (s[i] - '0');
  }
  return y;
}

std::string age_band(const std::string& birth_year, const std::string& created_at) {
  if (birth_year.size() != 4) return "unknown";
  return age_band(leading_year(birth_year), leading_year(created_at));
}

bool is_age_band(const std::string& s) {
  for (const char* b : {"0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+", "unknown"})
    if (s == b) return true;
  return false;
}

std::string normalise_phone(const std::string& phone) {
  std::string d;
  for (char c : phone)
    if (std::isdigit(static_cast<unsigned char>(c))) d += c;
  if (d.rfind("00212", 0) == 0) return "0" + d.substr(5);
  if (d.rfind("212", 0) == 0 && d.size() == 12) return "0" + d.substr(3);
  if (d.size() == 9 && d[0] != '0') return "0" + d;
  return d;
}

std::string normalise_cin(const std::string& cin) {
  std::string out;
  for (char c : cin)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string person_identifier(const std::string& cin, const std::string& phone, const std::string& visitor_id) {
  std::string c = normalise_cin(cin);
  if (!c.empty()) return "cin:" + c;
  std::string p = normalise_phone(phone);
  if (!p.empty()) return "phone:" + p;
  return "visitor:" + visitor_id;
}

std::string person_key(const Bytes& national_key, const std::string& cin, const std::string& phone,
                       const std::string& visitor_id) {
  if (national_key.size() != crypto_generichash_KEYBYTES)
    throw std::invalid_argument("the national key is not 32 bytes");
  std::string in = person_identifier(cin, phone, visitor_id);
  Bytes out(crypto_generichash_BYTES);
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(in.data()), in.size(),
                     national_key.data(), national_key.size());
  sodium_memzero(in.data(), in.size());
  return to_base64(out);
}

Bytes seal_identity(const std::string& json, const Bytes& registry_public) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  if (registry_public.size() != crypto_box_PUBLICKEYBYTES)
    throw std::invalid_argument("the registry key is not a public key of 32 bytes");
  Bytes plain = deflate_bytes(json);
  Bytes out(plain.size() + crypto_box_SEALBYTES);
  int rc = crypto_box_seal(out.data(), plain.data(), plain.size(), registry_public.data());
  sodium_memzero(plain.data(), plain.size());
  if (rc != 0) throw std::invalid_argument("the registry key is not a usable public key");
  return out;
}

std::optional<std::string> open_identity(const Bytes& sealed, const KeyPair& registry, size_t max_inflated) {
  if (sodium_init() < 0) return std::nullopt;
  if (sealed.size() < crypto_box_SEALBYTES || registry.public_key.size() != crypto_box_PUBLICKEYBYTES ||
      registry.secret_key.size() != crypto_box_SECRETKEYBYTES)
    return std::nullopt;
  Bytes plain(sealed.size() - crypto_box_SEALBYTES);
  if (crypto_box_seal_open(plain.data(), sealed.data(), sealed.size(), registry.public_key.data(),
                           registry.secret_key.data()) != 0)
    return std::nullopt;
  auto json = inflate_bytes(plain, max_inflated);
  sodium_memzero(plain.data(), plain.size());
  return json;
}

Bytes read_key_file(const std::string& path) {
  if (path.empty()) throw std::runtime_error("no key file named");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw std::runtime_error("cannot read the key file " + path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) throw std::runtime_error("the key file " + path + " is not a file");
  if (st.st_mode & 077)
    throw std::runtime_error("the key file " + path + " can be read by other users: make it private (chmod 600 " +
                             path + ")");
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error("cannot read the key file " + path + ": " + std::strerror(errno));
  char buf[128];
  size_t n = std::fread(buf, 1, sizeof buf, f);
  std::fclose(f);
  std::string text(buf, n);
  sodium_memzero(buf, sizeof buf);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  std::optional<Bytes> key = is_base64_key32(text) ? from_base64(text) : std::nullopt;
  sodium_memzero(text.data(), text.size());
  if (!key || key->size() != 32)
    throw std::runtime_error("the key file " + path + " does not hold a key: 32 bytes in base64 (44 characters "
                             "ending in '='), as shubbak-upstream keygen writes it");
  return *key;
}

std::optional<IdentityKeys> load_identity_keys(const SyncSettings& sync) {
  if (!sync.writes_format3()) return std::nullopt;
  IdentityKeys k;
  k.registry_public = from_base64(sync.registry_public_key).value_or(Bytes{});
  try {
    seal_identity("{}", k.registry_public);  // a key that cannot seal is refused now, not at her registration
  } catch (const std::invalid_argument& e) {
    throw ConfigError(sync.registry_key_where.first, sync.registry_key_where.second, "[sync] registry_public_key",
                      std::string(e.what()) + " (registry.pub of shubbak-upstream keygen)");
  }
  try {
    k.national_key = read_key_file(sync.national_key_file);
  } catch (const std::runtime_error& e) {
    throw ConfigError(sync.national_key_where.first, sync.national_key_where.second, "[sync] national_key_file",
                      e.what());
  }
  return k;
}

}  // namespace shubbak::store
