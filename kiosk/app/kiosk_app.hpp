// Wires everything for one kiosk process: configuration, store, window, fonts, the role (visitor or
// display, or its out-of-service screen), and the loop — event-waiting when interactive, command by command under
// an automation script. The role is chosen in one place (open_role / out_of_service); the loop never asks which.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/centre_settings.hpp"
#include "kiosk/app/audit_log.hpp"
#include "kiosk/app/catalogue_watcher.hpp"
#include "kiosk/app/frame_stats.hpp"
#include "kiosk/app/options.hpp"
#include "kiosk/app/role.hpp"
#include "kiosk/app/role_context.hpp"
#include "kiosk/app/script_runner.hpp"
#include "kiosk/app/ticket_printer.hpp"
#include "kiosk/app/voice_clips.hpp"
#include "common/i18n.hpp"
#include "kiosk/platform/audio.hpp"
#include "kiosk/platform/host.hpp"
#include "kiosk/platform/input.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/text/text_cache.hpp"
#include "store/database.hpp"

namespace shubbak::app {

class KioskApp final : private ScriptTarget {
 public:
  explicit KioskApp(const Options& opt);
  ~KioskApp() override;
  int run();

 private:
  // ScriptTarget: what an automation script drives.
  void frame() override;
  void draw_frame();
  // Runs work; if the store fails inside it, puts the role's out-of-service screen in its place (true).
  bool survive_store_failure(const std::function<void()>& work);
  void touch() override { role_->touch(); }
  platform::InputQueue& input() override { return input_; }
  const std::vector<ui::WidgetRecord>& widgets() const override { return widgets_; }
  std::string screen() const override { return role_->screen_name(); }
  void pass_time() override;
  void advance_clock(Seconds s) override;
  void shot(const std::string& name) override;
  int poll_ms() const override { return config_.settings.tuning.data_version_poll_ms; }

  void load_config();
  void load_fonts();
  int run_interactive();
  // Opens the store and the role that works on it; null (logged for the operator) when the store cannot be used.
  std::unique_ptr<Role> open_role();
  std::unique_ptr<Role> in_service_role();
  // The role's own out-of-service screen; it calls open_role() again every store_retry_seconds.
  std::unique_ptr<Role> out_of_service();
  // True when the role gave way to another (back in service).
  bool replace_role_if_due();
  // Only when the role allows it: a catalogue never changes under someone's finger. True when one was taken.
  bool reload_catalogue_if_changed();
  void note_catalogue_state();
  ui::Metrics metrics() const;

  Options opt_;
  CentreConfig config_;
  std::string catalogue_refused_;  // why catalog.conf was refused at start (running on the last good copy)
  Translations tr_;
  SystemClock clock_;
  std::unique_ptr<platform::Host> host_;
  platform::InputQueue input_;
  text::FontSet fonts_;
  text::TextCache text_cache_;
  std::vector<ui::WidgetRecord> widgets_;
  std::unique_ptr<platform::AudioPlayer> audio_;
  std::unique_ptr<VoiceClips> voice_;
  std::unique_ptr<AuditLog> audit_;
  FrameStats stats_;
  std::unique_ptr<CatalogueWatcher> catalogue_watcher_;
  std::unique_ptr<TicketPrinter> printer_;  // only when a printer is configured
  std::optional<store::Database> db_;
  std::unique_ptr<KioskStore> store_;
  std::unique_ptr<Role> role_;
  bool store_down_ = false;
};

}  // namespace shubbak::app
