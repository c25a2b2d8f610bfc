// Bearer tokens of kiosks: made here, shown once, only their SHA-256 stored (a copy of the database gives no
// token). One kiosk may hold several (a replacement before the old one is revoked).
#pragma once
#include <optional>
#include <string>

#include "upstream/pg/connection.hpp"
#include "upstream/pg/receiver_store.hpp"

namespace shubbak::upstream::pg {

// A new token for the kiosk (43 characters, URL-safe base64 of 32 random bytes); stored as its SHA-256.
std::string add_token(Connection& c, const std::string& kiosk_id, const std::string& centre_id);
// The owner of a token that exists and is not revoked.
std::optional<TokenOwner> find_token(Connection& c, const std::string& token);
// Revokes every token of the kiosk; returns how many were live.
int revoke_tokens(Connection& c, const std::string& kiosk_id);

}  // namespace shubbak::upstream::pg
