#include "kiosk/app/ticket_layout.hpp"

#include "common/languages.hpp"
#include "kiosk/core/flow_ticket.hpp"
#include "kiosk/ui/kit.hpp"

namespace shubbak::app {

std::vector<PrintLine> ticket_layout(const IssuedTicket& t, const std::string& lang, const CentreConfig& config,
                                     const Translations& tr, TimePoint now) {
  const Language* l = find_language(lang);
  const bool rtl = l && l->rtl;
  using namespace print_size;
  std::vector<PrintLine> lines = {{config.settings.centre_name.at(lang), kHeading, rtl},
                                  {tr.get(lang, "ticket.title"), kHeading, rtl},
                                  {t.number, kNumber, false}};
  const Service* s = config.catalogue.service(t.service_id);
  if (!t.sensitive && s) {
    lines.push_back({s->title.at(lang), kService, rtl});
    std::string list;
    for (int c : t.counters) list += (list.empty() ? "" : tr.get(lang, "list.separator")) + std::to_string(c);
    if (!list.empty()) lines.push_back({format(tr.get(lang, "ticket.counter"), {{"counter", list}}), kService, rtl});
  }
  if (t.late) lines.push_back({tr.get(lang, ui::N_("ticket.late")), kSmall, rtl});
  if (const NextAppointment* na = t.next_appointment ? &*t.next_appointment : nullptr) {
    const std::string when = tr.get(lang, weekday_key(na->day)) + " " + day_month(na->day);
    const Service* next = na->sensitive ? nullptr : config.catalogue.service(na->service_id);  // never a sensitive one
    const std::map<std::string, std::string> values = {
        {"day", when}, {"time", na->time}, {"service", next ? next->title.at(lang) : ""}};
    const char* key = next ? ui::N_("ticket.next_appointment_service") : ui::N_("ticket.next_appointment");
    lines.push_back({format(tr.get(lang, key), values), kService, rtl});
    if (!na->code.empty())
      lines.push_back({format(tr.get(lang, ui::N_("ticket.appointment_code")), {{"code", na->code}}), kService, rtl});
  }
  const TimeZone& zone = config.settings.zone;
  lines.push_back({local_day(now, zone) + "  " + local_hhmm(now, zone), kSmall, false});
  lines.push_back({tr.get(lang, ui::N_("ticket.keep")), kSmall, rtl});
  return lines;
}

}  // namespace shubbak::app
