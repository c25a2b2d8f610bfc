#include "upstream/pg/tokens.hpp"

#include <sodium.h>

#include <stdexcept>

#include "store/seal.hpp"

namespace shubbak::upstream::pg {

namespace {

std::string digest_param(const std::string& token) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return bytea_param(h, sizeof h);
}

}  // namespace

std::string add_token(Connection& c, const std::string& kiosk_id, const std::string& centre_id) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  store::Bytes raw(32);
  randombytes_buf(raw.data(), raw.size());
  std::string token = store::to_base64(raw);
  while (!token.empty() && token.back() == '=') token.pop_back();
  for (char& ch : token)
    if (ch == '+') ch = '-';
    else if (ch == '/') ch = '_';
  c.exec("INSERT INTO tokens(token_sha256, kiosk_id, centre_id) VALUES($1, $2, $3)",
         {digest_param(token), kiosk_id, centre_id});
  return token;
}

std::optional<TokenOwner> find_token(Connection& c, const std::string& token) {
  Result r = c.exec("SELECT kiosk_id, centre_id FROM tokens WHERE token_sha256 = $1 AND revoked_at IS NULL",
                    {digest_param(token)});
  if (r.rows() == 0) return std::nullopt;
  return TokenOwner{r.text(0, 0), r.text(0, 1)};
}

int revoke_tokens(Connection& c, const std::string& kiosk_id) {
  Result r = c.exec("UPDATE tokens SET revoked_at = now() WHERE kiosk_id = $1 AND revoked_at IS NULL RETURNING 1",
                    {kiosk_id});
  return r.rows();
}

}  // namespace shubbak::upstream::pg
