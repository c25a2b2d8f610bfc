// The dashboard's accounts (table dashboard_users, migration 4) and its audit (dashboard_audit), on the primary:
// passwords kept only as argon2id hashes (libsodium crypto_pwhash_str), lockout with a growing delay after repeated
// wrong passwords (as the desk's staff), every sign-in, lockout, account change and refused request audited.
// Never a woman's data here: accounts are ministry staff; an audit row names who asked for what (a path).
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "upstream/dashboard_web/role.hpp"
#include "upstream/pg/connection.hpp"

namespace shubbak::upstream::dashboard_web {

class AccountError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct Account {
  std::string name, role;
  int failures = 0;
  std::string locked_until;  // Morocco's local "YYYY-MM-DD HH:MM"; "operator" when locked by `user lock`; "" if not
};

struct SignInResult {
  enum class Kind { Ok, Wrong, Locked } kind = Kind::Wrong;  // an unknown name is Wrong (nothing tells them apart)
  Role role;
  int attempts_left = 0;     // Wrong: before the account locks (0 for an unknown name too)
  std::string locked_until;  // Locked: as Account::locked_until
};

// An argon2id hash of the password (throws AccountError if it is shorter than limits::kMinPasswordChars characters
// or longer than limits::kMaxPasswordBytes).
std::string hash_password(const std::string& password);

class Users {
 public:
  explicit Users(pg::Connection& c) : c_(c) {}
  // Throws AccountError with words: a bad name or role, a short password, a name already taken.
  void add(const std::string& name, const std::string& role, const std::string& password);
  // False if there is no such account. lock: until `unlock` (the operator's lock); unlock also forgets failures.
  bool lock(const std::string& name);
  bool unlock(const std::string& name);
  bool remove(const std::string& name);
  std::vector<Account> list();
  // Checks the password (about 0.3 s, whatever the outcome) and records the outcome: failures, lockout, audit.
  SignInResult sign_in(const std::string& name, const std::string& password);
  // One audit row; detail is cut to limits::kMaxAuditDetailBytes.
  void audit(const std::string& user, const std::string& what, const std::string& detail = "");

 private:
  pg::Connection& c_;
};

}  // namespace shubbak::upstream::dashboard_web
