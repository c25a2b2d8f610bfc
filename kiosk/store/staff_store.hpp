// Staff accounts: PINs kept only as argon2id hashes (libsodium), lockout with a growing delay after repeated
// wrong PINs, every sign-in and lockout in the audit log.
#pragma once
#include <optional>
#include <string>

#include "common/clock.hpp"
#include "store/database.hpp"

namespace shubbak {

struct SignIn {
  enum Result { Ok, WrongPin, Locked, Unknown } result = Unknown;
  int attempts_left = 0;    // WrongPin: before the account locks
  TimePoint locked_until{}; // Locked
  std::string display_name;
};

class StaffStore {
 public:
  static constexpr int kMaxWrongPins = 5;
  explicit StaffStore(store::Database& db) : db_(db) {}

  // PIN: 4 to 8 digits. Throws std::invalid_argument with words for the operator.
  void add(const std::string& login, const std::string& display_name, const std::string& pin, TimePoint now);
  void remove(const std::string& login, TimePoint now);
  void reset_pin(const std::string& login, const std::string& pin, TimePoint now);
  SignIn sign_in(const std::string& login, const std::string& pin, TimePoint now);
  void audit(const std::string& actor, const std::string& action, const std::string& subject,
             const std::string& detail, TimePoint now);

  static void check_pin(const std::string& pin);

 private:
  store::Database& db_;
};

// Appends to the audit log; call inside the transaction of the action it records.
void append_audit(store::Database& db, const std::string& actor, const std::string& action, const std::string& subject,
                  const std::string& detail, TimePoint now);

}  // namespace shubbak
