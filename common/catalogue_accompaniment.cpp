// The catalogue's parts for accompaniment (issue 16): appointment slots of a service, partner organisations,
// milestones. docs/configuration.md documents every key.
#include <algorithm>
#include <cstdio>

#include "common/catalogue.hpp"
#include "common/languages.hpp"

namespace shubbak {

const std::vector<std::string>& milestone_ids() {
  static const std::vector<std::string> ids{"registered", "coached", "trained", "incubated", "project_started"};
  return ids;
}

namespace {

// "09:30" -> 570; -1 if it is not a time of day.
int minutes_of_day(const std::string& s) {
  int h = -1, m = -1;
  char tail = 0;
  if (s.size() != 5 || std::sscanf(s.c_str(), "%2d:%2d%c", &h, &m, &tail) != 2) return -1;
  if (h < 0 || h > 23 || m < 0 || m > 59) return -1;
  return h * 60 + m;
}

int weekday_of(const std::string& s) {
  static const char* const names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  for (int i = 0; i < 7; ++i)
    if (s == names[i]) return i;
  return -1;
}

}  // namespace

SlotPlan Catalogue::read_slots(const SectionReader& r) {
  SlotPlan p;
  p.minutes = static_cast<int>(r.integer("slot_minutes", 5, 480, 0));
  if (p.minutes == 0) {
    for (const char* k : {"slot_capacity", "slot_hours", "slot_days"})
      if (r.has(k)) r.fail(k, std::string(k) + " needs slot_minutes (the length of one appointment slot)");
    return p;
  }
  p.capacity = static_cast<int>(r.integer("slot_capacity", 1, 50, 1));
  for (const auto& range : r.list("slot_hours", ',')) {
    const auto dash = range.find('-');
    const int a = dash == std::string::npos ? -1 : minutes_of_day(trim(range.substr(0, dash)));
    const int b = dash == std::string::npos ? -1 : minutes_of_day(trim(range.substr(dash + 1)));
    if (a < 0 || b < 0 || b - a < p.minutes)
      r.fail("slot_hours", "'" + range + "' is not a range of at least one slot, e.g. 09:00-12:00");
    p.hours.emplace_back(a, b);
  }
  if (p.hours.empty()) r.fail("slot_hours", "a service with slot_minutes needs its hours, e.g. 09:00-12:00, 14:00-16:00");
  for (const auto& d : r.list("slot_days", ',')) {
    const int w = weekday_of(d);
    if (w < 0) r.fail("slot_days", "'" + d + "' is not a day; write mon, tue, wed, thu, fri, sat or sun");
    p.weekdays.push_back(w);
  }
  if (p.weekdays.empty()) p.weekdays = {1, 2, 3, 4, 5};
  return p;
}

Partner Catalogue::read_partner(const SectionReader& r, const std::string& id) {
  r.only_keys({"name", "contact", "services", "title"});
  Partner p;
  p.id = id;
  p.name = r.text("name");
  p.contact = r.text("contact");
  p.services = r.list("services", ',');
  if (p.services.empty()) r.fail("services", "a partner needs the services whose staff may refer to it");
  if (r.has("title.fr") || r.has("title.ar") || r.has("title.zgh"))
    p.title = r.translated("title", language_codes());
  return p;
}

void Catalogue::check_partners(const ConfigDocument& doc) const {
  for (const auto& sec : doc.sections()) {
    if (sec.type != "partner") continue;
    SectionReader r(doc, sec);
    if (std::count_if(partners_.begin(), partners_.end(), [&](const Partner& p) { return p.id == sec.name; }) > 1)
      r.fail("", "[partner " + sec.name + "] is written twice; each partner needs its own name");
    for (const auto& s : partner(sec.name)->services)
      if (!service(s)) r.fail("services", "no [service " + s + "] in this file");
  }
}

}  // namespace shubbak
