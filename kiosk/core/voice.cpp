#include "voice.hpp"

namespace shubbak {

static bool spoken_key(const std::string& k) {
  for (const char* prefix : {"prompt.", "field.", "form.error.", "checkin.not_found"})
    if (k.rfind(prefix, 0) == 0) return true;
  return false;
}

std::vector<std::pair<std::string, std::string>> spoken_texts(const Translations& tr, const Catalogue& catalogue,
                                                              const std::string& lang) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, text] : tr.all(lang))
    if (spoken_key(key) && !text.empty()) out.emplace_back(key, text);
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
