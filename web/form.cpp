#include "web/form.hpp"

#include <cctype>

#include "web/form_limits.hpp"

namespace shubbak::web {

std::string Form::get(const std::string& name) const {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// UTF-8 without overlong forms, surrogates or code points past U+10FFFF.
bool valid_utf8(const std::string& s) {
  static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
    if (n < 0 || i + n >= s.size() + (n == 0 ? 1 : 0)) return false;  // its continuation bytes are there
    char32_t cp = n == 0 ? c : c & (0x3F >> n);
    for (int k = 1; k <= n; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

std::string decode(std::string_view part, size_t max_bytes, const char* what) {
  std::string out;
  for (size_t i = 0; i < part.size(); ++i) {
    char c = part[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      int hi = i + 2 < part.size() ? hex_value(part[i + 1]) : -1, lo = hi >= 0 ? hex_value(part[i + 2]) : -1;
      if (lo < 0) throw FormError(std::string("a broken %-escape in a ") + what);
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7E) {
      throw FormError(std::string("a raw byte that must be escaped in a ") + what);
    } else {
      out += c;
    }
    if (out.size() > max_bytes) throw FormError(std::string("a ") + what + " over its length limit");
  }
  if (!valid_utf8(out)) throw FormError(std::string("a ") + what + " that is not UTF-8");
  for (unsigned char ch : out)
    if ((ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t') || ch == 0x7F)
      throw FormError(std::string("a control character in a ") + what);
  return out;
}

}  // namespace

Form parse_urlencoded(std::string_view text, const FormLimits& limits) {
  if (text.size() > limits.max_form_bytes) throw FormError("a form over its size limit");
  Form f;
  if (text.empty()) return f;
  size_t start = 0;
  while (start <= text.size()) {
    size_t amp = text.find('&', start);
    std::string_view pair = text.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0) throw FormError("a form field without a name or a value");
    std::string name = decode(pair.substr(0, eq), limits.max_field_name_bytes, "field name");
    for (char c : name)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') throw FormError("an odd field name");
    if (static_cast<int>(f.fields.size()) >= limits.max_fields) throw FormError("a form with too many fields");
    if (!f.fields.emplace(name, decode(pair.substr(eq + 1), limits.max_field_value_bytes, "field value")).second)
      throw FormError("a form field given twice");
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  return f;
}

bool is_urlencoded(std::string_view ct) {
  std::string s;
  for (char c : ct)
    if (c != ' ') s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s == "application/x-www-form-urlencoded" || s == "application/x-www-form-urlencoded;charset=utf-8";
}

std::map<std::string, std::string> parse_cookies(std::string_view header) {
  std::map<std::string, std::string> out;
  if (header.size() > kMaxCookieHeaderBytes) return out;
  size_t start = 0;
  while (start < header.size()) {
    size_t semi = header.find(';', start);
    std::string_view pair = header.substr(start, semi == std::string_view::npos ? std::string_view::npos : semi - start);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    while (!pair.empty() && pair.back() == ' ') pair.remove_suffix(1);
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0) break;
    out.emplace(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));  // the first one wins
    if (semi == std::string_view::npos) break;
    start = semi + 1;
  }
  return out;
}

}  // namespace shubbak::web
