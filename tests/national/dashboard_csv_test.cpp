// A figures Table as CSV (upstream/dashboard/csv.hpp): what Excel opens, the same "<5" as the page, no formula.
#include <gtest/gtest.h>

#include "upstream/dashboard/csv.hpp"

namespace shubbak::testing {
namespace {

using upstream::dashboard::RawTable;
using upstream::dashboard::suppress;
namespace csv = upstream::dashboard::csv;

TEST(DashboardCsv, BomCrlfTranslatedHeaderTotalsAndNotes) {
  RawTable r{"outcomes", {"served", "no_show"}, {"jisr", "legal"}, {{20, 10}, {30, 6}}};
  csv::CsvText text{"الخدمة", {"تخدمات", "ما جاتش"}, {"جسر", "قانوني"}, "المجموع", {"بلا خدمة الاستماع"}};
  EXPECT_EQ(csv::to_csv(suppress(r), text),
            "\xEF\xBB\xBF"
            "الخدمة,تخدمات,ما جاتش,المجموع\r\n"
            "جسر,20,10,30\r\n"
            "قانوني,30,6,36\r\n"
            "المجموع,50,16,66\r\n"
            "بلا خدمة الاستماع\r\n");
}

TEST(DashboardCsv, AHiddenCountIsTheSameLessThanFiveAsOnThePage) {
  csv::CsvText text{"Service", {"Visites"}, {"Écoute", "Juridique", "Jisr"}, "Total", {}};
  // The same total (94) either way: nothing in the CSV may tell 1 + 43 from 4 + 40.
  auto table = [](long long small, long long other) {
    return suppress(RawTable{"visits_by_service", {"visits"}, {"listening", "legal", "jisr"}, {{small}, {other}, {50}}});
  };
  const std::string one = csv::to_csv(table(1, 43), text);
  EXPECT_EQ(one, csv::to_csv(table(4, 40), text));
  EXPECT_EQ(one, "\xEF\xBB\xBFService,Visites\r\nÉcoute,<5\r\nJuridique,<5\r\nJisr,50\r\nTotal,94\r\n");
}

TEST(DashboardCsv, PlainLinesFollowTheSameRulesAsATable) {
  // The centres' health and the waits tables are lines of words, written by the same writer as a figures Table.
  EXPECT_EQ(csv::to_csv({{"Centre", "Statut"}, {"Centre, Hay Mohammadi", "=cmd"}, {"Les services sensibles..."}}),
            "\xEF\xBB\xBF"
            "Centre,Statut\r\n"
            "\"Centre, Hay Mohammadi\",'=cmd\r\n"
            "Les services sensibles...\r\n");
}

TEST(DashboardCsv, FieldsThatAFormulaCouldStartWithAreDisarmed) {
  EXPECT_EQ(csv::field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv::field("+212600000000"), "'+212600000000");
  EXPECT_EQ(csv::field("-1+1"), "'-1+1");
  EXPECT_EQ(csv::field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv::field("\tx"), "'\tx");
  EXPECT_EQ(csv::field("<5"), "<5");
  EXPECT_EQ(csv::field("2026-11"), "2026-11");
}

TEST(DashboardCsv, QuotesWhatRfc4180Asks) {
  EXPECT_EQ(csv::field("a, b"), "\"a, b\"");
  EXPECT_EQ(csv::field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv::field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv::field("plain"), "plain");
}

TEST(DashboardCsv, MissingLabelsFallBackToTheCodes) {
  RawTable r{"referrals_by_state", {"referrals"}, {"proposed", "accepted"}, {{0}, {0}}};
  EXPECT_EQ(csv::to_csv(suppress(r), csv::CsvText{"État", {}, {}, "Total", {}}),
            "\xEF\xBB\xBF\xC3\x89tat,referrals\r\nproposed,0\r\naccepted,0\r\nTotal,0\r\n");
}

}  // namespace
}  // namespace shubbak::testing
