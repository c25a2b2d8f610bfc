// Moroccan phone numbers and national ID (CIN).
#pragma once
#include <optional>
#include <string>

namespace shubbak {

enum class PhoneProblem { None, Empty, NotDigits, WrongLength, NotMobile };

struct PhoneCheck {
  PhoneProblem problem = PhoneProblem::None;
  std::string normalized;  // national form "0612345678" when valid
  bool ok() const { return problem == PhoneProblem::None; }
};

// Accepts 06XXXXXXXX / 07XXXXXXXX, +212 6…/+212 7…, 00212 6…, with spaces, dots or dashes.
// Landlines (05…) are refused for SMS contact: NotMobile.
PhoneCheck check_mobile(const std::string& input);

enum class CinProblem { None, Empty, BadFormat };

struct CinCheck {
  CinProblem problem = CinProblem::None;
  std::string normalized;  // "AB123456"
  bool ok() const { return problem == CinProblem::None; }
};

// One or two Latin letters then 1 to 6 digits (e.g. AB123456, K12345); case and spaces ignored.
CinCheck check_cin(const std::string& input);

// A plausible birth year for an adult or teenager visiting on her own: 1900..(current year - 10).
bool check_birth_year(const std::string& input, int current_year);

}  // namespace shubbak
