// What the kiosk can say: every spoken key with its text in one language (screen prompts, form questions,
// validation messages, and the catalogue's help-me-choose questions). Clips are <lang>/<key>.wav.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "common/catalogue.hpp"
#include "common/i18n.hpp"

namespace shubbak {

std::vector<std::pair<std::string, std::string>> spoken_texts(const Translations& tr, const Catalogue& catalogue,
                                                              const std::string& lang);

}  // namespace shubbak
