// Translation catalogues: every key the screens use exists in every language, no key is unused, and the
// {placeholders} of a key are the same in every language.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "common/i18n.hpp"
#include "common/languages.hpp"

using namespace shubbak;
namespace fs = std::filesystem;

static std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The desk's and the dashboard's templates name keys as {{T_prefix__key}} ("__" stands for the dot:
// web/templates.hpp).
static void add_template_keys(std::set<std::string>& keys) {
  std::regex marker(R"re(\{\{T_([a-z0-9_]+)\}\})re");
  for (const char* dir : {"/assets/desk/templates", "/assets/dashboard/templates"}) {
    for (const auto& f : fs::directory_iterator(std::string(SHUBBAK_SOURCE_DIR) + dir)) {
      if (f.path().extension() != ".tpl") continue;
      std::string text = slurp(f.path());
      for (auto it = std::sregex_iterator(text.begin(), text.end(), marker); it != std::sregex_iterator(); ++it)
        keys.insert(std::regex_replace(std::string((*it)[1]), std::regex("__"), "."));
    }
  }
}

static std::set<std::string> keys_used_in_code() {
  std::set<std::string> keys;
  // tr("key"...), tr_in(lang, "key"...)
  std::regex call(R"re(\b(?:tr|tr_in|N_)\((?:[^"()]*,\s*)?"([a-z_]+(?:\.[a-z_]+)*)")re");
  // Keys the domain hands to the screens (validation messages) are string literals in kiosk/core.
  std::regex literal(R"re("((?:form\.error|checkin|prompt|counter)\.[a-z_]+)")re");
  // The desk hands keys to its error pages as literals too (its file names desk.css and desk.js are not keys).
  std::regex desk_literal(R"re("((?:counter|desk)\.(?!css"|js")[a-z_]+)")re");
  for (const char* dir : {"/kiosk/ui", "/kiosk/app", "/kiosk/core", "/kiosk/store", "/desk", "/sms"})
    for (const auto& f : fs::directory_iterator(std::string(SHUBBAK_SOURCE_DIR) + dir)) {
      if (f.path().extension() != ".cpp") continue;
      std::string text = slurp(f.path());
      for (auto it = std::sregex_iterator(text.begin(), text.end(), call); it != std::sregex_iterator(); ++it)
        keys.insert((*it)[1]);
      const std::string d = dir;
      const std::regex* lit = d == "/desk" ? &desk_literal : (d == "/kiosk/core" || d == "/kiosk/store") ? &literal : nullptr;
      if (lit)
        for (auto it = std::sregex_iterator(text.begin(), text.end(), *lit); it != std::sregex_iterator(); ++it)
          keys.insert((*it)[1]);
    }
  // The dashboard's keys are literals "dashboard.…" in its code and in the figures' header (the note's key).
  std::regex dashboard_literal(R"re("(dashboard\.(?!css")[a-z0-9_]+(?:\.[a-z0-9_]+)*)")re");
  for (const char* path : {"/upstream/dashboard_web", "/upstream/dashboard/figures.hpp"}) {
    const fs::path p = std::string(SHUBBAK_SOURCE_DIR) + path;
    std::vector<fs::path> files;
    if (fs::is_directory(p)) {
      for (const auto& f : fs::directory_iterator(p))
        if (f.path().extension() == ".cpp") files.push_back(f.path());
    } else {
      files.push_back(p);
    }
    for (const auto& f : files) {
      std::string text = slurp(f);
      for (auto it = std::sregex_iterator(text.begin(), text.end(), dashboard_literal); it != std::sregex_iterator(); ++it)
        keys.insert((*it)[1]);
    }
  }
  add_template_keys(keys);
  return keys;
}

TEST(Catalogues, TheDeskTemplatesNameOnlyTranslatedKeys) {
  std::set<std::string> keys;
  add_template_keys(keys);
  EXPECT_TRUE(keys.count("counter.call_next") && keys.count("desk.signin")) << "the template scan found no keys";
  Translations t = Translations::load(SHUBBAK_SOURCE_DIR "/assets/i18n");
  for (const auto& k : keys)
    EXPECT_TRUE(placeholders(t.get("fr", k)).empty()) << k << " has {placeholders}: the code must fill it, not a template";
}

TEST(PoParser, ReadsKeysTextsContinuationsAndEscapes) {
  auto e = parse_po("# c\nmsgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\nmsgid \"a.b\"\nmsgstr \"x \\\"y\\\"\"\n\"z\\n\"\n",
                    "t.po");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].key, "a.b");
  EXPECT_EQ(e[0].text, "x \"y\"z\n");
  EXPECT_EQ(e[0].line, 6);
}

TEST(PoParser, ErrorsNameTheLine) {
  EXPECT_THROW(parse_po("msgid \"a\"\n", "t.po"), PoError);
  EXPECT_THROW(parse_po("msgid \"a\"\nmsgstr \"b\"\nmsgid \"a\"\nmsgstr \"c\"\n", "t.po"), PoError);
  try {
    parse_po("msgid \"a\"\nmsgstr \"b\n", "t.po");
    FAIL();
  } catch (const PoError& err) {
    EXPECT_EQ(std::string(err.what()).rfind("t.po:2:", 0), 0u) << err.what();
  }
}

TEST(Format, FillsPlaceholders) {
  EXPECT_EQ(format("Guichet {counter}", {{"counter", "3"}}), "Guichet 3");
  EXPECT_EQ(format("{a}{b}{a}", {{"a", "1"}, {"b", "2"}}), "121");
  EXPECT_EQ(format("{unknown}", {}), "{unknown}");
  EXPECT_EQ(placeholders("{b} x {a}"), (std::vector<std::string>{"a", "b"}));
}

TEST(Catalogues, EveryKeyUsedInCodeIsTranslatedInEveryLanguage) {
  Translations t = Translations::load(SHUBBAK_SOURCE_DIR "/assets/i18n");
  auto used = keys_used_in_code();
  ASSERT_GT(used.size(), 20u);
  for (const auto& lang : language_codes())
    for (const auto& k : used) EXPECT_TRUE(t.has(lang, k)) << lang << ".po lacks " << k;
}

TEST(Catalogues, NoCatalogueHasAKeyNobodyUses) {
  Translations t = Translations::load(SHUBBAK_SOURCE_DIR "/assets/i18n");
  auto used = keys_used_in_code();
  for (const auto& lang : language_codes())
    for (const auto& [k, v] : t.all(lang)) EXPECT_TRUE(used.count(k)) << lang << ".po has unused key " << k;
}

TEST(Catalogues, PlaceholdersAgreeAcrossLanguages) {
  Translations t = Translations::load(SHUBBAK_SOURCE_DIR "/assets/i18n");
  for (const auto& [k, fr] : t.all("fr"))
    for (const auto& lang : language_codes())
      EXPECT_EQ(placeholders(t.get(lang, k)), placeholders(fr)) << lang << " " << k;
}

TEST(Catalogues, LanguageButtonsUseEachLanguagesOwnName) {
  EXPECT_EQ(find_language("ar")->own_name, "العربية");
  EXPECT_EQ(find_language("zgh")->own_name, "ⵜⴰⵎⴰⵣⵉⵖⵜ");
  EXPECT_EQ(find_language("fr")->own_name, "Français");
  EXPECT_TRUE(find_language("ar")->rtl);
  EXPECT_FALSE(find_language("zgh")->rtl);
}
