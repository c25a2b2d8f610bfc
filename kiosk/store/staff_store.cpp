#include "kiosk/store/staff_store.hpp"

#include <sodium.h>

#include <cctype>
#include <chrono>
#include <stdexcept>

namespace shubbak {

void append_audit(store::Database& db, const std::string& actor, const std::string& action, const std::string& subject,
                  const std::string& detail, TimePoint now) {
  auto st = db.prepare("INSERT INTO audit_log(at, actor, action, subject, detail) VALUES(?,?,?,?,?)");
  st.bind(1, to_rfc3339_utc(now)).bind(2, actor).bind(3, action);
  if (subject.empty()) st.bind_null(4); else st.bind(4, subject);
  if (detail.empty()) st.bind_null(5); else st.bind(5, detail);
  st.run();
}

void StaffStore::audit(const std::string& actor, const std::string& action, const std::string& subject,
                       const std::string& detail, TimePoint now) {
  db_.transaction([&] { append_audit(db_, actor, action, subject, detail, now); });
}

void StaffStore::check_pin(const std::string& pin) {
  if (pin.size() < 4 || pin.size() > 8) throw std::invalid_argument("a PIN has 4 to 8 digits");
  for (unsigned char c : pin)
    if (!std::isdigit(c)) throw std::invalid_argument("a PIN has digits only");
}

static std::string hash_pin(const std::string& pin) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("not enough memory to hash the PIN");
  return out;
}

void StaffStore::add(const std::string& login, const std::string& display_name, const std::string& pin, TimePoint now) {
  check_pin(pin);
  if (login.empty() || display_name.empty()) throw std::invalid_argument("a login and a display name are needed");
  std::string hash = hash_pin(pin);
  db_.transaction([&] {
    auto st = db_.prepare("SELECT active FROM staff WHERE login=?");
    st.bind(1, login);
    if (st.step()) {
      if (st.integer(0)) throw std::invalid_argument("staff member '" + login + "' already exists");
      db_.prepare("UPDATE staff SET active=1, display_name=?, pin_hash=?, failed_pins=0, locked_until=NULL WHERE login=?")
          .bind(1, display_name).bind(2, hash).bind(3, login).run();
    } else {
      db_.prepare("INSERT INTO staff(login, display_name, pin_hash, created_at) VALUES(?,?,?,?)")
          .bind(1, login).bind(2, display_name).bind(3, hash).bind(4, to_rfc3339_utc(now)).run();
    }
    append_audit(db_, "admin", "staff_add", login, "", now);
  });
}

void StaffStore::remove(const std::string& login, TimePoint now) {
  db_.transaction([&] {
    db_.prepare("UPDATE staff SET active=0 WHERE login=? AND active=1").bind(1, login).run();
    if (db_.changes() == 0) throw std::invalid_argument("no active staff member '" + login + "'");
    append_audit(db_, "admin", "staff_remove", login, "", now);
  });
}

void StaffStore::reset_pin(const std::string& login, const std::string& pin, TimePoint now) {
  check_pin(pin);
  std::string hash = hash_pin(pin);
  db_.transaction([&] {
    db_.prepare("UPDATE staff SET pin_hash=?, failed_pins=0, locked_until=NULL WHERE login=? AND active=1")
        .bind(1, hash).bind(2, login).run();
    if (db_.changes() == 0) throw std::invalid_argument("no active staff member '" + login + "'");
    append_audit(db_, "admin", "staff_reset_pin", login, "", now);
  });
}

SignIn StaffStore::sign_in(const std::string& login, const std::string& pin, TimePoint now) {
  SignIn r;
  std::string hash, locked;
  int failed = 0;
  {
    auto st = db_.prepare("SELECT pin_hash, failed_pins, coalesce(locked_until,''), display_name FROM staff "
                          "WHERE login=? AND active=1");
    st.bind(1, login);
    if (!st.step()) {
      audit("kiosk", "sign_in_unknown", "", "", now);  // the typed login is not recorded: it may be a PIN
      return r;
    }
    hash = st.text(0);
    failed = static_cast<int>(st.integer(1));
    locked = st.text(2);
    r.display_name = st.text(3);
  }
  TimePoint until{};
  if (!locked.empty() && parse_rfc3339_utc(locked, until) && until > now) {
    r.result = SignIn::Locked;
    r.locked_until = until;
    return r;
  }
  if (sodium_init() >= 0 && crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0) {
    db_.transaction([&] {
      db_.prepare("UPDATE staff SET failed_pins=0, locked_until=NULL WHERE login=?").bind(1, login).run();
      append_audit(db_, "staff:" + login, "sign_in", "", "", now);
    });
    r.result = SignIn::Ok;
    return r;
  }
  ++failed;
  db_.transaction([&] {
    if (failed >= kMaxWrongPins) {
      // Growing delay: 1 minute at the fifth wrong PIN, doubling with each one after, at most a day.
      int shift = std::min(failed - kMaxWrongPins, 10);
      auto delay = std::min<std::chrono::minutes>(std::chrono::minutes(1) * (1 << shift), std::chrono::hours(24));
      until = now + delay;
      db_.prepare("UPDATE staff SET failed_pins=?, locked_until=? WHERE login=?")
          .bind(1, failed).bind(2, to_rfc3339_utc(until)).bind(3, login).run();
      append_audit(db_, "staff:" + login, "pin_lockout", "", "locked until " + to_rfc3339_utc(until), now);
      r.result = SignIn::Locked;
      r.locked_until = until;
    } else {
      db_.prepare("UPDATE staff SET failed_pins=? WHERE login=?").bind(1, failed).bind(2, login).run();
      append_audit(db_, "staff:" + login, "wrong_pin", "", "", now);
      r.result = SignIn::WrongPin;
      r.attempts_left = kMaxWrongPins - failed;
    }
  });
  return r;
}

}  // namespace shubbak
