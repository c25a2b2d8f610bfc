// Printed tickets for thermal printers: the ticket is drawn as a 1-bit image (so Arabic and Tifinagh print
// correctly whatever fonts the printer has) and sent as an ESC/POS raster (GS v 0) to a device or a file.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/text/fonts.hpp"

namespace shubbak::app {

// The printed ticket's sizes, in printer dots (203 dpi): one place.
namespace print_size {
constexpr int kPaperDots = 576;   // 80 mm paper (384 for 58 mm)
constexpr int kHeading = 28;      // centre name, "your ticket"
constexpr int kNumber = 120;      // the ticket number, read from across the hall
constexpr int kService = 30;      // service and counters
constexpr int kSmall = 26;        // day and time, "keep this ticket"
}  // namespace print_size

struct Raster {
  int width = 0, height = 0;  // dots; width is a multiple of 8
  std::vector<uint8_t> bits;  // row-major, MSB first, 1 = black
  bool black(int x, int y) const { return bits[y * (width / 8) + x / 8] & (0x80 >> (x % 8)); }
};

struct PrintLine {
  std::string text;  // logical UTF-8
  float px = 32;     // font height in dots
  bool rtl = false;
};

class TicketRasteriser {
 public:
  // Throws text::FontError when a font file is missing.
  explicit TicketRasteriser(const text::FontFiles& files);
  ~TicketRasteriser();
  // Lines centred, wrapped to the paper; width in dots (384 for 58 mm paper at 203 dpi, 576 for 80 mm).
  Raster render(const std::vector<PrintLine>& lines, int width_dots) const;

 private:
  struct Impl;
  Impl* impl_;
};

// The configured printer: a device (or a file) the ESC/POS job is appended to.
class TicketPrinter {
 public:
  // Throws text::FontError when a font file is missing.
  TicketPrinter(const text::FontFiles& files, std::string device);
  // False when the printer did not take the job (logged for the operator: paper, cable).
  bool print(const std::vector<PrintLine>& lines) const;

 private:
  TicketRasteriser raster_;
  std::string device_;
};

// ESC @ (reset), GS v 0 (raster), feed, partial cut.
std::string escpos_job(const Raster& r);
// Reads back the first GS v 0 image of a job (tests; a printer's view of the bytes).
Raster decode_escpos(const std::string& job);
// Writes a raster as a PNG (tests, and to look at what would print).
bool write_png(const Raster& r, const std::string& path);

}  // namespace shubbak::app
