// The TZif format of /usr/share/zoneinfo (RFC 8536), read by hand: v1 32-bit data, or for v2+ the 64-bit data and
// the footer's POSIX TZ rule. Leap-second records ("right/..." zones) are skipped: clock time only.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shubbak {

struct TzifData {
  std::vector<int64_t> transitions;  // UTC seconds since 1970, ascending
  std::vector<int32_t> offsets;      // seconds east of UTC from each transition on
  int32_t initial_offset = 0;        // before the first transition (the file's first local time type)
  std::string footer;                // v2+: the POSIX TZ rule for instants after the last transition ("" if none)
};

// Nullopt with `why` set if `bytes` is not a well-formed TZif file.
std::optional<TzifData> parse_tzif(std::string_view bytes, std::string& why);

}  // namespace shubbak
