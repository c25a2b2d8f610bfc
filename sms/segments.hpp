// How long an SMS is on the air: GSM-7 (160 characters in one segment, 153 in each part of a longer one; the
// extension characters € [ ] { } etc. count twice) when every character is in the GSM 03.38 alphabet, else UCS-2
// (70, then 67 per part). gammu-smsd's `auto` transmit format picks the same way and sends a longer text as a
// concatenated SMS (several segments her phone joins).
#pragma once
#include <string>

namespace shubbak::sms {

struct SmsLength {
  bool gsm7 = false;  // every character is in the GSM 7-bit alphabet
  int units = 0;      // septets (GSM-7) or UTF-16 code units (UCS-2)
  int segments = 1;
};

inline constexpr int kGsm7Single = 160, kGsm7Part = 153, kUcs2Single = 70, kUcs2Part = 67;

SmsLength sms_length(const std::string& utf8);

}  // namespace shubbak::sms
