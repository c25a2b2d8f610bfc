#include "upstream/dashboard/svg_chart.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace shubbak::upstream::dashboard::svg {

namespace {

using namespace style;

// Every number and "<5" of a right-to-left chart in a left-to-right isolate (U+2066 ... U+2069): "<" is a mirrored
// character, drawn as ">" at a right-to-left level ("5>"); a mark before it is not enough, an isolate is.
std::string left_to_right(const std::string& s) { return "\u2066" + s + "\u2069"; }

std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
  std::string s = b;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

std::string safe_id(const std::string& s) {
  std::string out;
  for (char ch : s) out += (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-') ? ch : '_';
  return out;
}

// Builds one SVG in left-to-right coordinates; x is mirrored when right-to-left.
class Canvas {
 public:
  Canvas(int height, const ChartText& text, const std::string& id) : rtl_(text.rtl), hatch_("hatch-" + safe_id(id)) {
    out_ = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" + std::to_string(kWidth) +
           "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(kWidth) + " " +
           std::to_string(height) + "\" font-family=\"" + kFont + "\" font-size=\"" + std::to_string(kFontSize) +
           "\" style=\"max-width:100%;height:auto\"><title>" + xml_escape(text.title) + "</title>";
  }
  double x(double v) const { return rtl_ ? kWidth - v : v; }
  void desc(const std::string& d) { out_ += "<desc>" + xml_escape(d) + "</desc>"; }
  void hatch_pattern() {
    out_ += std::string("<defs><pattern id=\"") + hatch_ + "\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
            "patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"" + kHiddenColour +
            "\" stroke-width=\"2\"/></pattern></defs>";
  }
  // A rectangle from x0 to x0 + w (left-to-right coordinates).
  void rect(double x0, double y, double w, double h, bool hidden) {
    double left = rtl_ ? kWidth - x0 - w : x0;
    out_ += "<rect x=\"" + num(left) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) + "\"";
    if (hidden)
      out_ += std::string(" fill=\"url(#") + hatch_ + ")\" stroke=\"" + kHiddenColour + "\" stroke-dasharray=\"3 2\"/>";
    else
      out_ += std::string(" fill=\"") + kBarColour + "\"/>";
  }
  // Translated words: their anchor follows their direction (start is the right end in right-to-left).
  void words(double x0, double y, const std::string& s, const char* anchor, int size = kFontSize) {
    text(x(x0), y, s, anchor, rtl_ ? "rtl" : "ltr", size);
  }
  // A number (or "<5"), always left-to-right: its anchor is swapped when the chart is mirrored.
  void number(double x0, double y, const std::string& s, const char* anchor, int size = kFontSize) {
    std::string a = anchor;
    if (rtl_ && a != "middle") a = a == "start" ? "end" : "start";
    text(x(x0), y, rtl_ ? left_to_right(s) : s, a.c_str(), "ltr", size);
  }
  void line(double x1, double y1, double x2, double y2, const char* colour, bool dashed) {
    out_ += "<line x1=\"" + num(x(x1)) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x(x2)) + "\" y2=\"" + num(y2) +
            "\" stroke=\"" + colour + "\" stroke-width=\"2\"" + (dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>";
  }
  void polyline(const std::vector<std::pair<double, double>>& pts) {
    out_ += "<polyline fill=\"none\" stroke=\"" + std::string(kBarColour) + "\" stroke-width=\"3\" points=\"";
    for (const auto& [px, py] : pts) out_ += num(x(px)) + "," + num(py) + " ";
    out_ += "\"/>";
  }
  std::string close() { return out_ + "</svg>"; }

 private:
  void text(double px, double y, const std::string& s, const char* anchor, const char* dir, int size) {
    out_ += "<text x=\"" + num(px) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\" direction=\"" + dir +
            "\" unicode-bidi=\"embed\" fill=\"" + kTextColour + "\"" + (size != kFontSize ? " font-size=\"" + std::to_string(size) + "\"" : "") +
            ">" + xml_escape(s) + "</text>";
  }
  bool rtl_;
  std::string hatch_, out_;
};

std::string label_of(const Table& t, const ChartText& text, size_t i) {
  return i < text.row_labels.size() ? text.row_labels[i] : t.rows[i];
}

const Shown& cell(const Table& t, size_t i, size_t column) { return t.cells.at(i).at(column); }

bool empty(const Table& t, size_t column) {
  for (size_t i = 0; i < t.rows.size(); ++i)
    if (cell(t, i, column).is_hidden() || *cell(t, i, column).value() != 0) return false;
  return true;
}

// The largest shown value (hidden cells are not part of the scale), at least 1.
long long largest(const Table& t, size_t column) {
  long long m = 1;
  for (size_t i = 0; i < t.rows.size(); ++i) m = std::max(m, cell(t, i, column).value().value_or(0));
  return m;
}

std::string no_data_chart(const Table& t, const ChartText& text) {
  Canvas c(kNoDataHeight, text, t.id);
  c.desc(text.no_data);
  c.words(kWidth / 2.0, kNoDataHeight / 2.0 + kFontSize / 3.0, text.no_data, "middle");
  return c.close();
}

// "label: value; label: value", every number of the chart as text for a screen reader.
std::string description(const Table& t, size_t column, const ChartText& text) {
  std::string d;
  for (size_t i = 0; i < t.rows.size(); ++i)
    d += (i ? "; " : "") + label_of(t, text, i) + ": " + cell(t, i, column).text();
  return d;
}

}  // namespace

