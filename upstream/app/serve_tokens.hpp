// Bearer tokens as a receiver checks them: looked up in PostgreSQL once, then trusted for kTokenCacheSeconds (a
// revoked token stops working within that delay). Unknown tokens are not cached (a kiosk whose token was just
// made is let in at once), and the cache is bounded, so random tokens cannot grow it.
#pragma once
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "upstream/pg/receiver_store.hpp"

namespace shubbak::upstream::app {

class TokenCache {
 public:
  static constexpr size_t kMaxEntries = 100000;  // far more kiosks than Morocco has centres
  using Lookup = std::function<std::optional<pg::TokenOwner>(const std::string& token)>;

  // `lookup` may throw pg::DatabaseUnavailable; it is passed through.
  std::optional<pg::TokenOwner> owner(const std::string& token, const Lookup& lookup);

 private:
  struct Entry {
    pg::TokenOwner who;
    std::chrono::steady_clock::time_point until;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace shubbak::upstream::app
