// While the data store cannot be opened, each role says so in its own words: the visitor is sent to the counter
// (store_error_screen.cpp), the staff member is told what is wrong and what to do, the hall is asked to wait.
#pragma once
#include "kiosk/ui/kit.hpp"

namespace shubbak::ui {

// The staff console: the store does not open, the kiosk tries again by itself every retry_seconds, call the
// technician if it lasts.
void draw_counter_out_of_service(Ui& ui, int retry_seconds);
// The display on the wall: calm, no technical words — please wait, you will be called.
void draw_display_out_of_service(Ui& ui);

}  // namespace shubbak::ui
