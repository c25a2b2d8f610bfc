#include "kiosk/app/kiosk_app.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "store/data_dir.hpp"
#include "common/icons.hpp"
#include "common/languages.hpp"
#include "common/install_paths.hpp"
#include "common/log.hpp"
#include "store/recovery.hpp"
#include "common/utf8.hpp"
#include "kiosk/ui/visitor_view.hpp"

#ifndef SHUBBAK_VOICE_DIR
#define SHUBBAK_VOICE_DIR "audio"
#endif
#ifndef SHUBBAK_ASSETS_DIR
#define SHUBBAK_ASSETS_DIR "assets"
#endif

namespace shubbak::app {

using Clock = std::chrono::steady_clock;
static const auto kProcessStart = Clock::now();
static constexpr int kCatalogueCheckMs = 5000;

class ScriptFailure : public std::runtime_error {
 public:
  ScriptFailure(int line, const std::string& msg) : std::runtime_error("line " + std::to_string(line) + ": " + msg) {}
};

static std::string hex(ui::Color c) {
  char b[8];
  std::snprintf(b, sizeof b, "#%02x%02x%02x", c.r, c.g, c.b);
  return b;
}

KioskApp::KioskApp(const Options& opt) : opt_(opt) {
  if (opt_.assets_dir.empty()) opt_.assets_dir = installed_or("assets", SHUBBAK_ASSETS_DIR);
  voice_dir_ = installed_or("voice", SHUBBAK_VOICE_DIR);
  config_ = CentreConfig::load(opt_.config_dir);
  config_.settings.sync.require_seal_key();
  // Ticket numbers restart at the centre's local midnight; printed times are local: the clock carries its zone.
  clock_ = SystemClock(config_.settings.zone);
  tr_ = Translations::load(opt_.assets_dir + "/i18n");
  if (!opt_.lang.empty() && !find_language(opt_.lang))
    throw UsageError("--lang must be one of ar, zgh, fr (not '" + opt_.lang + "')");
  flow_ = std::make_unique<VisitorFlow>(config_.catalogue, config_.settings, !config_.settings.printer_device.empty());
  state_ = flow_->initial(clock_.now());
  catalogue_watcher_ = std::make_unique<CatalogueWatcher>(config_.settings.catalogue_file);
  // --lang sets the language the kiosk shows before a visitor chooses (and returns to after her).
  if (!opt_.lang.empty()) config_.settings.default_lang = opt_.lang;

  // Headless: SIGTERM/SIGINT are waited for (see platform::wait_event), not handled by SDL.
  if (opt_.headless) {
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    platform::block_quit_signals();
  }
  // Locked down: closing the window (a window manager's button, Alt+F4) does not end the kiosk; only SIGTERM
  // (systemctl stop) does. --windowed is the developer's mode and closes normally.
  if (!opt_.windowed) SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
  if (SDL_Init(SDL_INIT_EVENTS) != 0) throw platform::PlatformError(std::string("SDL: ") + SDL_GetError());
  platform::WindowOptions wo;
  wo.width = opt_.width;
  wo.height = opt_.height;
  wo.headless = opt_.headless;
  wo.fullscreen = !opt_.windowed;
  wo.software = opt_.software;
  window_ = platform::Window::create(wo);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no files written behind the operator's back
  io.LogFilename = nullptr;
  platform::InputQueue::setup_keymap(io);
  ImGui::StyleColorsLight();
  ImGui::GetStyle().WindowPadding = ImVec2(0, 0);
  ImGui::GetStyle().WindowBorderSize = 0;

  // Font sizes from millimetres on this screen; glyphs from every text the screens can show.
  ui::Metrics m = ui::Metrics::for_screen(window_->width(), window_->height(),
                                          config_.settings.tuning.screen_diagonal_inches);
  text::FontSizes sizes;
  sizes.body = std::round(m.px(ui::mm::kBodyText));
  sizes.title = std::round(m.px(ui::mm::kTitleText));
  sizes.huge = std::round(m.px(ui::mm::kHugeText));
  sizes.icon = std::round(m.px(ui::mm::kIcon));
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
  fonts_ = text::load_fonts(io.Fonts, text::FontFiles::debian(), sizes, texts, icons);
  ImGui_ImplSDLRenderer_Init(window_->renderer());
  audio_ = std::make_unique<platform::AudioPlayer>(!opt_.headless);
  if (!config_.settings.printer_device.empty())
    printer_ = std::make_unique<TicketRasteriser>(text::FontFiles::debian());

  if (!opt_.audit_file.empty()) {
    ::mkdir(opt_.shots_dir.c_str(), 0755);
    audit_ = std::fopen(opt_.audit_file.c_str(), "w");
    if (!audit_) throw UsageError("cannot write the audit file " + opt_.audit_file);
  }
  attach_store();
  log::info("kiosk started: role " + opt_.role + ", " + std::to_string(window_->width()) + "x" +
            std::to_string(window_->height()) + ", renderer " + window_->renderer_name());
}

KioskApp::~KioskApp() {
  if (audit_) std::fclose(audit_);
  if (!opt_.frame_stats.empty()) {
    auto pct = [](std::vector<double> v, double p) {
      if (v.empty()) return 0.0;
      std::sort(v.begin(), v.end());
      return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
    };
    nlohmann::json j = {{"renderer", window_ ? window_->renderer_name() : ""},
                        {"first_frame_ms", first_frame_ms_},
                        {"frames", frame_ms_.size()},
                        {"frame_p50_ms", pct(frame_ms_, 0.50)},
                        {"frame_p95_ms", pct(frame_ms_, 0.95)},
                        {"frame_max_ms", pct(frame_ms_, 1.0)},
                        {"taps", tap_ms_.size()},
                        {"tap_p50_ms", pct(tap_ms_, 0.50)},
                        {"tap_p95_ms", pct(tap_ms_, 0.95)},
                        {"tap_max_ms", pct(tap_ms_, 1.0)}};
    if (FILE* f = std::fopen(opt_.frame_stats.c_str(), "w")) {
      std::string s = j.dump(0) + "\n";
      std::fwrite(s.data(), 1, s.size(), f);
      std::fclose(f);
    }
  }
  ImGui_ImplSDLRenderer_Shutdown();
  ImGui::DestroyContext();
  window_.reset();
  SDL_Quit();
}

bool KioskApp::attach_store() {
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
    if (opt_.role == "counter") counter_ = std::make_unique<CounterController>(*db_, config_, clock_);
    if (opt_.role == "display")
      display_ = std::make_unique<DisplayController>(
          *db_, clock_, *audio_, [this](const std::string& l, const std::string& k) { return clip_for(l, k); },
          [this](const std::string& what) {
            prompts_played_.push_back(what);
            log::info(what);
          });
    if (aside) store_->raise_alert("store_error", config_.settings.kiosk_id, clock_.now());
    if (store_down_) {
      log::info("the data store works again: back in service");
      store_->raise_alert("store_error", config_.settings.kiosk_id, clock_.now());  // staff: look at what happened
      state_ = flow_->initial(clock_.now());
    }
    store_down_ = false;
    return true;
  } catch (const store::StoreError& e) {
    if (!store_down_)
      log::error(std::string("out of service: cannot use the data store (") + store::fault_name(e.fault) + "): " +
                 e.what() + "; trying again every " + std::to_string(config_.settings.tuning.store_retry_seconds) +
                 " s");
    counter_.reset();
    display_.reset();
    store_.reset();
    db_.reset();
    store_down_ = true;
    state_ = flow_->initial(clock_.now());
    state_.screen = Screen::StoreError;  // no details to keep: no "try again", only "go to the counter"
    next_store_attempt_ = clock_.now() + std::chrono::seconds(config_.settings.tuning.store_retry_seconds);
    return false;
  }
}

