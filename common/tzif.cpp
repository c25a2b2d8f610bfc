#include "common/tzif.hpp"

#include <algorithm>

namespace shubbak {

namespace {

// Big-endian reads over the file, never past its end.
struct Cursor {
  std::string_view in;
  size_t pos = 0;
  bool ok = true;

  bool has(size_t n) const { return ok && in.size() - pos >= n; }
  uint64_t be(size_t n) {
    if (!has(n)) {
      ok = false;
      return 0;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(in[pos + i]);
    pos += n;
    return v;
  }
  void skip(uint64_t n) {
    if (!has(n)) ok = false;
    else pos += n;
  }
};

bool failed(std::string& why, const char* what) {
  why = what;
  return false;
}

struct Header {
  char version = 0;
  uint32_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;
};

bool read_header(Cursor& c, Header& h) {
  if (!c.has(44) || c.in.substr(c.pos, 4) != "TZif") return false;
  h.version = c.in[c.pos + 4];
  c.skip(20);
  uint32_t* counts[] = {&h.isutcnt, &h.isstdcnt, &h.leapcnt, &h.timecnt, &h.typecnt, &h.charcnt};
  for (uint32_t* n : counts) *n = static_cast<uint32_t>(c.be(4));
  return c.ok;
}

uint64_t block_size(const Header& h, size_t time_size) {
  return uint64_t{h.timecnt} * time_size + h.timecnt + uint64_t{h.typecnt} * 6 + h.charcnt +
         uint64_t{h.leapcnt} * (time_size + 4) + h.isstdcnt + h.isutcnt;
}

bool read_block(Cursor& c, const Header& h, size_t time_size, TzifData& out, std::string& why) {
  if (h.typecnt == 0 || h.typecnt > 256) return failed(why, "no local time types");
  if (!c.has(block_size(h, time_size))) return failed(why, "the file is cut short");
  std::vector<int64_t> times(h.timecnt);
  for (auto& t : times)
    t = time_size == 8 ? static_cast<int64_t>(c.be(8)) : static_cast<int32_t>(static_cast<uint32_t>(c.be(4)));
  std::vector<uint8_t> index(h.timecnt);
  for (auto& i : index) i = static_cast<uint8_t>(c.be(1));
  std::vector<int32_t> utoff(h.typecnt);
  for (auto& u : utoff) {
    u = static_cast<int32_t>(static_cast<uint32_t>(c.be(4)));
    c.skip(2);  // isdst, abbreviation index: not needed for the clock time
  }
  c.skip(uint64_t{h.charcnt} + uint64_t{h.leapcnt} * (time_size + 4) + h.isstdcnt + h.isutcnt);
  if (!std::is_sorted(times.begin(), times.end())) return failed(why, "transitions out of order");
  out.transitions = std::move(times);
  out.offsets.clear();
  for (uint8_t i : index) {
    if (i >= h.typecnt) return failed(why, "a transition names a missing local time type");
    out.offsets.push_back(utoff[i]);
  }
  out.initial_offset = utoff[0];
  return c.ok || failed(why, "the file is cut short");
}

}  // namespace

std::optional<TzifData> parse_tzif(std::string_view bytes, std::string& why) {
  Cursor c{bytes};
  Header h;
  if (!read_header(c, h)) {
    why = "not a TZif time zone file";
    return std::nullopt;
  }
  TzifData out;
  if (h.version == 0) {
    if (!read_block(c, h, 4, out, why)) return std::nullopt;
    return out;
  }
  c.skip(block_size(h, 4));  // v2+: the 32-bit data is repeated in 64 bits after a second header
  if (!c.ok || !read_header(c, h)) {
    why = "the 64-bit part is missing";
    return std::nullopt;
  }
  if (!read_block(c, h, 8, out, why)) return std::nullopt;
  std::string_view rest = bytes.substr(c.pos);
  if (rest.size() < 2 || rest[0] != '\n') {
    why = "the footer is missing";
    return std::nullopt;
  }
  size_t end = rest.find('\n', 1);
  if (end == std::string_view::npos) {
    why = "the footer is not ended";
    return std::nullopt;
  }
  out.footer = std::string(rest.substr(1, end - 1));
  return out;
}

}  // namespace shubbak
