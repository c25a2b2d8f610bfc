// Wires everything for one kiosk process: config, store, flow, window, fonts, screens, and the loop
// (event-waiting when interactive, command by command under an automation script).
#pragma once
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/platform/audio.hpp"
#include "kiosk/app/catalogue_watcher.hpp"
#include "kiosk/app/counter_controller.hpp"
#include "kiosk/app/display_controller.hpp"
#include "store/database.hpp"
#include "kiosk/core/flow.hpp"
#include "kiosk/core/i18n.hpp"
#include "kiosk/platform/input.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/ui/kit.hpp"
#include "kiosk/app/options.hpp"
#include "kiosk/app/script.hpp"
#include "common/centre_settings.hpp"
#include "kiosk/text/text_cache.hpp"
#include "kiosk/app/ticket_printer.hpp"
#include "kiosk/platform/window.hpp"

namespace shubbak::app {

class KioskApp {
 public:
  explicit KioskApp(const Options& opt);
  ~KioskApp();
  int run();

  // First frame drawn, in ms since process start (performance log).
  double first_frame_ms() const { return first_frame_ms_; }

 private:
  void frame();
  void dispatch(const Event& e);
  void perform(const Effect& e);
  int run_interactive();
  int run_script(const std::vector<Command>& cmds);
  void tap(const std::string& id, int line);
  void type(const std::string& text, int line);
  void write_audit(const std::string& shot);
  std::string current_lang() const;
  std::string current_screen() const;
  void touch();
  const ui::WidgetRecord* find_widget(const std::string& id) const;
  bool timers_active() const;
  // Opens the store and what works on it (ticket writer, counter, display). On failure: logs it for the operator,
  // shows the out-of-service screen and returns false; retry_store() tries again every store_retry_seconds.
  bool attach_store();
  bool retry_store();
  // The clip for a spoken key: a recorded one (assets/audio/<lang>/<key>.wav) wins over a synthetic one.
  std::string clip_for(const std::string& lang, const std::string& key);
  void reload_catalogue_if_changed();

  Options opt_;
  CentreConfig config_;
  Translations tr_;
  SystemClock clock_;
  std::optional<store::Database> db_;
  std::unique_ptr<KioskStore> store_;
  std::unique_ptr<VisitorFlow> flow_;
  std::unique_ptr<CounterController> counter_;  // --role counter
  std::unique_ptr<DisplayController> display_;  // --role display
  FlowState state_;
  std::unique_ptr<platform::Window> window_;
  platform::InputQueue input_;
  text::FontSet fonts_;
  text::TextCache text_cache_;
  std::vector<ui::WidgetRecord> widgets_;
  std::unique_ptr<CatalogueWatcher> catalogue_watcher_;
  std::unique_ptr<platform::AudioPlayer> audio_;
  std::unique_ptr<TicketRasteriser> printer_;  // only when a printer is configured
  bool print(const IssuedTicket& t, const std::string& lang);
  std::map<std::string, std::string> clip_cache_;
  std::vector<std::string> prompts_played_;  // since the last shot (audit)
  std::FILE* audit_ = nullptr;
  double first_frame_ms_ = 0;
  std::vector<double> frame_ms_, tap_ms_;  // --frame-stats
  bool quit_ = false;
  bool store_down_ = false;
  std::string voice_dir_;  // synthetic clips (recorded ones in assets/audio win)
  TimePoint next_store_attempt_{};
};

}  // namespace shubbak::app
