// The [sms] section of centre.conf: messages to her phone through the centre's own GSM modem (gammu-smsd's files
// spool; docs/sms.md). Every tuning constant of the notifier (shubbak-sms) has its default here, in one place.
#pragma once
#include <map>
#include <string>

#include "common/config_file.hpp"

namespace shubbak {

// The longest centre name an SMS may carry (characters, per language): every default text stays within one
// segment (70 UCS-2 characters) with a name this long (tests/unit/sms_texts_test.cpp).
inline constexpr int kSmsMaxCentreName = 20;

struct SmsSettings {
  bool enabled = false;          // no [sms] section: no message is queued or written
  std::string spool;             // gammu-smsd's spool folder: outbox/, sent/, error/ inside (its smsdrc's paths)
  std::map<std::string, std::string> name;  // the centre's name in messages, per language (default: [centre] name)
  bool tamazight_latin = false;  // tamazight_script = latin: zgh messages in Latin letters (phones without Tifinagh)
  int reminder_hour = 18;        // the evening before an appointment, from this local hour
  int quiet_start_minute = 21 * 60;  // no message is written between quiet_start and quiet_end (local "HH:MM")
  int quiet_end_minute = 8 * 60;
  int max_attempts = 3;          // gammu put it in error/ this many times: failed, shown at the desk
  int retry_seconds = 120;       // wait before writing a failed message again
  int poll_ms = 2000;            // how often shubbak-sms looks at the store and at gammu's folders
  int modem_silent_seconds = 90; // a file gammu has not taken for this long: "the SMS modem is not answering"
  std::pair<std::string, int> where;  // file and line of [sms] (0: absent), for messages

  // Reads [sms] of doc; `centre_name` is [centre] name, the default. Throws ConfigError naming file, line and key.
  static SmsSettings from_section(const ConfigDocument& doc, const ConfigSection& sec,
                                  const std::map<std::string, std::string>& centre_name);
  // Minutes since local midnight in quiet hours (the span may cross midnight).
  bool quiet_at(int minute_of_day) const;
};

}  // namespace shubbak
