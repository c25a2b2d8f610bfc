// While the data store cannot be opened, each role says so in its own words: the visitor is sent to the counter
// (store_error_screen.cpp), the hall is asked to wait. (Staff read theirs on the desk's page: shubbak-desk.)
#pragma once
#include "kiosk/ui/kit.hpp"

namespace shubbak::ui {

// The display on the wall: calm, no technical words — please wait, you will be called.
void draw_display_out_of_service(Ui& ui);

}  // namespace shubbak::ui
