#include "kiosk/app/ticket_printer.hpp"

#include <fcntl.h>
#include <stb_image_write.h>
#include <unistd.h>
#include <stb_truetype.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/log.hpp"
#include "kiosk/text/bidi.hpp"

namespace shubbak::app {

struct TicketRasteriser::Impl {
  struct Face {
    std::vector<unsigned char> data;
    stbtt_fontinfo info{};
    float scale = 1;  // relative size, as on screen (Arabic and Tifinagh drawn larger to match)
  };
  std::vector<Face> faces;  // Latin, Arabic, Tifinagh: the first that has a glyph draws it

  const Face* face_for(char32_t c) const {
    for (const auto& f : faces)
      if (stbtt_FindGlyphIndex(&f.info, static_cast<int>(c)) != 0) return &f;
    return &faces[0];
  }
};

TicketRasteriser::TicketRasteriser(const text::FontFiles& files) : impl_(new Impl) {
  text::check_font_files(files);
  std::pair<std::string, float> list[] = {
      {files.latin, 1.0f}, {files.arabic, text::kArabicScale}, {files.tifinagh, text::kTifinaghScale}};
  impl_->faces.resize(3);
  for (int i = 0; i < 3; ++i) {
    std::ifstream f(list[i].first, std::ios::binary);
    impl_->faces[i].data.assign(std::istreambuf_iterator<char>(f), {});
    impl_->faces[i].scale = list[i].second;
    if (!stbtt_InitFont(&impl_->faces[i].info, impl_->faces[i].data.data(), 0))
      throw text::FontError("cannot read font " + list[i].first);
  }
}

TicketRasteriser::~TicketRasteriser() { delete impl_; }

Raster TicketRasteriser::render(const std::vector<PrintLine>& lines, int width_dots) const {
  width_dots = (width_dots + 7) / 8 * 8;
  const int margin = 8;
  std::vector<uint8_t> grey;  // one byte per dot, grows with the lines
  int height = margin;
  auto ensure = [&](int h) {
    if (static_cast<size_t>(h) * width_dots > grey.size()) grey.resize(static_cast<size_t>(h) * width_dots, 0);
  };
  for (const auto& line : lines) {
    const auto& latin = impl_->faces[0];
    auto advance = [&](char32_t c) {
      const auto* f = impl_->face_for(c);
      int adv = 0, lsb = 0;
      stbtt_GetCodepointHMetrics(&f->info, static_cast<int>(c), &adv, &lsb);
      return adv * stbtt_ScaleForPixelHeight(&f->info, line.px * f->scale);
    };
    auto visual = text::layout(line.text, line.rtl ? text::Direction::RTL : text::Direction::LTR,
                               static_cast<float>(width_dots - 2 * margin), advance);
    int ascent = 0, descent = 0, gap = 0;
    stbtt_GetFontVMetrics(&latin.info, &ascent, &descent, &gap);
    const float ls = stbtt_ScaleForPixelHeight(&latin.info, line.px);
    const int line_h = static_cast<int>(std::ceil(line.px * 1.35f));
    for (const auto& vl : visual) {
      ensure(height + line_h);
      const int baseline = height + static_cast<int>(std::round(ascent * ls)) + static_cast<int>(line.px * 0.1f);
      float x = (width_dots - vl.width) / 2;
      for (char32_t c : text::utf8_to_u32(vl.visual)) {
        const auto* f = impl_->face_for(c);
        float s = stbtt_ScaleForPixelHeight(&f->info, line.px * f->scale);
        int x0, y0, x1, y1;
        stbtt_GetCodepointBitmapBox(&f->info, static_cast<int>(c), s, s, &x0, &y0, &x1, &y1);
        int gw = x1 - x0, gh = y1 - y0;
        if (gw > 0 && gh > 0) {
          std::vector<unsigned char> g(static_cast<size_t>(gw) * gh);
          stbtt_MakeCodepointBitmap(&f->info, g.data(), gw, gh, gw, s, s, static_cast<int>(c));
          for (int yy = 0; yy < gh; ++yy)
            for (int xx = 0; xx < gw; ++xx) {
              int px = static_cast<int>(x) + x0 + xx, py = baseline + y0 + yy;
              if (px < 0 || px >= width_dots || py < 0) continue;
              ensure(py + 1);
              uint8_t& d = grey[static_cast<size_t>(py) * width_dots + px];
              d = std::max(d, g[static_cast<size_t>(yy) * gw + xx]);
            }
        }
        x += advance(c);
      }
      height += line_h;
    }
  }
  height += margin;
  ensure(height);
  Raster r;
  r.width = width_dots;
  r.height = height;
  r.bits.assign(static_cast<size_t>(width_dots / 8) * height, 0);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width_dots; ++x)
      if (grey[static_cast<size_t>(y) * width_dots + x] >= 110) r.bits[y * (width_dots / 8) + x / 8] |= 0x80 >> (x % 8);
  return r;
}

std::string escpos_job(const Raster& r) {
  std::string job = "\x1b\x40";  // ESC @: reset
  const int bytes_per_row = r.width / 8;
  job += "\x1d\x76\x30";       // GS v 0
  job += '\0';                 // normal density
  job += static_cast<char>(bytes_per_row & 0xff);
  job += static_cast<char>(bytes_per_row >> 8);
  job += static_cast<char>(r.height & 0xff);
  job += static_cast<char>(r.height >> 8);
  job.append(reinterpret_cast<const char*>(r.bits.data()), r.bits.size());
  job += "\x1b\x64\x04";       // ESC d 4: feed four lines
  job += "\x1d\x56\x42";       // GS V B: feed and partial cut
  job += '\0';
  return job;
}

Raster decode_escpos(const std::string& job) {
  size_t p = job.find(std::string("\x1d\x76\x30", 3));
  if (p == std::string::npos || p + 8 > job.size()) throw std::runtime_error("no GS v 0 raster in the job");
  auto u8 = [&](size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(job[i])); };
  Raster r;
  int bytes_per_row = static_cast<int>(u8(p + 4) | u8(p + 5) << 8);
  r.width = bytes_per_row * 8;
  r.height = static_cast<int>(u8(p + 6) | u8(p + 7) << 8);
  size_t n = static_cast<size_t>(bytes_per_row) * r.height;
  if (p + 8 + n > job.size()) throw std::runtime_error("the raster is cut short");
  r.bits.assign(job.begin() + p + 8, job.begin() + p + 8 + n);
  return r;
}

bool write_png(const Raster& r, const std::string& path) {
  std::vector<unsigned char> px(static_cast<size_t>(r.width) * r.height);
  for (int y = 0; y < r.height; ++y)
    for (int x = 0; x < r.width; ++x) px[static_cast<size_t>(y) * r.width + x] = r.black(x, y) ? 0 : 255;
  return stbi_write_png(path.c_str(), r.width, r.height, 1, px.data(), r.width) != 0;
}

TicketPrinter::TicketPrinter(const text::FontFiles& files, std::string device)
    : raster_(files), device_(std::move(device)) {}

bool TicketPrinter::print(const std::vector<PrintLine>& lines) const {
  std::string job = escpos_job(raster_.render(lines, print_size::kPaperDots));
  int fd = ::open(device_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  bool ok = fd >= 0 && ::write(fd, job.data(), job.size()) == static_cast<ssize_t>(job.size());
  if (fd >= 0) ::close(fd);
  if (!ok) log::error("the ticket printer did not take the ticket (" + device_ + "): check paper and cable");
  return ok;
}

}  // namespace shubbak::app
