// The desk's pieces in-process: strict forms, cookies, tokens, the session map, the rate limit, the pages' escaping.
#include <gtest/gtest.h>

#include "desk/form.hpp"
#include "desk/pages.hpp"
#include "desk/rate_limit.hpp"
#include "desk/static_files.hpp"
#include "desk/tokens.hpp"

using namespace shubbak;
using namespace shubbak::desk;

TEST(DeskForm, ReadsFieldsWithEscapesAndPlus) {
  Form f = parse_urlencoded("csrf=abc&note=rdv+lundi%2C+9h&lang=ar&n=%D8%B3%D9%84%D9%85%D9%89");
  EXPECT_EQ(f.get("note"), "rdv lundi, 9h");
  EXPECT_EQ(f.get("n"), "سلمى");
  EXPECT_EQ(f.get("missing"), "");
  EXPECT_TRUE(parse_urlencoded("").fields.empty());
}

TEST(DeskForm, RefusesWhatABrowserNeverSends) {
  for (const char* bad : {"a=1&a=2", "=x", "a", "a=%zz", "a=%4", "a=\x01", "a=%00", "a=%C3%28", "a=%ED%A0%80",
                          "a=%C0%AF", "a b=1", "a=1&&b=2"})
    EXPECT_THROW(parse_urlencoded(bad), FormError) << bad;
  EXPECT_THROW(parse_urlencoded(std::string(16 * 1024 + 1, 'a')), FormError);
  std::string many;
  for (int i = 0; i < 17; ++i) many += (i ? "&f" : "f") + std::to_string(i) + "=1";
  EXPECT_THROW(parse_urlencoded(many), FormError);
  EXPECT_NO_THROW(parse_urlencoded("note=ligne+1%0D%0Aligne+2"));
}

TEST(DeskForm, ContentTypeMustBeUrlencoded) {
  EXPECT_TRUE(is_urlencoded("application/x-www-form-urlencoded"));
  EXPECT_TRUE(is_urlencoded("application/x-www-form-urlencoded; charset=UTF-8"));
  EXPECT_FALSE(is_urlencoded("multipart/form-data; boundary=x"));
  EXPECT_FALSE(is_urlencoded("text/plain"));
}

TEST(DeskCookies, FirstOneWinsAndJunkStopsTheRead) {
  auto c = parse_cookies("a=1; shubbak_desk=XYZ; a=2");
  EXPECT_EQ(c["a"], "1");
  EXPECT_EQ(c["shubbak_desk"], "XYZ");
  EXPECT_TRUE(parse_cookies(std::string(5000, 'x') + "=1").empty());
}

TEST(DeskTokens, RandomUrlSafeAndComparedWhole) {
  std::string a = random_token(), b = random_token();
  EXPECT_EQ(a.size(), 43u);  // 32 bytes, base64url without padding
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
  EXPECT_TRUE(same_token(a, a));
  EXPECT_FALSE(same_token(a, b));
  EXPECT_FALSE(same_token(a, a.substr(0, 42)));
  EXPECT_FALSE(same_token("", ""));
}

TEST(DeskRateLimit, TenAMinutePerPeer) {
  RateLimit r(10, 4);
  TimePoint t{};
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(r.allow("192.168.1.5", t));
  EXPECT_FALSE(r.allow("192.168.1.5", t));
  EXPECT_TRUE(r.allow("192.168.1.6", t)) << "another PC is not held back";
  EXPECT_TRUE(r.allow("192.168.1.5", t + Seconds(61)));
}

class DeskPages : public ::testing::Test {
 protected:
  CentreConfig cfg = CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
  Translations tr = Translations::load(SHUBBAK_SOURCE_DIR "/assets/i18n");
  Pages pages{SHUBBAK_SOURCE_DIR "/assets/desk/templates", tr, cfg};
};