bool KioskApp::retry_store() {
  if (!store_down_ || clock_.now() < next_store_attempt_) return false;
  return attach_store();
}

std::string KioskApp::current_lang() const {
  if (counter_ && !counter_->state().lang.empty()) return counter_->state().lang;
  return state_.lang.empty() ? config_.settings.default_lang : state_.lang;
}

void KioskApp::frame() {
  static auto last = Clock::now();
  auto now = Clock::now();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(window_->width()), static_cast<float>(window_->height()));
  io.DeltaTime = std::max(1e-4f, std::chrono::duration<float>(now - last).count());
  last = now;
  input_.apply(io);

  ImGui_ImplSDLRenderer_NewFrame();
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("root", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  const std::string lang = current_lang();
  const Language* l = find_language(lang);
  ui::Ui ui(fonts_, text_cache_, tr_, lang, l && l->rtl,
            ui::Metrics::for_screen(window_->width(), window_->height(), config_.settings.tuning.screen_diagonal_inches),
            window_->width(), window_->height());
  ui::Intents intents;
  ui::CounterIntents counter_intents;
  if (counter_) {
    counter_->draw(ui, counter_intents);
  } else if (display_) {
    ui::draw_display(ui, display_->calls());
  } else {
    ui::VisitorView view{state_, config_.catalogue, config_.settings, clock_.now(),
                         !state_.lang.empty() && !clip_for(state_.lang, VisitorFlow::prompt_key(state_)).empty()};
    ui::draw_visitor(ui, view, intents);
  }
  ImGui::End();
  ImGui::Render();
  SDL_SetRenderDrawColor(window_->renderer(), 0xF7, 0xF4, 0xEC, 255);
  SDL_RenderClear(window_->renderer());
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
  window_->present();
  if (!opt_.frame_stats.empty()) frame_ms_.push_back(std::chrono::duration<double, std::milli>(Clock::now() - now).count());
  widgets_ = ui.widgets();
  if (first_frame_ms_ == 0) {
    first_frame_ms_ = std::chrono::duration<double, std::milli>(Clock::now() - kProcessStart).count();
    log::info("first frame after " + std::to_string(static_cast<int>(first_frame_ms_)) + " ms");
  }
  for (const auto& e : intents) dispatch(e);
  for (const auto& e : counter_intents) counter_->dispatch(e);
}

