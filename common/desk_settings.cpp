#include "common/desk_settings.hpp"

namespace shubbak {

namespace {
constexpr const char* kDefaultCert = "desk/server.pem";
constexpr const char* kDefaultKey = "desk/server.key";
}  // namespace

DeskSettings DeskSettings::defaults(const ConfigDocument& doc) {
  DeskSettings d;
  d.cert_file = doc.resolve(kDefaultCert);
  d.key_file = doc.resolve(kDefaultKey);
  d.where = {doc.file(), 0};
  return d;
}

DeskSettings DeskSettings::from_section(const ConfigDocument& doc, const ConfigSection& sec) {
  SectionReader r(doc, sec);
  r.only_keys({"listen", "cert_file", "key_file", "allow", "session_minutes"});
  DeskSettings d = defaults(doc);
  d.where = {doc.file(), sec.line};
  d.listen = r.text_or("listen", d.listen);
  if (d.listen.rfind(':') == std::string::npos)
    r.fail("listen", "'" + d.listen + "' must be HOST:PORT, e.g. 0.0.0.0:8443");
  d.cert_file = doc.resolve(r.text_or("cert_file", kDefaultCert));
  d.key_file = doc.resolve(r.text_or("key_file", kDefaultKey));
  if (sec.find("allow")) {
    d.allow = split_list(r.text_or("allow", ""), ',');
    if (d.allow.empty())
      r.fail("allow", "name at least one subnet of the centre's LAN, e.g. 192.168.1.0/24 (the desk answers no one else)");
  }
  d.session_minutes = static_cast<int>(r.integer("session_minutes", 5, 24 * 60, d.session_minutes));
  return d;
}

}  // namespace shubbak
