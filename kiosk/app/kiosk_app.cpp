#include "kiosk/app/kiosk_app.hpp"

#include <imgui.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "common/icons.hpp"
#include "common/install_paths.hpp"
#include "common/languages.hpp"
#include "common/log.hpp"
#include "kiosk/app/display_role.hpp"
#include "common/last_good_catalogue.hpp"
#include "kiosk/app/out_of_service_role.hpp"
#include "kiosk/app/visitor_role.hpp"
#include "kiosk/ui/out_of_service_screen.hpp"
#include "kiosk/ui/visitor_view.hpp"
#include "store/data_dir.hpp"
#include "store/recovery.hpp"

#ifndef SHUBBAK_VOICE_DIR
#define SHUBBAK_VOICE_DIR "audio"
#endif
#ifndef SHUBBAK_ASSETS_DIR
#define SHUBBAK_ASSETS_DIR "assets"
#endif

namespace shubbak::app {

using Steady = std::chrono::steady_clock;
static const auto kProcessStart = Steady::now();
static constexpr int kCatalogueCheckMs = 5000;
static constexpr const char* kCatalogueAlert = "catalogue_fallback";

KioskApp::KioskApp(const Options& opt) : opt_(opt), stats_(opt.frame_stats) {
  if (opt_.assets_dir.empty()) opt_.assets_dir = installed_or("assets", SHUBBAK_ASSETS_DIR);
  load_config();
  tr_ = Translations::load(opt_.assets_dir + "/i18n");
  if (!opt_.lang.empty() && !find_language(opt_.lang))
    throw UsageError("--lang must be one of ar, zgh, fr (not '" + opt_.lang + "')");
  // --lang sets the language the kiosk shows before a visitor chooses (and returns to after her).
  if (!opt_.lang.empty()) config_.settings.default_lang = opt_.lang;
  catalogue_watcher_ = std::make_unique<CatalogueWatcher>(config_.settings.catalogue_file);

  platform::HostOptions ho;
  ho.width = opt_.width;
  ho.height = opt_.height;
  ho.headless = opt_.headless;
  ho.windowed = opt_.windowed;
  ho.software = opt_.software;
  host_ = platform::Host::create(ho);
  load_fonts();
  audio_ = std::make_unique<platform::AudioPlayer>(!opt_.headless);
  voice_ = std::make_unique<VoiceClips>(opt_.assets_dir + "/audio", installed_or("voice", SHUBBAK_VOICE_DIR));
  if (!config_.settings.printer_device.empty())
    printer_ = std::make_unique<TicketPrinter>(text::FontFiles::debian(), config_.settings.printer_device);
  if (!opt_.audit_file.empty()) ::mkdir(opt_.shots_dir.c_str(), 0755);
  audit_ = std::make_unique<AuditLog>(opt_.audit_file);

  role_ = open_role();
  if (!role_) role_ = out_of_service();
  log::info("kiosk started: role " + opt_.role + ", " + std::to_string(host_->width()) + "x" +
            std::to_string(host_->height()) + ", renderer " + host_->renderer_name());
}

KioskApp::~KioskApp() {
  role_.reset();
  if (host_) stats_.write(host_->renderer_name());
}

// A refused catalogue at start falls back on the last good copy (said in the log and, once the store is open, at
// the staff's desk); only with no good copy either is it a configuration error.
void KioskApp::load_config() {
  config_.dir = opt_.config_dir;
  config_.settings = Settings::load(opt_.config_dir + "/centre.conf");
  StartCatalogue c = load_catalogue_for_start(config_.settings.catalogue_file);
  config_.catalogue = std::move(c.catalogue);
  catalogue_refused_ = std::move(c.refused);
  config_.settings.sync.require_seal_key();
  // Ticket numbers restart at the centre's local midnight; printed times are local: the clock carries its zone.
  clock_ = SystemClock(config_.settings.zone);
}

ui::Metrics KioskApp::metrics() const {
  return ui::Metrics::for_screen(host_->width(), host_->height(), config_.settings.tuning);
}

// Font sizes from millimetres on this screen; glyphs from every text the screens can show.
void KioskApp::load_fonts() {
  text::FontSizes sizes = metrics().font_sizes();
  std::vector<std::string> texts;
  for (const auto& l : languages()) {
    texts.push_back(l.own_name);
    for (const auto& [k, v] : tr_.all(l.code)) texts.push_back(v);
    for (auto& t : config_.catalogue.all_texts(l.code)) texts.push_back(std::move(t));
    texts.push_back(config_.settings.centre_name.at(l.code));
  }
  texts.push_back("0123456789•·,.:-+()");
  std::vector<std::string> icons;
  size_t n_icons = 0;
  const Icon* all = all_icons(n_icons);
  for (size_t i = 0; i < n_icons; ++i) icons.push_back(icon_utf8(all[i].name));
  fonts_ = text::load_fonts(ImGui::GetIO().Fonts, text::FontFiles::debian(), sizes, texts, icons);
}

std::unique_ptr<Role> KioskApp::open_role() {
  try {
    // Only the visitor's kiosk repairs: two processes must not both move the file aside at boot.
    std::optional<std::string> aside;
    if (opt_.role == "visitor") aside = store::set_aside_if_damaged(opt_.data_dir, clock_.now());
    if (aside)
      log::error("the database was damaged: moved it to " + *aside +
                 " (kept for recovery, see docs/reliability.md) and started a fresh one");
    db_.emplace(store::open_store(opt_.data_dir));
    try {
      store_ = std::make_unique<KioskStore>(*db_, config_.catalogue, config_.settings);
    } catch (const std::invalid_argument& e) {
      throw ConfigError(opt_.config_dir + "/centre.conf", 0, "[sync] seal_public_key", e.what());
    }
    std::unique_ptr<Role> role = in_service_role();
    if (aside) store_->raise_alert("store_error", config_.settings.kiosk_id, clock_.now());
    if (store_down_) {
      log::info("the data store works again: back in service");
      store_->raise_alert("store_error", config_.settings.kiosk_id, clock_.now());  // staff: look at what happened
    }
    store_down_ = false;
    note_catalogue_state();
    return role;
  } catch (const store::StoreError& e) {
    if (!store_down_)
      log::error(std::string("out of service: cannot use the data store (") + store::fault_name(e.fault) + "): " +
                 e.what() + "; trying again every " + std::to_string(config_.settings.tuning.store_retry_seconds) +
                 " s");
    store_.reset();
    db_.reset();
    store_down_ = true;
    return nullptr;
  }
}

// The desk (shubbak-desk) shows it while a kiosk of the centre runs on its last good catalogue; it clears once one is accepted.
void KioskApp::note_catalogue_state() {
  if (catalogue_refused_.empty()) store_->resolve_alerts(kCatalogueAlert, clock_.now());
  else store_->raise_alert_once(kCatalogueAlert, config_.settings.kiosk_id, clock_.now());
}

// The one place that looks at --role (with out_of_service below).
std::unique_ptr<Role> KioskApp::in_service_role() {
  RoleContext ctx{config_, tr_, clock_, *audio_, *voice_, *audit_};
  if (opt_.role == "display") return std::make_unique<DisplayRole>(*db_, ctx);
  return std::make_unique<VisitorRole>(ctx, *store_, printer_.get());
}

std::unique_ptr<Role> KioskApp::out_of_service() {
  const std::string lang = config_.settings.default_lang;
  const int retry = config_.settings.tuning.store_retry_seconds;
  OutOfServiceRole::Face face;
  std::string screen;
  if (opt_.role == "display") {
    screen = "display_out_of_service";
    face = [](ui::Ui& ui) { ui::draw_display_out_of_service(ui); };
  } else {
    // The visitor: "go to the counter". Nothing she gave to keep, so no "try again".
    screen = shubbak::screen_name(Screen::StoreError);
    face = [this, state = FlowState{}](ui::Ui& ui) mutable {
      state.screen = Screen::StoreError;
      ui::Intents ignored;
      ui::draw_visitor(ui, {state, config_.catalogue, config_.settings, clock_.now(), false, true}, ignored);
    };
  }
  return std::make_unique<OutOfServiceRole>(screen, lang, std::move(face), clock_, retry, [this] { return open_role(); });
}

bool KioskApp::replace_role_if_due() {
  std::unique_ptr<Role> next = role_->successor();
  if (!next) return false;
  role_ = std::move(next);
  return true;
}

bool KioskApp::reload_catalogue_if_changed() {
  if (!role_->catalogue_may_change()) return false;
  auto fresh = catalogue_watcher_->poll();
  if (!fresh) return false;
  config_.catalogue = std::move(*fresh);  // the flows and the store hold a reference to this object
  text_cache_.clear();
  if (!catalogue_refused_.empty() && store_) {
    catalogue_refused_.clear();
    try {
      store_->resolve_alerts(kCatalogueAlert, clock_.now());
    } catch (const store::StoreError& e) {
      log::error(std::string("could not clear the counter's catalogue alert (") + store::fault_name(e.fault) + ")");
    }
  }
  return true;
}

// The store failed while a role was working (disk full, I/O error, a damaged page): the role goes, and its own
// out-of-service screen takes its place, trying again every store_retry_seconds. No exit, so no crash loop.
// (The visitor's role catches a failed save itself and keeps her details for "try again".)
bool KioskApp::survive_store_failure(const std::function<void()>& work) {
  try {
    work();
    return false;
  } catch (const store::StoreError& e) {
    log::error(std::string("out of service: the data store failed (") + store::fault_name(e.fault) + "): " +
               e.what() + "; trying again every " + std::to_string(config_.settings.tuning.store_retry_seconds) +
               " s");
    role_.reset();  // before the store it uses
    store_.reset();
    db_.reset();
    store_down_ = true;
    role_ = out_of_service();
    return true;
  }
}

void KioskApp::frame() {
  survive_store_failure([this] { draw_frame(); });
}

void KioskApp::draw_frame() {
  const auto start = Steady::now();
  host_->begin_frame(input_);
  const std::string lang = role_->lang();
  const Language* l = find_language(lang);
  ui::Ui ui(fonts_, text_cache_, tr_, lang, l && l->rtl, metrics(), host_->width(), host_->height());
  role_->draw(ui);
  host_->end_frame();
  stats_.frame(std::chrono::duration<double, std::milli>(Steady::now() - start).count());
  widgets_ = ui.widgets();
  if (stats_.first_frame_ms() == 0) {
    stats_.first_frame(std::chrono::duration<double, std::milli>(Steady::now() - kProcessStart).count());
    log::info("first frame after " + std::to_string(static_cast<int>(stats_.first_frame_ms())) + " ms");
  }
  role_->act();
}

void KioskApp::pass_time() {
  survive_store_failure([this] {
    replace_role_if_due();
    reload_catalogue_if_changed();
    role_->poll();
    role_->tick();
  });
}

void KioskApp::advance_clock(Seconds s) {
  clock_.advance(s);
  survive_store_failure([this] {
    replace_role_if_due();
    role_->tick();
  });
}

void KioskApp::shot(const std::string& name) {
  ::mkdir(opt_.shots_dir.c_str(), 0755);
  host_->screenshot(opt_.shots_dir + "/" + name + ".png");
  audit_->write({name, role_->screen_name(), role_->lang(), host_->width(), host_->height(), metrics().ppm}, widgets_);
}

int KioskApp::run() {
  if (!opt_.script.empty()) {
    ScriptRunner runner(*this, stats_);
    return runner.run(load_script(opt_.script), opt_.script);
  }
  return run_interactive();
}

// Sleeps until input, or the role's next tick while one of its timers runs. Idle with no timer: wakes every few
// seconds only to look at the catalogue file's date.
int KioskApp::run_interactive() {
  const int redraw_after = config_.settings.tuning.redraw_frames_after_event;
  int frames_owed = redraw_after;
  auto next_tick = Steady::now();
  for (;;) {
    if (frames_owed > 0 || opt_.continuous) {
      frame();
      --frames_owed;
    }
    int timeout = kCatalogueCheckMs;
    if (opt_.continuous || frames_owed > 0 || !input_.empty()) timeout = 0;
    else if (role_->timers_active())
      timeout = static_cast<int>(std::max<long>(
          0, std::chrono::duration_cast<std::chrono::milliseconds>(next_tick - Steady::now()).count()));
    platform::Wake wake = host_->wait(timeout, input_);
    if (wake.quit) {
      log::info("quitting");
      return 0;
    }
    if (wake.input) frames_owed = redraw_after;
    if (wake.redraw) frames_owed = redraw_after;
    bool redraw = !input_.empty();
    redraw = survive_store_failure([&] {
      if (wake.input) role_->touch();
      redraw = reload_catalogue_if_changed() || redraw;
      redraw = role_->poll() || redraw;  // another process wrote: show it
      redraw = replace_role_if_due() || redraw;
      if (role_->timers_active() && Steady::now() >= next_tick) {
        next_tick = Steady::now() + std::chrono::milliseconds(role_->tick_ms());
        redraw = role_->tick() || redraw;
      }
    }) || redraw;
    if (redraw) frames_owed = std::max(frames_owed, 1);
  }
}

}  // namespace shubbak::app
