// Printed tickets: the ESC/POS raster, read back as a printer would and then by OCR, shows the ticket number.
#include <gtest/gtest.h>

#include <regex>

#include "tests/integration/helpers.hpp"
#include "kiosk/app/ticket_printer.hpp"

using namespace shubbak::testing;

class Printing : public ::testing::Test {
 protected:
  void SetUp() override {
    make_config(t.path / "cfg");
    std::string c = read_file(t.path / "cfg/centre.conf");
    c = std::regex_replace(c, std::regex("\\[kiosk\\]"), "[printer]\ndevice = " + device().string() + "\n\n[kiosk]");
    write_file(t.path / "cfg/centre.conf", c);
  }
  fs::path device() const { return t.path / "printer.bin"; }
  Result kiosk(const std::string& lang, const std::string& script) {
    write_file(t.path / "s.txt", script);
    return run({bin("shubbak-kiosk"), "--headless", "--lang", lang, "--data", (t.path / "data").string(), "--config",
                (t.path / "cfg").string(), "--script", (t.path / "s.txt").string(), "--shots",
                (t.path / "shots").string(), "--audit", (t.path / "audit.jsonl").string()});
  }
  std::string ocr() {
    shubbak::app::Raster r = shubbak::app::decode_escpos(read_file(device()));
    EXPECT_EQ(r.width, 576);
    EXPECT_GT(r.height, 200);
    EXPECT_TRUE(shubbak::app::write_png(r, (t.path / "ticket.png").string()));
    Result o = run({"/usr/bin/tesseract", (t.path / "ticket.png").string(), "stdout", "--psm", "11"});
    EXPECT_EQ(o.exit_code, 0) << o.err;
    return o.out;
  }
  TempDir t;
};

TEST_F(Printing, TheRasterReadsBackWithTheTicketNumber) {
  Result r = kiosk("ar", "tap lang.ar\ntap service.jisr\ntap action.ticket\nexpect screen ticket\nshot t\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string text = ocr();
  EXPECT_NE(text.find("A-001"), std::string::npos) << text;
  EXPECT_NE(read_file(t.path / "audit.jsonl").find("خدي الورقة ديالك"), std::string::npos)
      << "printed: the screen says to take the ticket";
}

TEST_F(Printing, ASensitiveTicketPrintsOnlyTheNumber) {
  Result r = kiosk("fr", "tap lang.fr\ntap service.listening\ntap action.ticket\nexpect screen ticket\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string text = ocr();
  EXPECT_NE(text.find("E-001"), std::string::npos) << text;
  EXPECT_EQ(text.find("coute"), std::string::npos) << text;
  EXPECT_EQ(text.find("Guichet"), std::string::npos) << text;
}

TEST_F(Printing, NoPaperMeansRememberYourNumber) {
  std::string c = read_file(t.path / "cfg/centre.conf");
  c = std::regex_replace(c, std::regex("device = .*"), "device = " + (t.path / "unplugged/lp0").string());
  write_file(t.path / "cfg/centre.conf", c);
  Result r = kiosk("fr", "tap lang.fr\ntap service.jisr\ntap action.ticket\nexpect screen ticket\n"
                         "expect text ticket.hint Retenez votre numéro\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("printer did not take the ticket"), std::string::npos);
}
