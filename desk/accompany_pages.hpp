// The accompaniment's parts of the console page: her file, the booking and referral boxes (accompany.tpl), the
// day of this desk's services (day.tpl). Filled from an AccompanyView, in the staff member's words.
#pragma once
#include <ctemplate/template.h>

#include <string>

#include "common/centre_settings.hpp"
#include "desk/accompany.hpp"
#include "desk/words.hpp"
#include "kiosk/core/counter_console.hpp"

namespace shubbak::desk {

struct PageContext {
  const CentreConfig& config;
  std::string dir;                       // the templates' folder (included sub-templates)
  const std::vector<StaffEntry>& staff;  // who she may see (the booking's optional staff member)
};

// #accompany: her file, the booking box, the referral box (or that she gave no details).
void fill_accompany(ctemplate::TemplateDictionary& d, const AccompanyView& v, const Words& w, const PageContext& c);
// Her file's lists: visits, appointments, referrals, milestones, consents.
void fill_file(ctemplate::TemplateDictionary& f, const AccompanyView& v, const Words& w, const PageContext& c);
// #appointments-today and #referrals-in.
void fill_day(ctemplate::TemplateDictionary& d, const AccompanyView& v, const Words& w, const PageContext& c);

}  // namespace shubbak::desk
