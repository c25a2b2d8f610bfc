#include "upstream/dashboard/csv.hpp"

namespace shubbak::upstream::dashboard::csv {

namespace {

const char* kBom = "\xEF\xBB\xBF";
const char* kLineEnd = "\r\n";

std::string line(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + field(fields[i]);
  return out + kLineEnd;
}

std::string label(const std::vector<std::string>& labels, const std::vector<std::string>& codes, size_t i) {
  return i < labels.size() ? labels[i] : codes[i];
}

}  // namespace

std::string field(const std::string& value) {
  std::string v = value;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v = "'" + v;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string q = "\"";
  for (char ch : v) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return q + "\"";
}

std::string to_csv(const std::vector<std::vector<std::string>>& lines) {
  std::string out = kBom;
  for (const auto& fields : lines) out += line(fields);
  return out;
}

std::string to_csv(const Table& t, const CsvText& text) {
  const bool row_totals = !t.row_totals.empty(), column_totals = !t.column_totals.empty();
  std::vector<std::string> header = {text.row_header};
  for (size_t j = 0; j < t.columns.size(); ++j) header.push_back(label(text.column_labels, t.columns, j));
  if (row_totals) header.push_back(text.total);
  std::string out = kBom + line(header);
  for (size_t i = 0; i < t.rows.size(); ++i) {
    std::vector<std::string> fields = {label(text.row_labels, t.rows, i)};
    for (const Shown& s : t.cells[i]) fields.push_back(s.text());
    if (row_totals) fields.push_back(t.row_totals[i].text());
    out += line(fields);
  }
  if (column_totals) {
    std::vector<std::string> fields = {text.total};
    for (const Shown& s : t.column_totals) fields.push_back(s.text());
    if (row_totals) fields.push_back(t.total ? t.total->text() : "");
    out += line(fields);
  }
  for (const std::string& n : text.notes) out += line({n});
  return out;
}

}  // namespace shubbak::upstream::dashboard::csv
