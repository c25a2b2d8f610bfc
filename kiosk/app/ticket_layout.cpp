#include "kiosk/app/ticket_layout.hpp"

#include "common/languages.hpp"
#include "kiosk/ui/kit.hpp"

namespace shubbak::app {

std::vector<PrintLine> ticket_layout(const IssuedTicket& t, const std::string& lang, const CentreConfig& config,
                                     const Translations& tr, TimePoint now) {
  const Language* l = find_language(lang);
  const bool rtl = l && l->rtl;
  std::vector<PrintLine> lines = {{config.settings.centre_name.at(lang), 28, rtl},
                                  {tr.get(lang, "ticket.title"), 28, rtl},
                                  {t.number, 120, false}};
  const Service* s = config.catalogue.service(t.service_id);
  if (!t.sensitive && s) {
    lines.push_back({s->title.at(lang), 30, rtl});
    std::string list;
    for (int c : t.counters) list += (list.empty() ? "" : tr.get(lang, "list.separator")) + std::to_string(c);
    if (!list.empty()) lines.push_back({format(tr.get(lang, "ticket.counter"), {{"counter", list}}), 30, rtl});
  }
  lines.push_back({local_day(now) + "  " + local_hhmm(now), 26, false});
  lines.push_back({tr.get(lang, ui::N_("ticket.keep")), 26, rtl});
  return lines;
}

}  // namespace shubbak::app