std::string KioskApp::current_screen() const {
  if (display_) return "display";
  return counter_ ? counter_screen_name(counter_->state().screen) : screen_name(state_.screen);
}

void KioskApp::touch() {
  if (counter_) counter_->dispatch(cev::Touch{});
  else dispatch(ev::Touch{});
}

void KioskApp::dispatch(const Event& e) {
  Step step = flow_->handle(state_, e, clock_.now());
  Screen before = state_.screen;
  state_ = std::move(step.state);
  // Out of service until the store opens again: whatever times out, this is what the screen says.
  if (store_down_) state_.screen = Screen::StoreError;
  if (state_.screen != before) log::debug(std::string("screen ") + screen_name(state_.screen));
  for (const auto& fx : step.effects) perform(fx);
}

void KioskApp::perform(const Effect& effect) {
  if (!store_ && (std::holds_alternative<fx::IssueTicket>(effect) || std::holds_alternative<fx::LookupVisitor>(effect) ||
                  std::holds_alternative<fx::RaiseAlert>(effect))) {
    if (std::holds_alternative<fx::IssueTicket>(effect)) dispatch(ev::StoreFailed{});
    if (std::holds_alternative<fx::LookupVisitor>(effect)) dispatch(ev::VisitorNotFound{});
    return;
  }
  if (auto* issue = std::get_if<fx::IssueTicket>(&effect)) {
    IssueRequest req;
    req.service_id = issue->service_id;
    req.new_visitor = issue->visitor;
    req.existing_visitor_id = issue->existing_visitor_id;
    req.priority = issue->priority;
    try {
      IssuedTicket t = store_->issue(req, clock_.now());
      log::info("ticket " + t.number + " issued");  // the number only: no personal data, no service
      dispatch(ev::TicketIssued{t});
    } catch (const store::StoreError& err) {
      log::error(std::string("could not save a ticket (") + store::fault_name(err.fault) + "): " + err.what());
      dispatch(ev::StoreFailed{});
    }
  } else if (auto* look = std::get_if<fx::LookupVisitor>(&effect)) {
    try {
      if (auto id = store_->find_visitor(look->kind, look->normalized)) dispatch(ev::VisitorFound{*id});
      else dispatch(ev::VisitorNotFound{});
    } catch (const store::StoreError& err) {
      log::error(std::string("could not look up a registration (") + store::fault_name(err.fault) + "): " + err.what());
      dispatch(ev::VisitorNotFound{});
    }
  } else if (auto* alert = std::get_if<fx::RaiseAlert>(&effect)) {
    try {
      store_->raise_alert(alert->kind, config_.settings.kiosk_id, clock_.now());
      log::info("alert raised for the counter: " + alert->kind);
    } catch (const store::StoreError& err) {
      log::error("could not record an alert (" + std::string(store::fault_name(err.fault)) + "): " + err.what());
    }
  } else if (auto* p = std::get_if<fx::PlayPrompt>(&effect)) {
    std::string clip = clip_for(p->lang, p->key);
    prompts_played_.push_back(p->lang + "/" + p->key + (clip.empty() ? " (no clip)" : ""));
    if (!clip.empty()) audio_->play(clip);
  } else if (auto* pt = std::get_if<fx::PrintTicket>(&effect)) {
    if (!print(pt->ticket, pt->lang)) dispatch(ev::PrintFailed{});
  }
}

