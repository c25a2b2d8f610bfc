// shubbak-upstream serve answers as docs/sync-protocol.md says, straight on a receiver's socket (scripts/hub: a real
// PostgreSQL, real keys and tokens): unknown token 401, another kiosk's or centre's batch 403, oversized heartbeat
// 413, too many records 413, unknown route 404, wrong method 405, the database away 503 with Retry-After.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "store/uuid.hpp"
#include "tests/integration/helpers.hpp"
#include "tests/national/http_client.hpp"
#include "tests/national/hub_fixture.hpp"
#include "upstream/limits.hpp"

namespace shubbak::testing {
namespace {

using nlohmann::json;

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    hub_ = new Hub(Hub::up(dir_->path / "hub", 1));
    token_ = hub_->token("kiosk-01");
    other_token_ = hub_->token("kiosk-02", "MA-RAB-OTHER-01");
  }
  static void TearDownTestSuite() {
    delete hub_;
    delete dir_;
  }

  static std::string batch(const std::string& kiosk, const std::string& centre, int records = 1) {
    json b = {{"kiosk_id", kiosk}, {"centre_id", centre}, {"batch_id", store::new_uuid_v4()},
              {"sent_at", "2026-11-29T09:12:44Z"}, {"records", json::array()}};
    for (int i = 0; i < records; ++i)
      b["records"].push_back({{"id", store::new_uuid_v4()}, {"kind", "registration"},
                              {"created_at", "2026-11-29T09:10:02Z"}, {"schema", 1}, {"sealed", "AAAA"}});
    return b.dump();
  }
  static HttpAnswer post(const std::string& path, const std::string& token, const std::string& body) {
    return http_request(hub_->receivers[0], "POST", path, body,
                        "Authorization: Bearer " + token + "\r\nIdempotency-Key: " + store::new_uuid_v4() + "\r\n");
  }

  static TempDir* dir_;
  static Hub* hub_;
  static std::string token_, other_token_;
};
TempDir* ServeTest::dir_ = nullptr;
Hub* ServeTest::hub_ = nullptr;
std::string ServeTest::token_, ServeTest::other_token_;

TEST_F(ServeTest, TokensKiosksAndCentresAreChecked) {
  const std::string mine = batch("kiosk-01", Hub::kCentre);
  EXPECT_EQ(post("/v1/records", "not-a-token", mine).status, 401);
  EXPECT_EQ(http_request(hub_->receivers[0], "POST", "/v1/records", mine).status, 401);  // no token at all
  HttpAnswer other_kiosk = post("/v1/records", other_token_, mine);
  EXPECT_EQ(other_kiosk.status, 403) << other_kiosk.body;
  HttpAnswer other_centre = post("/v1/records", token_, batch("kiosk-01", "MA-RAB-OTHER-01"));
  EXPECT_EQ(other_centre.status, 403) << other_centre.body;
  EXPECT_NE(json::parse(other_centre.body).value("error", "").find("centre"), std::string::npos);
  // The right token, kiosk and centre: answered per record (this one cannot be opened: rejected, not stored).
  HttpAnswer ok = post("/v1/records", token_, mine);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(json::parse(ok.body)["results"][0]["status"], "rejected") << ok.body;
  EXPECT_EQ(hub_->count("select count(*) from records"), 0);
}

TEST_F(ServeTest, OversizedHeartbeatsAndBatchesAreRefused) {
  json beat = {{"kiosk_id", "kiosk-01"}, {"centre_id", Hub::kCentre}, {"version", "1.0"}, {"pending", 3},
               {"last_success_at", nullptr}, {"free_disk_bytes", 1000}};
  EXPECT_EQ(post("/v1/heartbeat", token_, beat.dump()).status, 200);
  EXPECT_EQ(hub_->count("select pending from kiosk_health where kiosk_id = 'kiosk-01'"), 3);
  beat["version"] = std::string(8 << 10, 'v');
  int big = post("/v1/heartbeat", token_, beat.dump()).status;
  EXPECT_TRUE(big == 413 || big == 400) << big;
  beat["version"] = std::string(34 << 20, 'v');  // the 34 MiB heartbeat the old receiver stored
  big = post("/v1/heartbeat", token_, beat.dump()).status;
  EXPECT_TRUE(big == 413 || big == 0) << big;  // refused at its headers, or cut while it arrives
  const int too_many = upstream::limits::kBatchMaxRecords + 1;
  HttpAnswer many = post("/v1/records", token_, batch("kiosk-01", Hub::kCentre, too_many));
  EXPECT_EQ(many.status, 413) << many.body;
}

TEST_F(ServeTest, UnknownRoutesAndWrongMethods) {
  const std::string& r = hub_->receivers[0];
  EXPECT_EQ(http_request(r, "GET", "/v1/nothing").status, 404);
  HttpAnswer get_records = http_request(r, "GET", "/v1/records");
  EXPECT_EQ(get_records.status, 405);
  EXPECT_EQ(get_records.header("allow"), "POST");
  EXPECT_EQ(http_request(r, "POST", "/v1/catalog", "x").status, 405);
  EXPECT_EQ(http_request(r, "GET", "/healthz").status, 200);
  EXPECT_EQ(post("/v1/records", "not-a-token", batch("kiosk-01", Hub::kCentre)).status, 401);
  HttpAnswer metrics = http_request(r, "GET", "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("shubbak_requests_total{route=\"/v1/records\",status=\"401\"}"), std::string::npos)
      << metrics.body;
}

// Last: the database goes away (and comes back).
TEST_F(ServeTest, DatabaseAwayIs503WithRetryAfter) {
  const std::string mine = batch("kiosk-01", Hub::kCentre);
  ASSERT_EQ(post("/v1/records", token_, mine).status, 200);  // the token is now cached
  ASSERT_EQ(hub_->hub({"pg_ctl", "stop", "-m", "immediate"}), 0);
  HttpAnswer away = post("/v1/records", token_, batch("kiosk-01", Hub::kCentre));
  EXPECT_EQ(away.status, 503) << away.body;
  EXPECT_EQ(away.header("retry-after"), std::to_string(upstream::limits::kRetryAfterSeconds));
  EXPECT_EQ(http_request(hub_->receivers[0], "GET", "/healthz").status, 503);
  ASSERT_EQ(hub_->hub({"pg_ctl", "start", "-w"}), 0);
  // Back: the same receiver (no restart) answers again.
  EXPECT_EQ(post("/v1/records", token_, batch("kiosk-01", Hub::kCentre)).status, 200);
}

}  // namespace
}  // namespace shubbak::testing
