#include "kiosk/core/voice.hpp"

#include <algorithm>

namespace shubbak {

static bool spoken_key(const std::string& k) {
  for (const char* prefix : {"prompt.", "field.", "form.error.", "checkin.not_found", "call.", "appointment.not_found",
                             "appointment.code_not_found", "appointment.code_format", "appointment.locked"})
    if (k.rfind(prefix, 0) == 0) return true;
  return false;
}

std::vector<std::pair<std::string, std::string>> spoken_texts(const Translations& tr, const Catalogue& catalogue,
                                                              const std::string& lang) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, text] : tr.all(lang))
    if (spoken_key(key) && !text.empty()) out.emplace_back(key, text);
  // The now-serving display says a ticket character by character: letters of the prefixes, and digits.
  for (char d = '0'; d <= '9'; ++d) out.emplace_back(std::string("say.") + d, std::string(1, d));
  for (const auto& s : catalogue.services())
    for (char c : s.prefix)
      if (std::none_of(out.begin(), out.end(), [&](const auto& kv) { return kv.first == std::string("say.") + c; }))
        out.emplace_back(std::string("say.") + c, std::string(1, c));
  std::vector<std::string> todo;
  if (!catalogue.first_question().empty()) todo.push_back(catalogue.first_question());
  for (size_t i = 0; i < todo.size() && i < 100; ++i) {
    const Question* q = catalogue.question(todo[i]);
    if (!q) continue;
    if (auto it = q->prompt.find(lang); it != q->prompt.end()) out.emplace_back("question." + q->id, it->second);
    for (const auto& a : q->answers)
      if (const Answer* ans = catalogue.answer(a); ans && !ans->next_question.empty()) todo.push_back(ans->next_question);
  }
  return out;
}

}  // namespace shubbak
