// The dashboard's accounts, roles and refusals (issue 17) against a real PostgreSQL: passwords as argon2id hashes,
// lockout with a growing delay, the scope from the role only, and an audit row (never a figure, never a woman's
// data) for a page asked outside the scope. The pages themselves are tested in a real browser (tests/browser).
#include <gtest/gtest.h>

#include <regex>

#include "tests/national/dashboard_fixture.hpp"
#include "upstream/dashboard_web/dashboard_app.hpp"
#include "upstream/dashboard_web/dashboard_limits.hpp"
#include "upstream/dashboard_web/role.hpp"
#include "upstream/dashboard_web/users.hpp"

namespace shubbak::testing {
namespace {

using namespace upstream::dashboard_web;
using Kind = upstream::dashboard::Scope::Kind;

const std::string kPassword = "correct horse battery";

TEST(DashboardRoles, ParsesTheThreeFormsOnly) {
  EXPECT_EQ(parse_role("national")->kind, Kind::National);
  EXPECT_EQ(parse_role("region:07")->code, "07");
  EXPECT_EQ(parse_role("centre:MA-CAS-01")->kind, Kind::Centre);
  for (const char* bad : {"", "National", "region:7", "region:13", "region:00", "region:", "centre:", "centre:a b",
                          "centre:x'y", "admin", "region:07 "})
    EXPECT_FALSE(parse_role(bad)) << bad;
  EXPECT_EQ(scope_of(*parse_role("region:07")).kind(), Kind::Region);
  EXPECT_EQ(scope_of(*parse_role("centre:MA-CAS-01")).code(), "MA-CAS-01");
  EXPECT_EQ(scope_of(*parse_role("national")).kind(), Kind::National);
}

class DashboardAccounts : public DashboardDb {
 protected:
  void SetUp() override {
    DashboardDb::SetUp();
    users = std::make_unique<Users>(*conn);
  }
  std::unique_ptr<Users> users;
};

TEST_F(DashboardAccounts, AddKeepsOnlyAHashAndRefusesShortPasswordsBadRolesAndDuplicates) {
  EXPECT_THROW(users->add("amina", "national", "eleven char"), AccountError);
  EXPECT_THROW(users->add("amina", "region:13", kPassword), AccountError);
  EXPECT_THROW(users->add("a b", "national", kPassword), AccountError);
  users->add("amina", "region:06", kPassword);
  EXPECT_THROW(users->add("amina", "national", kPassword), AccountError);
  const std::string hash = pg.psql("SELECT password_hash FROM dashboard_users WHERE name = 'amina'");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_EQ(hash.find(kPassword), std::string::npos);
  EXPECT_EQ(pg.psql("SELECT count(*) FROM dashboard_audit WHERE what = 'user_added'"), "1");
}

TEST_F(DashboardAccounts, SignInGivesTheRoleAndLocksAfterFiveWrongPasswordsWithAGrowingDelay) {
  users->add("amina", "region:06", kPassword);
  SignInResult ok = users->sign_in("amina", kPassword);
  ASSERT_EQ(ok.kind, SignInResult::Kind::Ok);
  EXPECT_EQ(ok.role.text(), "region:06");
  for (int left = 4; left >= 1; --left) {
    SignInResult w = users->sign_in("amina", "wrong password here");
    ASSERT_EQ(w.kind, SignInResult::Kind::Wrong);
    EXPECT_EQ(w.attempts_left, left);
  }
  SignInResult locked = users->sign_in("amina", "wrong password here");
  ASSERT_EQ(locked.kind, SignInResult::Kind::Locked);
  EXPECT_FALSE(locked.locked_until.empty());
  // Locked: even the right password is not checked.
  EXPECT_EQ(users->sign_in("amina", kPassword).kind, SignInResult::Kind::Locked);
  EXPECT_EQ(pg.psql("SELECT locked_until - now() BETWEEN interval '50 seconds' AND interval '61 seconds' "
                    "FROM dashboard_users WHERE name = 'amina'"), "t");
  // The sixth wrong one (once the lock has passed) doubles the delay.
  pg.psql("UPDATE dashboard_users SET locked_until = now() - interval '1 second' WHERE name = 'amina'");
  EXPECT_EQ(users->sign_in("amina", "wrong password here").kind, SignInResult::Kind::Locked);
  EXPECT_EQ(pg.psql("SELECT locked_until - now() BETWEEN interval '110 seconds' AND interval '121 seconds' "
                    "FROM dashboard_users WHERE name = 'amina'"), "t");
  ASSERT_TRUE(users->unlock("amina"));
  EXPECT_EQ(users->sign_in("amina", kPassword).kind, SignInResult::Kind::Ok);
  EXPECT_EQ(pg.psql("SELECT count(*) FROM dashboard_audit WHERE what = 'password_lockout' AND user_name = 'amina'"),
            "2");
}

TEST_F(DashboardAccounts, AnUnknownNameIsAnsweredAsAWrongPasswordAndTheOperatorLockHolds) {
  EXPECT_EQ(users->sign_in("nobody", kPassword).kind, SignInResult::Kind::Wrong);
  users->add("salma", "national", kPassword);
  ASSERT_TRUE(users->lock("salma"));
  SignInResult r = users->sign_in("salma", kPassword);
  EXPECT_EQ(r.kind, SignInResult::Kind::Locked);
  EXPECT_EQ(r.locked_until, "operator");
  ASSERT_TRUE(users->remove("salma"));
  EXPECT_FALSE(users->remove("salma"));
  EXPECT_EQ(users->list().size(), 0u);
}

// The app in-process: sign in as a region user, then ask for another region's centre and another region's page.
class DashboardRefusals : public DashboardAccounts {
 protected:
  void SetUp() override {
    DashboardAccounts::SetUp();
    for (const auto& [centre, region] : {std::pair{"MA-CAS-01", "06"}, {"MA-MRK-01", "07"}}) {
      Ran r = run_program({upstream_bin(), "centre", "set", centre, "--region", region, "--db", pg.conninfo()});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    users->add("amina", "region:06", kPassword);
    DashboardOptions o;
    o.db = pg.conninfo();
    o.catalog = SHUBBAK_SOURCE_DIR "/config/demo/catalog.conf";
    o.assets_dir = SHUBBAK_SOURCE_DIR "/assets";
    app = std::make_unique<DashboardApp>(o);
  }
  http::Reply get(const std::string& path, const std::string& query = "") {
    http::Request r;
    r.method = "GET";
    r.path = path;
    r.query = query;
    r.peer = "192.0.2.7";
    r.headers = {{"cookie", cookies}};
    return app->handle(r);
  }
  static std::string cookie_of(const http::Reply& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == "Set-Cookie" && v.rfind(name + "=", 0) == 0) return v.substr(0, v.find(';'));
    return "";
  }
  void sign_in() {
    cookies.clear();
    http::Reply page = get("/signin");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(page.body, m, std::regex("name=\"csrf\" value=\"([^\"]+)\""))) << page.body;
    cookies = cookie_of(page, "shubbak_dash_pre");
    http::Request r;
    r.method = "POST";
    r.path = "/signin";
    r.peer = "192.0.2.7";
    r.headers = {{"cookie", cookies}, {"content-type", "application/x-www-form-urlencoded"}};
    r.body = "csrf=" + m[1].str() + "&name=amina&password=correct+horse+battery";
    http::Reply signed_in = app->handle(r);
    ASSERT_EQ(signed_in.status, 303) << signed_in.body;
    cookies = cookie_of(signed_in, "shubbak_dash");
    ASSERT_FALSE(cookies.empty());
  }
  http::Reply post(const std::string& path, const std::string& body) {
    http::Request r;
    r.method = "POST";
    r.path = path;
    r.peer = "192.0.2.7";
    r.headers = {{"cookie", cookies}, {"content-type", "application/x-www-form-urlencoded"}};
    r.body = body;
    return app->handle(r);
  }
  std::string csrf_of(const std::string& html) {
    std::smatch m;
    return std::regex_search(html, m, std::regex("name=\"csrf\" value=\"([^\"]+)\"")) ? m[1].str() : "";
  }
  std::unique_ptr<DashboardApp> app;
  std::string cookies;
};

TEST_F(DashboardRefusals, ASignInOrSignOutWithoutItsFormsTokenIsRefused) {
  http::Reply page = get("/signin");
  const std::string token = csrf_of(page.body);
  ASSERT_FALSE(token.empty());
  // No pre-session cookie (another site's form), then the cookie with another token.
  http::Reply r = post("/signin", "csrf=" + token + "&name=amina&password=correct+horse+battery");
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(cookie_of(r, "shubbak_dash").empty());
  cookies = cookie_of(page, "shubbak_dash_pre");
  r = post("/signin", "csrf=" + std::string(token.size(), 'A') + "&name=amina&password=correct+horse+battery");
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(cookie_of(r, "shubbak_dash").empty());
  sign_in();
  const std::string session_csrf = csrf_of(get("/").body);
  EXPECT_EQ(post("/signout", "csrf=" + std::string(session_csrf.size(), 'A')).status, 403);
  EXPECT_EQ(get("/").status, 200) << "a refused sign-out leaves her signed in";
  EXPECT_EQ(post("/signout", "csrf=" + session_csrf).status, 303);
  http::Reply after = get("/");
  EXPECT_EQ(after.status, 303);
  EXPECT_EQ(after.headers.front().second, "/signin");
}

TEST_F(DashboardRefusals, ASessionEndsAfterFifteenIdleMinutesAndEightHoursInAnyCase) {
  sign_in();
  app->clock().advance(std::chrono::minutes(limits::kIdleMinutes) - std::chrono::seconds(5));
  EXPECT_EQ(get("/").status, 200) << "still within the idle time";
  app->clock().advance(std::chrono::minutes(limits::kIdleMinutes) + std::chrono::seconds(1));
  http::Reply r = get("/");
  EXPECT_EQ(r.status, 303);
  http::Reply signin = get("/signin");
  EXPECT_NE(signin.body.find("15 دقيقة"), std::string::npos) << "the sign-in page says why, once";
  EXPECT_EQ(get("/signin").body.find("15 دقيقة"), std::string::npos);
  // Active all along, still signed out at the absolute end.
  sign_in();
  for (int m = 0; m < limits::kAbsoluteHours * 60; m += limits::kIdleMinutes - 1) {
    app->clock().advance(std::chrono::minutes(limits::kIdleMinutes - 1));
    if (get("/").status != 200) {
      EXPECT_GE(m + limits::kIdleMinutes - 1, limits::kAbsoluteHours * 60 - limits::kIdleMinutes);
      return;
    }
  }
  ADD_FAILURE() << "the session outlived " << limits::kAbsoluteHours << " hours";
}

TEST_F(DashboardRefusals, FiveWrongPasswordsLockTheAccountAndThePageSaysUntilWhen) {
  for (int i = 0; i < 5; ++i) {
    http::Reply page = get("/signin");
    if (cookies.empty()) cookies = cookie_of(page, "shubbak_dash_pre");
    http::Reply r = post("/signin", "csrf=" + csrf_of(page.body) + "&name=amina&password=not+her+password+at+all");
    EXPECT_EQ(r.status, i < 4 ? 401 : 403) << i;
    if (i == 4) {
      EXPECT_NE(r.body.find("مسدود حتى"), std::string::npos) << r.body;
    }
  }
  EXPECT_EQ(pg.psql("SELECT count(*) FROM dashboard_audit WHERE what = 'password_lockout'"), "1");
}

TEST_F(DashboardRefusals, AnotherRegionsCentreOrPageIsRefusedWithWordsAndAudited) {
  sign_in();
  EXPECT_EQ(get("/centres/MA-CAS-01").status, 200);
  for (const auto& [path, query] : {std::pair<std::string, std::string>{"/centres/MA-MRK-01", ""},
                                    {"/centres/MA-MRK-01", "format=csv&table=visits_by_service"},
                                    {"/centres/NO-SUCH-CENTRE", ""},
                                    {"/", "region=07"},
                                    {"/centres", "region=07&format=csv&table=health"}}) {
    http::Reply r = get(path, query);
    EXPECT_EQ(r.status, 403) << path << "?" << query;
    EXPECT_NE(r.body.find("الطلب تسجل"), std::string::npos) << r.body.substr(0, 400);  // in Arabic, the default
    EXPECT_EQ(r.content_type.rfind("text/html", 0), 0u) << "a refusal is a page, never the CSV";
  }
  EXPECT_EQ(pg.psql("SELECT string_agg(detail, ' ' ORDER BY id) FROM dashboard_audit WHERE what = 'forbidden' "
                    "AND user_name = 'amina'"),
            "/centres/MA-MRK-01 /centres/MA-MRK-01?format=csv&table=visits_by_service /centres/NO-SUCH-CENTRE "
            "/?region=07 /centres?region=07&format=csv&table=health");
  EXPECT_EQ(get("/", "region=06").status, 200);
}

}  // namespace
}  // namespace shubbak::testing
