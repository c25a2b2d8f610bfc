#include "http/inflate.hpp"

#include <zlib.h>

namespace shubbak::http {

Inflated inflate_gzip(std::string_view in, size_t max_bytes, std::string& out) {
  constexpr size_t kStep = 64u << 10;
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return Inflated::Damaged;  // gzip only
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  out.clear();
  int rc = Z_OK;
  while (rc == Z_OK) {
    if (out.size() > max_bytes) break;
    size_t have = out.size();
    out.resize(have + kStep);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + have);
    zs.avail_out = static_cast<uInt>(kStep);
    rc = inflate(&zs, Z_NO_FLUSH);
    out.resize(have + kStep - zs.avail_out);
    if (rc == Z_STREAM_END && zs.avail_in > 0) rc = inflateReset(&zs);  // another gzip member follows
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;  // truncated
  }
  inflateEnd(&zs);
  if (out.size() > max_bytes) return Inflated::TooLarge;
  return rc == Z_STREAM_END ? Inflated::Ok : Inflated::Damaged;
}

}  // namespace shubbak::http
