// A table of the figures as the page shows it and as its CSV says it: the same labels, the same shown cells ("<5"
// where the figures hid a count), the same totals. Nothing here computes a count: every number comes out of the
// figures' Table (upstream/dashboard/suppress.hpp) or Waits.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "upstream/dashboard/figures.hpp"
#include "upstream/dashboard_web/labels.hpp"

namespace ctemplate {
class TemplateDictionary;
}

namespace shubbak::upstream::dashboard_web {

// Words and numbers of one table, in the reader's language: header, rows (label then cells then the row total),
// and the totals row (empty when the table has no column totals).
struct TableText {
  std::string id, caption;
  std::vector<std::string> header;
  std::vector<std::string> row_codes;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> totals;
  std::vector<std::string> notes;  // words
};

TableText table_text(const Labels& l, const std::string& page, const dashboard::Table& t);
// Waits by row label ("" label: the period): count, median and p90 in minutes ("" when not shown).
TableText waits_text(const Labels& l, const std::string& id, const std::string& caption_key, LabelKind rows,
                     const std::vector<std::string>& row_codes, const std::vector<dashboard::Waits>& waits,
                     const std::vector<std::string>& notes);
// Every centre of the centres page with its health, visits and waits.
TableText health_text(const Labels& l, const dashboard::CentresPage& p);
std::string status_words(const Labels& l, const dashboard::CentreHealth& h);
std::string last_seen_words(const Labels& l, const std::string& rfc3339);
std::string free_disk_words(const Labels& l, const std::optional<long long>& bytes);
std::string minutes_words(const Labels& l, const std::optional<int>& minutes);

// The table as a section of a page (table.tpl); row_href gives a row's link ("" for none).
void fill_table(ctemplate::TemplateDictionary& d, const Labels& l, const std::string& page, const dashboard::Table& t,
                const std::string& csv_href, const std::function<std::string(const std::string&)>& row_href,
                long long target_women = dashboard::kJisrTargetWomen);
void fill_waits(ctemplate::TemplateDictionary& d, const TableText& w, const std::vector<dashboard::Waits>& waits,
                const std::string& csv_href);

// The CSV of a table as the page shows it (upstream/dashboard/csv.hpp: the project's one CSV writer): header, rows,
// totals, notes.
std::string csv_of(const TableText& t);
std::string csv_of(const Labels& l, const std::string& page, const dashboard::Table& t);

}  // namespace shubbak::upstream::dashboard_web
