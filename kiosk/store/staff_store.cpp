#include "kiosk/store/staff_store.hpp"

#include <sodium.h>

#include <algorithm>
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

std::vector<std::string> split_services(const std::string& joined) {
  std::vector<std::string> out;
  size_t from = 0;
  while (from <= joined.size()) {
    size_t comma = std::min(joined.find(',', from), joined.size());
    std::string id = joined.substr(from, comma - from);
    while (!id.empty() && std::isspace(static_cast<unsigned char>(id.back()))) id.pop_back();
    while (!id.empty() && std::isspace(static_cast<unsigned char>(id.front()))) id.erase(0, 1);
    if (!id.empty()) out.push_back(id);
    from = comma + 1;
  }
  return out;
}

std::string join_services(const std::vector<std::string>& services) {
  std::string s;
  for (const auto& id : services) s += (s.empty() ? "" : ",") + id;
  return s;
}

bool NoteAccess::works_for(const std::string& service_id) const {
  return std::find(services_.begin(), services_.end(), service_id) != services_.end();
}

bool NoteAccess::may_read(const std::string& service_id, bool written_sensitive) const {
  const Service* s = catalogue_.service(service_id);
  const bool sensitive = written_sensitive || !s || s->sensitive;  // a service no longer listed: as sensitive
  return !sensitive || works_for(service_id);
}

void StaffStore::check_services(const std::vector<std::string>& services, const Catalogue& catalogue) {
  for (size_t i = 0; i < services.size(); ++i) {
    if (std::find(services.begin(), services.begin() + i, services[i]) != services.begin() + i)
      throw std::invalid_argument("service '" + services[i] + "' is given twice");
    if (catalogue.service(services[i])) continue;
    std::string known;
    for (const auto& s : catalogue.services()) known += (known.empty() ? "" : ", ") + s.id;
    throw std::invalid_argument("'" + services[i] + "' is not a service of the catalogue; its services are: " + known);
  }
}

void StaffStore::set_services(const std::string& login, const std::vector<std::string>& services, TimePoint now) {
  db_.transaction([&] {
    db_.prepare("UPDATE staff SET services=? WHERE login=? AND active=1")
        .bind(1, join_services(services)).bind(2, login).run();
    if (db_.changes() == 0) throw std::invalid_argument("no active staff member '" + login + "'");
    append_audit(db_, "admin", "staff_services", login, join_services(services), now);
  });
}

std::vector<std::string> StaffStore::services_of(const std::string& login) {
  auto st = db_.prepare("SELECT services FROM staff WHERE login=? AND active=1");
  st.bind(1, login);
  return st.step() ? split_services(st.text(0)) : std::vector<std::string>{};
}

std::vector<StaffMember> StaffStore::list() {
  std::vector<StaffMember> out;
  auto st = db_.prepare("SELECT login, display_name, services, active, coalesce(locked_until,'') FROM staff "
                        "ORDER BY active DESC, login");
  while (st.step())
    out.push_back({st.text(0), st.text(1), split_services(st.text(2)), st.integer(3) != 0, st.text(4)});
  return out;
}

void StaffStore::add(const std::string& login, const std::string& display_name, const std::string& pin, TimePoint now,
                     const std::vector<std::string>& services) {
  check_pin(pin);
  if (login.empty() || display_name.empty()) throw std::invalid_argument("a login and a display name are needed");
  std::string hash = hash_pin(pin);
  db_.transaction([&] {
    auto st = db_.prepare("SELECT active FROM staff WHERE login=?");
    st.bind(1, login);
    if (st.step()) {
      if (st.integer(0)) throw std::invalid_argument("staff member '" + login + "' already exists");
      db_.prepare("UPDATE staff SET active=1, display_name=?, pin_hash=?, failed_pins=0, locked_until=NULL, "
                  "services=? WHERE login=?")
          .bind(1, display_name).bind(2, hash).bind(3, join_services(services)).bind(4, login).run();
    } else {
      db_.prepare("INSERT INTO staff(login, display_name, pin_hash, created_at, services) VALUES(?,?,?,?,?)")
          .bind(1, login).bind(2, display_name).bind(3, hash).bind(4, to_rfc3339_utc(now))
          .bind(5, join_services(services)).run();
    }
    append_audit(db_, "admin", "staff_add", login, join_services(services), now);
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
