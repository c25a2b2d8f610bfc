// The desk's HTML, through ctemplate (web/templates.hpp: escaping by default, translation keys as {{T_prefix__key}});
// values the code computes (a title with a number, her details) are upper-case markers.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "common/centre_settings.hpp"
#include "desk/accompany.hpp"
#include "kiosk/core/counter_console.hpp"
#include "kiosk/core/counter_flow.hpp"
#include "common/i18n.hpp"
#include "web/templates.hpp"

namespace shubbak::desk {

struct SignInView {
  std::string lang, csrf, message;  // message: words, "" for none
  std::vector<StaffEntry> staff;
  std::string login;  // preselected
  int counter = 1;
};

// What she had typed in the "served" form when the desk refused it: shown again as typed, never cut.
struct ServedDraft {
  std::string note, outcome;
};

struct ConsoleView {
  const CounterState& state;
  const ConsoleSnapshot& snap;
  std::string lang, csrf, message;
  int64_t version = 0;
  ServedDraft draft{};
  const AccompanyView* acc = nullptr;  // her file, the booking and referral forms, the day's appointments
};

struct ErrorView {
  std::string lang, title, message, back;  // title and message: words; back: where the button goes
  std::string back_label = "";             // the button's words ("": desk.back)
  int refresh_seconds = 0;                 // > 0: the page loads itself again after this long (no script needed)
};

// Where every page's <head> finds the stylesheet and the script (StaticFiles::url: versioned, kept by the browser).
struct AssetUrls {
  std::string css = "/static/desk.css", js = "/static/desk.js";
};

class Pages {
 public:
  // Reads the templates of dir (throws std::runtime_error naming a missing or broken one).
  Pages(std::string dir, const Translations& tr, const CentreConfig& config, AssetUrls assets = {});
  std::string signin(const SignInView& v) const;
  std::string console(const ConsoleView& v) const;
  // #current, #accompany, #queue, #alerts, #today, #sync, #appointments-today, #referrals-in: what the script swaps
  // in on a live update.
  std::string live(const ConsoleView& v) const;
  std::string error(const ErrorView& v) const;

  // The translation keys a template names with {{T_...}} markers (the i18n test reads templates the same way).
  static std::set<std::string> keys_in(const std::string& template_text);

 private:
  std::string expand(const std::string& name, const void* dict) const;
  std::string dir_;
  const Translations& tr_;
  const CentreConfig& config_;
  AssetUrls assets_;
  web::Templates templates_;  // read and checked at start
};

}  // namespace shubbak::desk
