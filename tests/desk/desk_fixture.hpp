// A real shubbak-desk process on a data folder made with shubbak-admin (init, staff add), talked to over HTTP(S)
// with libcurl; tickets issued through the kiosk's own store code, as the kiosk process would.
#pragma once
#include <curl/curl.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/i18n.hpp"
#include "kiosk/core/registration.hpp"
#include "tests/integration/helpers.hpp"

namespace shubbak::testing {

struct HttpAnswer {
  long status = 0;
  std::multimap<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string header(const std::string& name) const;
};

// One browser: its cookies (kept by hand: the desk's are Secure and tests may run before TLS), its base URL.
struct Browser {
  std::string base, ca_file;
  std::map<std::string, std::string> cookies;
  HttpAnswer get(const std::string& path, long timeout_ms = 10000);
  HttpAnswer post(const std::string& path, const std::string& body);
  // GET /signin then POST it; true when the answer sends to /console.
  bool sign_in(const std::string& login, const std::string& pin, int counter, const std::string& lang = "fr");
  // The csrf field of the last console page fetched.
  std::string csrf();
  std::string last_page;

 private:
  HttpAnswer send(const std::string& path, const std::string* body, long timeout_ms);
};

class DeskProcess {
 public:
  // desk_extra: lines added to [desk] (besides cert_file and key_file); kiosk_extra: lines added to [kiosk] (the
  // tuning: staff_idle_signout_seconds); args: more arguments for shubbak-desk (--log-level debug).
  // before_start: runs once the folders are made, before shubbak-desk starts (to break what it finds at start).
  explicit DeskProcess(const std::string& desk_extra = "", const std::string& kiosk_extra = "",
                       const std::vector<std::string>& args = {},
                       const std::function<void(DeskProcess&)>& before_start = {});
  ~DeskProcess();
  Browser browser() const { return Browser{url, (dir.path / "certs" / "ca.pem").string(), {}, ""}; }
  Result admin(const std::vector<std::string>& args, const std::string& in = "");
  // A ticket issued as the kiosk issues it; returns its number.
  std::string issue(const std::string& service, bool priority = false);
  // A ticket for a visitor who registered at the kiosk (with her consent); returns its number.
  std::string issue_registered(const std::string& service, const VisitorDetails& her);
  // Any ticket as the kiosk issues it (a returning woman, her consents, an appointment's check-in); its number.
  std::string issue_request(const IssueRequest& req);
  // An alert as the kiosk raises it (call_staff), or keeps open while it runs on its last good catalogue
  // (catalogue_fallback: raised once, resolved when a catalogue is accepted).
  void raise_alert(const std::string& kind);
  void raise_alert_once(const std::string& kind);
  void resolve_alerts(const std::string& kind);
  // Stopped and started again on the same folders (its log goes on in the same file; url may change).
  void restart();
  // Still running (not exited, not crashed).
  bool alive();
  // SIGTERM and reap: everything it would log is in log() afterwards. Returns its exit code.
  int stop();
  std::string q(const std::string& sql);
  std::string data() const { return (dir.path / "data").string(); }
  std::string cfg() const { return (dir.path / "cfg").string(); }
  std::string log() const { return read_file(dir.path / "desk.err"); }

  TempDir dir;
  std::string url;  // "http://127.0.0.1:PORT" (https once the server speaks TLS)
  pid_t pid = -1;

 private:
  void start();
  std::vector<std::string> args_;
};

// The translations the desk serves (assets/i18n).
Translations translations();
// As the desk's templates write text (ctemplate's HTML escaping).
std::string escaped(const std::string& s);

// The value of the first `name="..." value="..."` input of a page, "" if none.
std::string input_value(const std::string& html, const std::string& name);
// The text of the element with this id (its first text node's content), "" if none.
std::string text_of(const std::string& html, const std::string& id);

}  // namespace shubbak::testing
