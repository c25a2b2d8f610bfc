#include "sms/segments.hpp"

#include "common/utf8.hpp"

namespace shubbak::sms {

namespace {

// GSM 03.38 basic character set (one septet each) and its extension table (escape + one septet).
const std::u32string& gsm_basic() {
  static const std::u32string s =
      U"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
      U"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  return s;
}
const std::u32string& gsm_extension() {
  static const std::u32string s = U"\f^{}\\[~]|€";
  return s;
}

int segments_for(int units, int single, int part) { return units <= single ? 1 : (units + part - 1) / part; }

}  // namespace

SmsLength sms_length(const std::string& utf8) {
  const std::u32string text = utf8_to_u32(utf8);
  SmsLength r;
  int septets = 0;
  r.gsm7 = true;
  for (char32_t c : text) {
    if (gsm_basic().find(c) != std::u32string::npos) septets += 1;
    else if (gsm_extension().find(c) != std::u32string::npos) septets += 2;
    else r.gsm7 = false;
    r.units += c > 0xFFFF ? 2 : 1;  // UTF-16 code units
  }
  if (r.gsm7) {
    r.units = septets;
    r.segments = segments_for(r.units, kGsm7Single, kGsm7Part);
  } else {
    r.segments = segments_for(r.units, kUcs2Single, kUcs2Part);
  }
  return r;
}

}  // namespace shubbak::sms
