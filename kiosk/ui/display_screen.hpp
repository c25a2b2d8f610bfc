// The now-serving display on the wall: the last calls, big — ticket number and counter, nothing else.
#pragma once
#include <string>
#include <vector>

#include "kiosk/ui/kit.hpp"

namespace shubbak::ui {

struct CallEntry {
  std::string number;
  int counter = 0;
};

void draw_display(Ui& ui, const std::vector<CallEntry>& calls);

}  // namespace shubbak::ui