// Only between visitors: a catalogue never changes under someone's finger.
void KioskApp::reload_catalogue_if_changed() {
  if (state_.screen != Screen::Welcome || state_.saving) return;
  if (auto fresh = catalogue_watcher_->poll()) {
    config_.catalogue = std::move(*fresh);  // the flow and the store hold a reference to this object
    text_cache_.clear();
  }
}

// The printed ticket says what the screen says; a sensitive one only the number.
bool KioskApp::print(const IssuedTicket& t, const std::string& lang) {
  const Language* l = find_language(lang);
  const bool rtl = l && l->rtl;
  std::vector<PrintLine> lines = {{config_.settings.centre_name.at(lang), 28, rtl},
                                  {tr_.get(lang, "ticket.title"), 28, rtl},
                                  {t.number, 120, false}};
  const Service* s = config_.catalogue.service(t.service_id);
  if (!t.sensitive && s) {
    lines.push_back({s->title.at(lang), 30, rtl});
    std::string list;
    for (int c : t.counters) list += (list.empty() ? "" : tr_.get(lang, "list.separator")) + std::to_string(c);
    if (!list.empty()) lines.push_back({format(tr_.get(lang, "ticket.counter"), {{"counter", list}}), 30, rtl});
  }
  lines.push_back({local_day(clock_.now(), clock_.zone()) + "  " + local_hhmm(clock_.now(), clock_.zone()), 26, false});
  lines.push_back({tr_.get(lang, ui::N_("ticket.keep")), 26, rtl});
  std::string job = escpos_job(printer_->render(lines, 576));
  int fd = ::open(config_.settings.printer_device.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  bool ok = fd >= 0 && ::write(fd, job.data(), job.size()) == static_cast<ssize_t>(job.size());
  if (fd >= 0) ::close(fd);
  if (!ok) log::error("the ticket printer did not take the ticket (" + config_.settings.printer_device +
                      "): check paper and cable");
  return ok;
}

std::string KioskApp::clip_for(const std::string& lang, const std::string& key) {
  std::string id = lang + "/" + key;
  auto it = clip_cache_.find(id);
  if (it != clip_cache_.end()) return it->second;
  std::string found;
  for (const std::string& dir : {opt_.assets_dir + "/audio", voice_dir_}) {
    std::string path = dir + "/" + id + ".wav";
    if (::access(path.c_str(), R_OK) == 0) {
      found = path;
      break;
    }
  }
  return clip_cache_[id] = found;
}

bool KioskApp::timers_active() const {
  if (counter_ || display_ || store_down_) return true;  // idle sign-out, other processes' writes to show, calls to say
  return state_.screen != Screen::Welcome || state_.saving;
}

int KioskApp::run() {
  if (!opt_.script.empty()) return run_script(load_script(opt_.script));
  return run_interactive();
}

int KioskApp::run_interactive() {
  const int redraw_after = config_.settings.tuning.redraw_frames_after_event;
  int frames_owed = redraw_after;
  auto next_tick = Clock::now();
  while (!quit_) {
    if (frames_owed > 0 || opt_.continuous) {
      frame();
      --frames_owed;
    }
    // Sleep until input, or the next second when a countdown or idle timer runs. Nothing else wakes us.
    // Idle on the welcome screen: wake every few seconds only to look at the catalogue file's date.
    int timeout = kCatalogueCheckMs;
    if (opt_.continuous || frames_owed > 0 || !input_.empty()) timeout = 0;
    else if (timers_active())
      timeout = static_cast<int>(std::max<long>(0, std::chrono::duration_cast<std::chrono::milliseconds>(
                                                       next_tick - Clock::now()).count()));
    SDL_Event e;
    bool got = platform::wait_event(*window_, e, timeout);
    while (got) {
      if (e.type == SDL_QUIT) {
        quit_ = true;
        log::info("quitting");
      }
      if (input_.push_sdl(e)) {
        frames_owed = redraw_after;
        touch();
      }
      if (e.type == SDL_WINDOWEVENT) frames_owed = redraw_after;
      if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE && !opt_.windowed)
        log::warn("a request to close the kiosk window was ignored (stop it with systemctl stop)");
      got = !window_->headless() && SDL_PollEvent(&e);
    }
    if (!input_.empty()) frames_owed = std::max(frames_owed, 1);
    if (state_.screen == Screen::Welcome) {
      size_t before = text_cache_.size();
      reload_catalogue_if_changed();
      if (text_cache_.size() != before) frames_owed = std::max(frames_owed, 1);
    }
    if (counter_ && counter_->poll()) frames_owed = std::max(frames_owed, 1);  // the kiosk wrote: show it
    if (display_) {
      if (display_->poll()) frames_owed = std::max(frames_owed, 1);
      display_->speak_next();
    }
    if (retry_store()) frames_owed = std::max(frames_owed, 1);
    if (timers_active() && Clock::now() >= next_tick) {
      next_tick = Clock::now() + std::chrono::milliseconds(counter_ || display_ ? config_.settings.tuning.data_version_poll_ms
                                                                                : 1000);
      if (display_) continue;
      if (counter_) {
        CounterScreen was = counter_->state().screen;
        counter_->dispatch(cev::Tick{});
        if (counter_->state().screen != was) frames_owed = std::max(frames_owed, 1);
        continue;
      }
      Screen before = state_.screen;
      dispatch(ev::Tick{});
      // Countdowns show seconds: redraw once a second while one runs.
      if (state_.screen != before || state_.screen == Screen::MoreTime || state_.screen == Screen::Ticket)
        frames_owed = std::max(frames_owed, 1);
    }
  }
  return 0;
}

