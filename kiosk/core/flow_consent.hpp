// The purposes the kiosk asks her consent for (issue 16), as the visitor flow and its screen see them: the id the
// store keeps, the spoken explanation (a "prompt." key with a voice clip; the same keys as kiosk/core/consent.hpp),
// the pictogram, and the words shown beside it.
#pragma once
#include <string>

namespace shubbak {

struct ConsentAsk {
  const char* purpose;      // "keep", "sms", "share"
  const char* explanation;  // spoken when the question appears, and by the listen button
  const char* icon;         // the question's own pictogram (common/icons.cpp)
  const char* title;        // the screen's title
  const char* question;     // the short sentence shown under the pictogram (keep: the first of its five)
};

// The purpose's question; "keep"'s for an unknown id.
const ConsentAsk& consent_ask(const std::string& purpose);
inline const char* consent_prompt_key(const std::string& purpose) { return consent_ask(purpose).explanation; }

}  // namespace shubbak