std::string xml_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string horizontal_bars(const Table& t, size_t column, const ChartText& text) {
  if (empty(t, column)) return no_data_chart(t, text);
  const int height = 2 * kMargin + static_cast<int>(t.rows.size()) * kBarRowHeight;
  Canvas c(height, text, t.id + "-" + std::to_string(column));
  c.desc(description(t, column, text));
  c.hatch_pattern();
  const double x0 = kMargin + kLabelWidth, plot = kWidth - 2 * kMargin - kLabelWidth - kValueWidth;
  const long long max = largest(t, column);
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const Shown& v = cell(t, i, column);
    const double y = kMargin + i * kBarRowHeight, mid = y + kBarRowHeight / 2.0 + kFontSize / 3.0;
    const double len = v.is_hidden() ? kHiddenBarLength : plot * static_cast<double>(*v.value()) / max;
    c.words(kMargin, mid, label_of(t, text, i), "start");
    c.rect(x0, y + (kBarRowHeight - kBarThickness) / 2.0, len, kBarThickness, v.is_hidden());
    c.number(x0 + len + 6, mid, v.text(), "start");
  }
  return c.close();
}

std::string vertical_bars(const Table& t, size_t column, const ChartText& text, size_t label_every) {
  if (empty(t, column)) return no_data_chart(t, text);
  const int height = 2 * kMargin + kColumnsHeight + kAxisHeight;
  Canvas c(height, text, t.id + "-" + std::to_string(column));
  c.desc(description(t, column, text));
  c.hatch_pattern();
  const double slot = static_cast<double>(kWidth - 2 * kMargin) / t.rows.size();
  const double bar = std::min<double>(kBarThickness, slot * 0.8), bottom = kMargin + kColumnsHeight;
  const double room = kColumnsHeight - kSmallFontSize - 4;  // the tallest bar leaves room for its number
  const long long max = largest(t, column);
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const Shown& v = cell(t, i, column);
    const double h = v.is_hidden() ? kHiddenBarLength : room * static_cast<double>(*v.value()) / max;
    const double centre = kMargin + slot * (i + 0.5);
    c.rect(centre - bar / 2, bottom - h, bar, h, v.is_hidden());
    if (v.is_hidden() || *v.value() > 0) c.number(centre, bottom - h - 3, v.text(), "middle", kSmallFontSize);
    if (label_every > 0 && i % label_every == 0)
      c.words(centre, bottom + kAxisHeight - 6, label_of(t, text, i), "middle", kSmallFontSize);
  }
  c.line(kMargin, bottom, kWidth - kMargin, bottom, kAxisColour, false);
  return c.close();
}

std::string cumulative_line(const Table& t, size_t column, const ChartText& text, const Target& target) {
  if (empty(t, column)) return no_data_chart(t, text);
  std::vector<long long> totals;  // up to the month before the first hidden one
  for (size_t i = 0; i < t.rows.size() && !cell(t, i, column).is_hidden(); ++i)
    totals.push_back((totals.empty() ? 0 : totals.back()) + *cell(t, i, column).value());
  const int height = 2 * kMargin + kColumnsHeight + kAxisHeight;
  Canvas c(height, text, t.id + "-" + std::to_string(column));
  c.desc(description(t, column, text) + "; " + target.label + ": " + std::to_string(target.value));
  const double top = kMargin + kFontSize + 6, bottom = kMargin + kColumnsHeight, plot = bottom - top;
  const double max = static_cast<double>(std::max({target.value, totals.empty() ? 0 : totals.back(), 1LL}));
  const double slot = static_cast<double>(kWidth - 2 * kMargin) / t.rows.size();
  auto y_of = [&](long long v) { return bottom - plot * static_cast<double>(v) / max; };
  c.line(kMargin, y_of(target.value), kWidth - kMargin, y_of(target.value), kTargetColour, true);
  c.words(kWidth - kMargin, y_of(target.value) - 5, target.label + " " + std::to_string(target.value), "end");
  std::vector<std::pair<double, double>> pts;
  for (size_t i = 0; i < totals.size(); ++i) pts.emplace_back(kMargin + slot * (i + 0.5), y_of(totals[i]));
  if (!pts.empty()) {
    c.polyline(pts);
    c.number(pts.back().first, pts.back().second - 6, std::to_string(totals.back()), "middle");
  }
  const size_t every = std::max<size_t>(1, (t.rows.size() + 7) / 8);
  for (size_t i = 0; i < t.rows.size(); i += every)
    c.words(kMargin + slot * (i + 0.5), bottom + kAxisHeight - 6, label_of(t, text, i), "middle", kSmallFontSize);
  c.line(kMargin, bottom, kWidth - kMargin, bottom, kAxisColour, false);
  return c.close();
}

}  // namespace shubbak::upstream::dashboard::svg