TEST_F(DeskPages, EverythingFromTheStoreIsEscaped) {
  CounterState s;
  s.screen = CounterScreen::Console;
  s.staff_name = "<script>alert(1)</script>";
  s.current_id = "t\"1";
  s.current_number = "A-001";
  ConsoleSnapshot snap;
  snap.details = VisitorDetails{"Fatima \"><img src=x onerror=alert(1)>", "0612345678", "", "1985", "Hay <b>", {}};
  snap.queue.push_back({"id\"><script>", "B-002", "jisr", true, 4});
  std::string html = pages.console({s, snap, "ar", "tok", "", 7});
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<img src=x"), std::string::npos);
  EXPECT_EQ(html.find("\"><script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<html lang=\"ar\" dir=\"rtl\">"), std::string::npos);
  EXPECT_NE(html.find("id=\"details\""), std::string::npos);
  EXPECT_NE(html.find("data-version=\"7\""), std::string::npos);
  EXPECT_EQ(html.find("{{"), std::string::npos);
  EXPECT_EQ(html.find("style="), std::string::npos) << "CSP: no inline style";
  EXPECT_EQ(html.find("<script>"), std::string::npos) << "CSP: no inline script";
}

TEST_F(DeskPages, HerDetailsOnlyWhileSheIsServed) {
  CounterState s;
  s.screen = CounterScreen::Console;
  ConsoleSnapshot snap;
  std::string html = pages.console({s, snap, "fr", "tok", "", 1});
  EXPECT_EQ(html.find("id=\"details\""), std::string::npos);
  EXPECT_NE(html.find("id=\"call-next\""), std::string::npos);
  EXPECT_EQ(html.find("id=\"served\""), std::string::npos);
}

TEST_F(DeskPages, TheSignInPageHasTheContractsFieldsInEachLanguage) {
  for (const char* lang : {"ar", "zgh", "fr"}) {
    std::string html = pages.signin({lang, "tok", "", {{"salma", "Salma B."}}, "", 1});
    for (const char* id : {"id=\"signin\"", "id=\"login\"", "id=\"pin\"", "id=\"counter\"", "id=\"signin-submit\"",
                           "name=\"lang\" value=\"zgh\"", "name=\"csrf\" value=\"tok\"", "inputmode=\"numeric\""})
      EXPECT_NE(html.find(id), std::string::npos) << lang << " " << id;
    EXPECT_NE(html.find(std::string("dir=\"") + (std::string(lang) == "ar" ? "rtl" : "ltr") + "\""), std::string::npos);
  }
}

TEST(DeskPagesKeys, MarkersNameKeysWithTheirDots) {
  EXPECT_EQ(Pages::keys_in("a {{T_counter__call_next}} {{NAME}} {{T_desk__signin}}"),
            (std::set<std::string>{"counter.call_next", "desk.signin"}));
}

// A page load fetches neither the stylesheet nor the script again: the pages link them under a versioned address
// the browser may keep; the plain address is still answered, asked for again each time.
TEST(DeskStatic, TheStylesheetAndScriptAreKeptUnderTheirVersionedAddress) {
  StaticFiles files(SHUBBAK_SOURCE_DIR "/assets/desk", "/usr/share/fonts/truetype/noto");
  const std::string css = files.url("desk.css");
  ASSERT_EQ(css.rfind("/static/desk.css?v=", 0), 0u) << css;
  auto cache_of = [&](const std::string& path, const std::string& query) {
    auto r = files.get(path, query);
    EXPECT_TRUE(r.has_value()) << path;
    for (const auto& [k, v] : r->headers)
      if (k == "Cache-Control") return v;
    return std::string();
  };
  EXPECT_EQ(cache_of("/static/desk.css", css.substr(css.find('?') + 1)), "public, max-age=31536000, immutable");
  EXPECT_EQ(cache_of("/static/desk.css", ""), "no-cache");
  EXPECT_EQ(cache_of("/static/desk.css", "v=0000"), "no-cache") << "an old version's address is not kept";
  CentreConfig cfg = CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
  Translations tr = Translations::load(SHUBBAK_SOURCE_DIR "/assets/i18n");
  Pages pages{SHUBBAK_SOURCE_DIR "/assets/desk/templates", tr, cfg, {css, files.url("desk.js")}};
  const std::string html = pages.signin({"fr", "tok", "", {}, "", 1});
  EXPECT_NE(html.find("href=\"" + css + "\""), std::string::npos) << html;
  EXPECT_NE(html.find("src=\"" + files.url("desk.js") + "\""), std::string::npos) << html;
}
