// Registration through the on-screen keyboards, driven like a finger, checked in the database.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "store/database.hpp"
#include "tests/integration/helpers.hpp"

using namespace shubbak::testing;
using nlohmann::json;

class Registration : public ::testing::Test {
 protected:
  void SetUp() override { make_config(t.path / "cfg"); }
  Result kiosk(const std::string& script, const std::string& lang) {
    write_file(t.path / "script.txt", script);
    return run({bin("shubbak-kiosk"), "--headless", "--lang", lang, "--data", (t.path / "data").string(), "--config",
                (t.path / "cfg").string(), "--script", (t.path / "script.txt").string(), "--shots",
                (t.path / "shots").string(), "--audit", (t.path / "audit.jsonl").string()});
  }
  std::string query(const std::string& sql) {
    auto db = shubbak::store::Database::open((t.path / "data/shubbak.db").string());
    return db.scalar_text(sql);
  }
  std::vector<json> audit() {
    std::vector<json> out;
    std::istringstream in(read_file(t.path / "audit.jsonl"));
    for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
    return out;
  }
  TempDir t;
};

// The jisr service asks: name, phone, cin (optional), birth year, commune, contact.
static std::string journey(const std::string& lang, const std::string& name, const std::string& consent) {
  return "tap lang." + lang + "\ntap service.jisr\ntap action.register\nexpect screen form\ntype " + name +
         "\nshot name\ntap form.next\ntype 0612345678\ntap form.next\ntap form.next\ntype 1990\ntap form.next\n"
         "type Anfa\ntap form.next\ntap contact.sms\ntap form.next\nexpect screen consent\ntap consent." + consent +
         (consent == "yes" ? "\ntap consent.yes\ntap consent.yes" : "") + "\nexpect screen ticket\n";  // sms, share
}

TEST_F(Registration, ArabicNameTypedOnTheArabicKeyboardIsStoredInLogicalOrder) {
  Result r = kiosk(journey("ar", "فاطمة الزهراء", "yes"), "ar");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(query("SELECT full_name FROM visitors"), "فاطمة الزهراء");
  EXPECT_EQ(query("SELECT phone FROM visitors"), "0612345678");
  EXPECT_EQ(query("SELECT commune || '/' || contact || '/' || birth_year FROM visitors"), "Anfa/sms/1990");
  EXPECT_EQ(query("SELECT count(*) FROM registrations WHERE consent=1"), "1");
  EXPECT_EQ(query("SELECT kind FROM outbox WHERE kind='registration'"), "registration");
  // The field showed what she typed, as logical text.
  auto a = audit();
  ASSERT_EQ(a.size(), 1u);
  bool found = false;
  for (const auto& w : a[0]["widgets"]) found = found || (w["id"] == "form.field" && w["label"] == "فاطمة الزهراء");
  EXPECT_TRUE(found);
}

TEST_F(Registration, TifinaghAndFrenchNamesToo) {
  ASSERT_EQ(kiosk(journey("zgh", "ⵜⴰⵍⵍⴰ", "yes"), "zgh").exit_code, 0);
  EXPECT_EQ(query("SELECT full_name FROM visitors"), "ⵜⴰⵍⵍⴰ");
  TempDir other;
  t.path.swap(other.path);
  make_config(t.path / "cfg");
  Result r = kiosk(journey("fr", "Hélène Aït", "yes"), "fr");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(query("SELECT full_name FROM visitors"), "Hélène Aït");
  t.path.swap(other.path);
}

TEST_F(Registration, RefusedConsentStillGivesATicketAndStoresNothingAboutHer) {
  Result r = kiosk(journey("fr", "Khadija", "no"), "fr");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(query("SELECT count(*) FROM visitors"), "0");
  EXPECT_EQ(query("SELECT count(*) FROM registrations"), "0");
  EXPECT_EQ(query("SELECT count(*) FROM tickets WHERE visitor_id IS NULL"), "1");
  EXPECT_EQ(query("SELECT count(*) FROM outbox WHERE kind='registration'"), "0");
}

TEST_F(Registration, InvalidPhoneIsExplainedInHerLanguageAndCanBeCorrected) {
  Result r = kiosk("tap lang.fr\ntap service.jisr\ntap action.register\ntype Amina\ntap form.next\n"
                   "type 0522123456\ntap form.next\nexpect screen form\n"
                   "expect text form.error Il faut un numéro de portable : il commence par 06 ou 07\n"
                   + [] { std::string b; for (int i = 0; i < 10; ++i) b += "tap key.backspace\n"; return b; }() +
                   "type 07123\ntap form.next\nexpect text form.error Le numéro a 10 chiffres, par exemple 0612345678\n"
                   "type 45678\ntap form.next\nexpect text form.step Étape 3 sur 6\n",
                   "fr");
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(Registration, KeyboardKeysAreAtLeast15mmWide) {
  std::string script = "tap lang.ar\ntap service.jisr\ntap action.register\nshot ar\ntap key.layout.fr\nshot fr\n"
                       "tap key.layout.zgh\nshot zgh\ntype Nadia\ntap form.next\nshot digits\n"
                       "type 0612345678\ntap form.next\nshot cin\n";
  Result r = kiosk(script, "ar");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto a = audit();
  ASSERT_EQ(a.size(), 5u);
  for (const auto& shot : a) {
    double ppm = shot["px_per_mm"];
    int keys = 0;
    for (const auto& w : shot["widgets"]) {
      if (w["id"].get<std::string>().rfind("key.", 0) != 0) continue;
      ++keys;
      EXPECT_GE(w["rect"][2].get<double>() / ppm, 15.0) << shot["shot"] << " " << w["id"];
      EXPECT_GE(w["rect"][3].get<double>() / ppm, 15.0) << shot["shot"] << " " << w["id"];
    }
    EXPECT_GE(keys, 12) << shot["shot"];
  }
}
