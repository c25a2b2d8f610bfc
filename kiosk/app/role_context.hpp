// What every role works with. Owned by KioskApp, which outlives its roles.
#pragma once
#include "common/centre_settings.hpp"
#include "common/clock.hpp"
#include "kiosk/app/audit_log.hpp"
#include "kiosk/app/voice_clips.hpp"
#include "common/i18n.hpp"
#include "kiosk/platform/audio.hpp"

namespace shubbak::app {

struct RoleContext {
  CentreConfig& config;  // its catalogue is replaced in place between visitors (the flows hold references to it)
  const Translations& tr;
  const Clock& clock;
  platform::AudioPlayer& audio;
  VoiceClips& voice;
  AuditLog& audit;  // prompts played and calls announced, for the automation's audit
};

}  // namespace shubbak::app
