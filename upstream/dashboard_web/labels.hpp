// The words of the dashboard's tables: the figures give codes (service ids, regions, milestones, events, periods,
// months, hours); a page shows them in the reader's language, through the PO catalogues (keys dashboard.*), the
// centre catalogue's names of services and outcomes, and the regions table's name_ar / name_fr.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "common/catalogue.hpp"
#include "common/i18n.hpp"
#include "upstream/dashboard/figures.hpp"

namespace shubbak::upstream::dashboard_web {

// What the codes of a table's rows or columns are.
enum class LabelKind { Word, Period, Service, Region, Centre, Milestone, State, Event, Outcome, Month, Hour };

class Labels {
 public:
  Labels(const Translations& tr, const Catalogue* catalogue, std::vector<dashboard::Region> regions,
         std::string lang)
      : tr_(tr), cat_(catalogue), regions_(std::move(regions)), lang_(std::move(lang)) {}
  std::string tr(const std::string& key, const std::map<std::string, std::string>& values = {}) const;
  std::string of(LabelKind kind, const std::string& code) const;
  std::string region(const std::string& code) const;
  const std::string& lang() const { return lang_; }

 private:
  const Translations& tr_;
  const Catalogue* cat_;
  std::vector<dashboard::Region> regions_;
  std::string lang_;
};

// The chart drawn above a table (upstream/dashboard/svg_chart.hpp): horizontal bars of its first column, vertical
// bars (hours of the day), or the running total of its "trained" column against Jisr's target (months).
enum class ChartKind { None, Bars, Columns, Cumulative };

// How a table of the figures is labelled: its rows', its columns' kind, its caption's key and its chart.
struct TableKinds {
  LabelKind rows = LabelKind::Word, columns = LabelKind::Word;
  const char* caption = "";
  ChartKind chart = ChartKind::None;
};
// By the table's id and the page it is on ("overview", "centres", "centre").
TableKinds kinds_of(const std::string& page, const std::string& table_id);

}  // namespace shubbak::upstream::dashboard_web
