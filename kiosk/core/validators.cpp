#include "kiosk/core/validators.hpp"

#include <cctype>

namespace shubbak {

PhoneCheck check_mobile(const std::string& input) {
  PhoneCheck r;
  std::string digits;
  bool plus = false;
  bool any = false;
  for (size_t i = 0; i < input.size(); ++i) {
    unsigned char c = input[i];
    if (std::isdigit(c)) {
      digits += static_cast<char>(c);
      any = true;
    } else if (c == '+' && !any && !plus) {
      plus = true;
    } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') {
      continue;
    } else {
      r.problem = PhoneProblem::NotDigits;
      return r;
    }
  }
  if (digits.empty()) {
    r.problem = PhoneProblem::Empty;
    return r;
  }
  std::string national;
  if (plus) {
    if (digits.rfind("212", 0) != 0 || digits.size() != 12) {
      r.problem = PhoneProblem::WrongLength;
      return r;
    }
    national = "0" + digits.substr(3);
  } else if (digits.rfind("00212", 0) == 0) {
    if (digits.size() != 14) {
      r.problem = PhoneProblem::WrongLength;
      return r;
    }
    national = "0" + digits.substr(5);
  } else {
    national = digits;
  }
  if (national.size() != 10 || national[0] != '0') {
    r.problem = PhoneProblem::WrongLength;
    return r;
  }
  if (national[1] != '6' && national[1] != '7') {
    r.problem = PhoneProblem::NotMobile;
    return r;
  }
  r.normalized = national;
  return r;
}

CinCheck check_cin(const std::string& input) {
  CinCheck r;
  std::string s;
  for (unsigned char c : input) {
    if (c == ' ' || c == '-') continue;
    s += static_cast<char>(std::toupper(c));
  }
  if (s.empty()) {
    r.problem = CinProblem::Empty;
    return r;
  }
  size_t letters = 0;
  while (letters < s.size() && s[letters] >= 'A' && s[letters] <= 'Z') ++letters;
  size_t digits = s.size() - letters;
  bool all_digits = true;
  for (size_t i = letters; i < s.size(); ++i) all_digits = all_digits && std::isdigit(static_cast<unsigned char>(s[i]));
  if (letters < 1 || letters > 2 || digits < 1 || digits > 6 || !all_digits) {
    r.problem = CinProblem::BadFormat;
    return r;
  }
  r.normalized = s;
  return r;
}

bool check_birth_year(const std::string& input, int current_year) {
  if (input.size() != 4) return false;
  int y = 0;
  for (unsigned char c : input) {
    if (!std::isdigit(c)) return false;
    y = y * 10 + (c - '0');
  }
  return y >= 1900 && y <= current_year - 10;
}

}  // namespace shubbak