const ui::WidgetRecord* KioskApp::find_widget(const std::string& id) const {
  for (const auto& w : widgets_)
    if (w.id == id) return &w;
  return nullptr;
}

void KioskApp::tap(const std::string& id, int line) {
  const ui::WidgetRecord* w = find_widget(id);
  if (!w || w->role != "button") {
    std::string ids;
    for (const auto& x : widgets_)
      if (x.role == "button") ids += (ids.empty() ? "" : ", ") + x.id;
    throw ScriptFailure(line, "tap " + id + ": no such button on screen '" + current_screen() +
                                  "' (buttons here: " + ids + ")");
  }
  const auto start = Clock::now();
  const std::string screen_before = current_screen();
  float x = w->rect.x + w->rect.w / 2, y = w->rect.y + w->rect.h / 2;
  input_.move(x, y);
  input_.button(true);
  input_.button(false);
  touch();
  // Press, release, then one frame to show the result of the intent.
  while (!input_.empty()) frame();
  frame();
  // A tap that changes the screen: from the finger to the new screen drawn (this frame shows it).
  if (!opt_.frame_stats.empty() && current_screen() != screen_before)
    tap_ms_.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  frame();
}

// Types through the on-screen keyboard: each character is a tap on its key, switching shift or layout as a person
// would when the key is not on the keyboard shown.
void KioskApp::type(const std::string& text, int line) {
  for (char32_t c : utf8_to_u32(text)) {
    char id[16];
    std::snprintf(id, sizeof id, "key.u%04X", static_cast<unsigned>(c));
    std::string key = c == U' ' ? "key.space" : id;
    auto try_shift = [&] {
      if (find_widget(key) || !find_widget("key.shift")) return;
      tap("key.shift", line);
      if (!find_widget(key)) tap("key.shift", line);  // not there either: shift off again
    };
    try_shift();
    for (const char* layout : {"ar", "fr", "zgh"}) {
      if (find_widget(key)) break;
      std::string sw = std::string("key.layout.") + layout;
      if (!find_widget(sw)) continue;
      tap(sw, line);
      try_shift();
    }
    if (!find_widget(key))
      throw ScriptFailure(line, "type: no key for '" + u32_to_utf8(std::u32string(1, c)) + "' on any keyboard here");
    tap(key, line);
  }
}

