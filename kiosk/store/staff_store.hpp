// Staff accounts: PINs kept only as argon2id hashes (libsodium), lockout with a growing delay after repeated
// wrong PINs, every sign-in and lockout in the audit log.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "common/catalogue.hpp"
#include "common/clock.hpp"
#include "store/database.hpp"

namespace shubbak {

// One staff account as `shubbak-admin staff list` shows it (never the PIN or its hash).
struct StaffMember {
  std::string login, display_name;
  std::vector<std::string> services;  // the services she works for: a sensitive service's notes need it
  bool active = true;
  std::string locked_until;           // RFC 3339 UTC, empty if not locked
};

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
  // `services`: ids already checked with check_services (the staff member's services, issue 16).
  void add(const std::string& login, const std::string& display_name, const std::string& pin, TimePoint now,
           const std::vector<std::string>& services = {});
  // Replaces an active staff member's services (checked with check_services first); audited.
  void set_services(const std::string& login, const std::vector<std::string>& services, TimePoint now);
  // Her services; empty for an unknown or removed login (she then reads no sensitive service's notes).
  std::vector<std::string> services_of(const std::string& login);
  // Every account, active first, by login.
  std::vector<StaffMember> list();
  void remove(const std::string& login, TimePoint now);
  void reset_pin(const std::string& login, const std::string& pin, TimePoint now);
  SignIn sign_in(const std::string& login, const std::string& pin, TimePoint now);
  void audit(const std::string& actor, const std::string& action, const std::string& subject,
             const std::string& detail, TimePoint now);

  static void check_pin(const std::string& pin);
  // Throws std::invalid_argument with words for the operator when an id is not a service of the catalogue (naming
  // the ones it has) or is given twice.
  static void check_services(const std::vector<std::string>& services, const Catalogue& catalogue);

 private:
  store::Database& db_;
};

// Who may read the words staff wrote while serving a service (notes, referral reasons): anyone for an ordinary
// service; for a sensitive one (in the catalogue now, or when it was written) only staff whose services include it.
class NoteAccess {
 public:
  NoteAccess(const Catalogue& catalogue, std::vector<std::string> staff_services)
      : catalogue_(catalogue), services_(std::move(staff_services)) {}
  bool may_read(const std::string& service_id, bool written_sensitive) const;
  bool works_for(const std::string& service_id) const;

 private:
  const Catalogue& catalogue_;
  std::vector<std::string> services_;
};

// "a,b" <-> {"a","b"} (the staff.services column).
std::vector<std::string> split_services(const std::string& joined);
std::string join_services(const std::vector<std::string>& services);

// Appends to the audit log; call inside the transaction of the action it records.
void append_audit(store::Database& db, const std::string& actor, const std::string& action, const std::string& subject,
                  const std::string& detail, TimePoint now);

}  // namespace shubbak
