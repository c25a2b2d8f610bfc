#include "upstream/dashboard_web/users.hpp"

#include <sodium.h>

#include <cctype>

#include "upstream/dashboard_web/dashboard_limits.hpp"

namespace shubbak::upstream::dashboard_web {

namespace {

size_t utf8_chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void check_name(const std::string& name) {
  if (name.empty() || name.size() > limits::kMaxUserNameBytes)
    throw AccountError("a name of 1 to " + std::to_string(limits::kMaxUserNameBytes) + " bytes is needed");
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_'))
      throw AccountError("a name is letters a-z, digits, '.', '-' and '_' (it is typed at sign-in)");
}

// The locked_until column as the pages and `user list` show it.
const char* kLockedText =
    "CASE WHEN locked_until IS NULL OR locked_until <= now() THEN '' WHEN locked_until = 'infinity' THEN 'operator' "
    "ELSE to_char(locked_until AT TIME ZONE 'Africa/Casablanca', 'YYYY-MM-DD HH24:MI') END";

// A hash to check against when the name is unknown: the answer then takes as long as for a known name.
const std::string& decoy_hash() {
  static const std::string h = hash_password("not anybody's password at all");
  return h;
}

}  // namespace

std::string hash_password(const std::string& password) {
  if (utf8_chars(password) < limits::kMinPasswordChars)
    throw AccountError("a password needs at least " + std::to_string(limits::kMinPasswordChars) + " characters");
  if (password.size() > limits::kMaxPasswordBytes)
    throw AccountError("a password has at most " + std::to_string(limits::kMaxPasswordBytes) + " bytes");
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("not enough memory to hash the password");
  return out;
}

void Users::add(const std::string& name, const std::string& role, const std::string& password) {
  check_name(name);
  if (!parse_role(role)) throw AccountError("a role is national, region:CODE (01 to 12) or centre:ID");
  const std::string hash = hash_password(password);
  pg::Result r = c_.exec("INSERT INTO dashboard_users(name, role, password_hash) VALUES($1, $2, $3) "
                         "ON CONFLICT (name) DO NOTHING RETURNING name", {name, role, hash});
  if (r.rows() == 0) throw AccountError("there is already an account named " + name);
  audit("operator", "user_added", name + " " + role);
}

bool Users::lock(const std::string& name) {
  bool found = c_.exec("UPDATE dashboard_users SET locked_until = 'infinity' WHERE name = $1 RETURNING name", {name})
                   .rows() > 0;
  if (found) audit("operator", "user_locked", name);
  return found;
}

bool Users::unlock(const std::string& name) {
  bool found = c_.exec("UPDATE dashboard_users SET locked_until = NULL, failures = 0 WHERE name = $1 RETURNING name",
                       {name}).rows() > 0;
  if (found) audit("operator", "user_unlocked", name);
  return found;
}

bool Users::remove(const std::string& name) {
  bool found = c_.exec("DELETE FROM dashboard_users WHERE name = $1 RETURNING name", {name}).rows() > 0;
  if (found) audit("operator", "user_removed", name);
  return found;
}

std::vector<Account> Users::list() {
  pg::Result r = c_.exec(std::string("SELECT name, role, failures, ") + kLockedText +
                         " FROM dashboard_users ORDER BY name");
  std::vector<Account> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.text(i, 0), r.text(i, 1), static_cast<int>(r.integer(i, 2)), r.text(i, 3)});
  return out;
}

SignInResult Users::sign_in(const std::string& name, const std::string& password) {
  SignInResult out;
  pg::Result r = c_.exec(std::string("SELECT role, password_hash, ") + kLockedText +
                         " FROM dashboard_users WHERE name = $1", {name});
  const bool known = r.rows() == 1;
  const std::string hash = known ? r.text(0, 1) : decoy_hash();
  if (known && !r.text(0, 2).empty()) {
    out.kind = SignInResult::Kind::Locked;
    out.locked_until = r.text(0, 2);
    audit(name, "sign_in_locked");
    return out;
  }
  const bool right = password.size() <= limits::kMaxPasswordBytes && sodium_init() >= 0 &&
                     crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
  if (known && right) {
    if (auto role = parse_role(r.text(0, 0))) {
      c_.exec("UPDATE dashboard_users SET failures = 0, locked_until = NULL WHERE name = $1", {name});
      audit(name, "sign_in");
      out.kind = SignInResult::Kind::Ok;
      out.role = *role;
      return out;
    }
  }
  if (!known) {
    audit("unknown", "sign_in_unknown_name");
    return out;
  }
  // Growing delay: 1 minute at the fifth wrong password, doubling with each one after, at most a day.
  pg::Result f = c_.exec(
      std::string("UPDATE dashboard_users SET failures = failures + 1, locked_until = CASE WHEN failures + 1 >= $2 "
                  "THEN now() + least(interval '1 minute' * power(2, least(failures + 1 - $2, 10)), "
                  "interval '24 hours') ELSE locked_until END WHERE name = $1 RETURNING failures, ") + kLockedText,
      {name, std::to_string(limits::kMaxWrongPasswords)});
  const int failures = f.rows() ? static_cast<int>(f.integer(0, 0)) : limits::kMaxWrongPasswords;
  if (f.rows() && !f.text(0, 1).empty()) {
    out.kind = SignInResult::Kind::Locked;
    out.locked_until = f.text(0, 1);
    audit(name, "password_lockout", "locked until " + out.locked_until);
  } else {
    out.attempts_left = limits::kMaxWrongPasswords - failures;
    audit(name, "wrong_password");
  }
  return out;
}

void Users::audit(const std::string& user, const std::string& what, const std::string& detail) {
  std::string d;  // printable ASCII only (a path may hold any byte): never a character PostgreSQL refuses
  for (char ch : detail.substr(0, limits::kMaxAuditDetailBytes)) d += ch >= 0x20 && ch < 0x7F ? ch : '?';
  c_.exec("INSERT INTO dashboard_audit(user_name, what, detail) VALUES($1, $2, $3)", {user, what, d});
}

}  // namespace shubbak::upstream::dashboard_web