void KioskApp::write_audit(const std::string& shot) {
  if (!audit_) return;
  nlohmann::json j;
  j["shot"] = shot;
  j["screen"] = current_screen();
  j["lang"] = current_lang();
  j["size"] = {window_->width(), window_->height()};
  j["px_per_mm"] = ui::Metrics::for_screen(window_->width(), window_->height(),
                                           config_.settings.tuning.screen_diagonal_inches).ppm;
  auto& ws = j["widgets"] = nlohmann::json::array();
  for (const auto& w : widgets_)
    ws.push_back({{"id", w.id},
                  {"role", w.role},
                  {"label", w.label},
                  {"rect", {w.rect.x, w.rect.y, w.rect.w, w.rect.h}},
                  {"fg", hex(w.fg)},
                  {"bg", hex(w.bg)},
                  {"text_px", w.text_px}});
  j["prompts"] = prompts_played_;
  prompts_played_.clear();
  std::string line = j.dump() + "\n";
  std::fwrite(line.data(), 1, line.size(), audit_);
  std::fflush(audit_);
}

int KioskApp::run_script(const std::vector<Command>& cmds) {
  frame();
  frame();
  try {
    for (const auto& c : cmds) {
      switch (c.kind) {
        case Command::Tap: tap(c.arg, c.line); break;
        case Command::Type: type(c.arg, c.line); break;
        case Command::Wait:
        case Command::Until:
        case Command::AwaitFile: {
          // Real time passes as on the kiosk: timers tick, other processes' writes are picked up, frames drawn.
          auto until = Clock::now() + std::chrono::milliseconds(c.kind == Command::Wait    ? c.number
                                                                : c.kind == Command::Until ? 15000
                                                                                           : 30000);
          auto done = [&] {
            if (c.kind == Command::AwaitFile) return ::access(c.arg.c_str(), F_OK) == 0;
            const ui::WidgetRecord* w = find_widget(c.arg);
            return c.kind == Command::Until && w && w->label == c.text;
          };
          while (Clock::now() < until && !done()) {
            retry_store();
            reload_catalogue_if_changed();
            if (counter_) {
              counter_->poll();
              counter_->dispatch(cev::Tick{});
            } else if (display_) {
              display_->poll();
              display_->speak_next();
            } else {
              dispatch(ev::Tick{});
            }
            frame();
            if (done()) break;
            std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
                std::chrono::milliseconds(config_.settings.tuning.data_version_poll_ms), until - Clock::now()));
          }
          frame();
          if (c.kind == Command::AwaitFile && !done())
            throw ScriptFailure(c.line, "await-file: " + c.arg + " did not appear within 30 s");
          if (c.kind == Command::Until && !done()) {
            const ui::WidgetRecord* w = find_widget(c.arg);
            throw ScriptFailure(c.line, "until: " + c.arg + " did not read '" + c.text + "' within 15 s (it reads '" +
                                            (w ? w->label : std::string("<absent>")) + "')");
          }
          break;
        }
        case Command::Clock:
          clock_.advance(std::chrono::seconds(c.number));
          retry_store();
          if (counter_) counter_->dispatch(cev::Tick{});
          else if (!display_) dispatch(ev::Tick{});
          frame();
          frame();
          break;
        case Command::Shot: {
          frame();
          ::mkdir(opt_.shots_dir.c_str(), 0755);
          window_->screenshot(opt_.shots_dir + "/" + c.arg + ".png");
          write_audit(c.arg);
          break;
        }
        case Command::ExpectScreen:
          if (c.arg != current_screen())
            throw ScriptFailure(c.line, "expected screen '" + c.arg + "' but the screen is '" + current_screen() + "'");
          break;
        case Command::ExpectText: {
          const ui::WidgetRecord* w = find_widget(c.arg);
          if (!w) throw ScriptFailure(c.line, "expect text: no widget '" + c.arg + "' on screen '" + current_screen() + "'");
          if (w->label != c.text)
            throw ScriptFailure(c.line, "expected " + c.arg + " to read '" + c.text + "' but it reads '" + w->label + "'");
          break;
        }
      }
    }
  } catch (const ScriptFailure& f) {
    std::fprintf(stderr, "shubbak-kiosk: script %s: %s\n", opt_.script.c_str(), f.what());
    return 1;
  }
  return 0;
}

}  // namespace shubbak::app
