#include "common/time_zone.hpp"

#include <algorithm>
#include <cstdlib>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

#include "common/posix_tz.hpp"
#include "common/tzif.hpp"

namespace shubbak {

struct TimeZone::Rules {
  std::string name;
  TzifData data;
  std::optional<PosixTz> tail;  // after the last transition
};

namespace {

constexpr std::uintmax_t kMaxZoneFileBytes = 1 << 20;  // the largest zone file is a few kB

std::string expected() { return std::string("write a zone name such as ") + kZoneExample; }

// Names of the zone database only: no absolute path, no "..", nothing a file name would not hold.
bool plausible_name(const std::string& name) {
  if (name.empty() || name.size() > 255 || name.front() == '/' || name.back() == '/') return false;
  std::string_view rest = name;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view part = rest.substr(0, slash);
    if (part.empty() || part == "." || part == "..") return false;
    for (char c : part)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '+' && c != '.') return false;
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  }
  return true;
}

}  // namespace

TimeZone::TimeZone() {
  static const auto utc = std::make_shared<const Rules>(Rules{"UTC", TzifData{}, std::nullopt});
  rules_ = utc;
}

TimeZone TimeZone::from_tzif(const std::string& name, std::string_view bytes) {
  std::string why;
  auto data = parse_tzif(bytes, why);
  if (!data) throw TimeZoneError("'" + name + "' is not a time zone (" + why + "); " + expected());
  Rules r{name, std::move(*data), std::nullopt};
  if (!r.data.footer.empty()) {
    r.tail = PosixTz::parse(r.data.footer);
    if (!r.tail)
      throw TimeZoneError("the time zone file of '" + name + "' ends with a rule this program cannot read ('" +
                          r.data.footer + "'); " + expected());
  }
  return TimeZone(std::make_shared<const Rules>(std::move(r)));
}

TimeZone TimeZone::load(const std::string& name, const std::string& zoneinfo_dir) {
  if (!plausible_name(name)) throw TimeZoneError("'" + name + "' is not a time zone name; " + expected());
  const std::filesystem::path file = std::filesystem::path(zoneinfo_dir) / name;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw TimeZoneError("'" + name + "' is not a time zone known to this system (no " + file.string() +
                        "; names are case-sensitive); " + expected());
  if (std::filesystem::file_size(file, ec) > kMaxZoneFileBytes)
    throw TimeZoneError("'" + name + "' is not a time zone (" + file.string() + " is far too big); " + expected());
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) throw TimeZoneError("cannot read " + file.string() + " (the time zone '" + name + "')");
  return from_tzif(name, bytes.str());
}


const std::string& TimeZone::name() const { return rules_->name; }

int32_t TimeZone::offset_at_unix(int64_t utc) const {
  const TzifData& d = rules_->data;
  if (d.transitions.empty() || utc < d.transitions.front())
    return d.transitions.empty() && rules_->tail ? rules_->tail->offset_at(utc) : d.initial_offset;
  const size_t i = static_cast<size_t>(std::upper_bound(d.transitions.begin(), d.transitions.end(), utc) -
                                       d.transitions.begin()) - 1;
  if (i + 1 == d.transitions.size() && rules_->tail) return rules_->tail->offset_at(utc);
  return d.offsets[i];
}

int32_t TimeZone::offset_at(std::chrono::system_clock::time_point t) const {
  return offset_at_unix(std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count());
}

}  // namespace shubbak
