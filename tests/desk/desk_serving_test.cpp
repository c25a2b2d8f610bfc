// The served page of a real shubbak-desk: the note's limit (told, never a silent cut) and the transfer list (never
// her current service, nothing chosen for staff).
#include <gtest/gtest.h>

#include <cctype>
#include <regex>

#include "common/i18n.hpp"
#include "tests/desk/desk_fixture.hpp"

using namespace shubbak;
using namespace shubbak::testing;

namespace {

constexpr size_t kLimit = 500;  // the note's limit staff are told (kiosk/core/counter_flow.hpp kMaxNoteChars)

std::string repeat(const std::string& piece, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += piece;
  return out;
}

std::string form_escape(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) out += static_cast<char>(c);
    else out += std::string("%") + hex[c >> 4] + hex[c & 15];
  }
  return out;
}

// The text of a page as a person reads it (the pages escape quotes and apostrophes).
std::string unescaped(std::string s) {
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"&#39;", "'"}, {"&quot;", "\""}, {"&lt;", "<"},
                                 {"&gt;", ">"}, {"&amp;", "&"}})
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

// The <option>s of the <select> with this id: (value, selected).
std::vector<std::pair<std::string, bool>> options_of(const std::string& html, const std::string& id) {
  std::vector<std::pair<std::string, bool>> out;
  size_t at = html.find("id=\"" + id + "\"");
  if (at == std::string::npos) return out;
  const std::string select = html.substr(at, html.find("</select>", at) - at);
  static const std::regex option(R"re(<option value="([^"]*)"( selected)?)re");
  for (auto it = std::sregex_iterator(select.begin(), select.end(), option); it != std::sregex_iterator(); ++it)
    out.emplace_back((*it)[1], (*it)[2].matched);
  return out;
}

}  // namespace

class DeskServing : public ::testing::Test {
 protected:
  // Signed in at desk 1, serving the ticket just issued for jisr.
  Browser serving() {
    desk.issue("jisr");
    Browser b = desk.browser();
    EXPECT_TRUE(b.sign_in("salma", "4821", 1)) << b.last_page;
    EXPECT_EQ(b.post("/call-next", "csrf=" + b.csrf()).status, 303);
    b.get("/console");
    EXPECT_EQ(text_of(b.last_page, "current-number"), "A-001");
    return b;
  }
  std::string words(const std::string& key) {
    return format(tr.get("fr", key), {{"max", std::to_string(kLimit)}});
  }
  DeskProcess desk;
  Translations tr = Translations::load(SHUBBAK_SOURCE_DIR "/assets/i18n");
};

TEST_F(DeskServing, ANoteOverTheLimitIsRefusedWithWordsAndHerFormKeptAsTyped) {
  Browser b = serving();
  const std::string max = std::to_string(kLimit);
  EXPECT_NE(b.last_page.find("maxlength=\"" + max + "\""), std::string::npos) << "the textarea does not say the limit";
  const std::string too_long = repeat("ب", kLimit + 1);  // 1,002 bytes
  HttpAnswer a = b.post("/served", "csrf=" + b.csrf() + "&outcome=follow_up&note=" + form_escape(too_long));
  EXPECT_EQ(a.status, 400) << "a note over the limit was taken (and cut)";
  EXPECT_EQ(unescaped(text_of(a.body, "message")), words("counter.note_too_long"));
  EXPECT_EQ(text_of(a.body, "note"), too_long) << "her note is not given back as she typed it";
  EXPECT_NE(a.body.find("<option value=\"follow_up\" selected>"), std::string::npos) << "her outcome is lost";
  EXPECT_EQ(desk.q("SELECT state FROM tickets WHERE number='A-001'"), "called") << "nothing is saved";

  // 500 Arabic letters (1,000 bytes) and a line break sent as CRLF: the limit counts them as the textarea does.
  const std::string fits = repeat("ب", kLimit - 2) + "\r\nب";
  EXPECT_EQ(b.post("/served", "csrf=" + b.csrf() + "&outcome=follow_up&note=" + form_escape(fits)).status, 303);
  EXPECT_EQ(desk.q("SELECT state || '/' || outcome FROM tickets WHERE number='A-001'"), "served/follow_up");
  EXPECT_EQ(desk.q("SELECT note FROM tickets WHERE number='A-001'"), repeat("ب", kLimit - 2) + "\nب")
      << "a note within the limit is not kept whole";
}

TEST_F(DeskServing, TheTransferListNeverOffersHerCurrentServiceAndChoosesNothing) {
  Browser b = serving();
  auto options = options_of(b.last_page, "transfer-service");
  ASSERT_GT(options.size(), 2u) << b.last_page;
  for (const auto& [value, selected] : options) EXPECT_NE(value, "jisr") << "her own service is offered";
  int selected = 0;
  for (const auto& [value, sel] : options) selected += sel;
  EXPECT_EQ(selected, 1);
  EXPECT_EQ(options.front(), std::make_pair(std::string(""), true)) << "a service is chosen for staff";
  EXPECT_NE(b.last_page.find("name=\"service\" required"), std::string::npos);

  HttpAnswer same = b.post("/transfer", "csrf=" + b.csrf() + "&service=jisr");
  EXPECT_EQ(same.status, 400) << "a transfer to where she already is was accepted";
  EXPECT_NE(unescaped(same.body).find(words("counter.transfer_same_service")), std::string::npos) << same.body;
  EXPECT_EQ(desk.q("SELECT service_id || '/' || state FROM tickets WHERE number='A-001'"), "jisr/called");
  EXPECT_EQ(desk.q("SELECT count(*) FROM audit_log WHERE action='transferred'"), "0");
}
