// The reference receiver's storage: each record id once, tokens, answers to repeated Idempotency-Keys.
#pragma once
#include <optional>
#include <string>

#include "store/database.hpp"
#include "store/seal.hpp"

namespace shubbak::upstream {

class UpstreamStore {
 public:
  explicit UpstreamStore(const std::string& data_dir);
  store::Database& db() { return db_; }
  // Returns the new token (shown once); only its hash is kept.
  std::string add_token(const std::string& kiosk_id);
  // The kiosk a bearer token belongs to, if any.
  std::optional<std::string> kiosk_for_token(const std::string& token);
  std::optional<std::string> idempotent_answer(const std::string& kiosk_id, const std::string& key);
  void remember_answer(const std::string& kiosk_id, const std::string& key, const std::string& answer);

 private:
  store::Database db_;
};

// Key files written by `keygen`: seal.pub/seal.key (X25519), sign.pub/sign.key (Ed25519), base64.
struct UpstreamKeys {
  store::KeyPair seal;
  store::Bytes sign_public, sign_secret;
  static UpstreamKeys load(const std::string& dir);
  static void generate(const std::string& dir);
};

}  // namespace shubbak::upstream
