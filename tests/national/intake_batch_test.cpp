// A batch and a heartbeat as they arrive at a receiver: every bound of upstream/limits.hpp is a refusal with words.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "upstream/intake/batch.hpp"
#include "upstream/limits.hpp"

using namespace shubbak::upstream::intake;
using nlohmann::json;

namespace {

std::string batch_body(int records) {
  std::string body = R"({"kiosk_id":"kiosk-01","centre_id":"MA-CAS-01","batch_id":"b","sent_at":"2026-11-29T09:12:44Z","records":[)";
  for (int i = 0; i < records; ++i) {
    if (i) body += ',';
    body += R"({"id":"0b8e2f5c-9a7d-4e1b-8c3f-5d6a7b8c9d0e","kind":"registration","created_at":"2026-11-29T09:10:02Z",)"
            R"("schema":1,"sealed":"AAAA"})";
  }
  return body + "]}";
}

Refusal refused(std::string_view body) {
  auto r = parse_batch(body);
  if (auto* f = std::get_if<Refusal>(&r)) return *f;
  return Refusal{200, "accepted"};
}

TEST(IntakeBatch, AFullBatchIsReadInOrder) {
  auto r = parse_batch(batch_body(shubbak::upstream::limits::kBatchMaxRecords));
  ASSERT_TRUE(std::holds_alternative<Batch>(r)) << std::get<Refusal>(r).error;
  const Batch& b = std::get<Batch>(r);
  EXPECT_EQ(b.kiosk_id, "kiosk-01");
  EXPECT_EQ(b.centre_id, "MA-CAS-01");
  EXPECT_EQ(b.batch_id, "b");
  ASSERT_EQ(b.records.size(), 500u);
  EXPECT_EQ(b.records[0].kind, "registration");
  EXPECT_EQ(b.records[0].sealed_base64, "AAAA");
  EXPECT_EQ(b.records[0].created_at, "2026-11-29T09:10:02Z");
}

TEST(IntakeBatch, OverFiveHundredRecordsIs413) {
  Refusal r = refused(batch_body(501));
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.error.find("500 records"), std::string::npos) << r.error;
}

TEST(IntakeBatch, AMillionRecordsIs413WithoutReadingThemAll) {
  // 1,000,000 tiny records (about 4 MB): refused once the bound is passed, not parsed into a million nodes.
  std::string body = R"({"kiosk_id":"k","centre_id":"c","records":[)";
  for (int i = 0; i < 1000000; ++i) body += i ? ",{}" : "{}";
  body += "]}";
  EXPECT_EQ(refused(body).status, 413);
}

TEST(IntakeBatch, NestingDeeperThanEightIs400) {
  auto nested = [](int extra) {
    // the batch object is one level; `extra` arrays inside it
    return R"({"kiosk_id":"k","centre_id":"c","records":[],"x":)" + std::string(extra, '[') + std::string(extra, ']') + "}";
  };
  EXPECT_EQ(refused(nested(7)).status, 200) << "8 levels are allowed";
  Refusal r = refused(nested(8));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.error.find("deeper than 8"), std::string::npos) << r.error;
  EXPECT_EQ(refused(std::string(100000, '[')).status, 400);
}

TEST(IntakeBatch, NotJsonOrMissingFieldsIs400WithWords) {
  EXPECT_EQ(refused("<html>login</html>").status, 400);
  EXPECT_EQ(refused("").status, 400);
  EXPECT_EQ(refused(R"({"kiosk_id":"k","centre_id":"c","records":[)").status, 400) << "truncated";
  EXPECT_EQ(refused("[1,2]").error, "the body is not a JSON object");
  EXPECT_EQ(refused(R"({"centre_id":"c","records":[]})").error, "the batch has no kiosk_id");
  EXPECT_EQ(refused(R"({"kiosk_id":"k","records":[]})").error, "the batch has no centre_id");
  EXPECT_EQ(refused(R"({"kiosk_id":"k","centre_id":"c"})").error, "the batch has no records list");
  EXPECT_EQ(refused(R"({"kiosk_id":"k","centre_id":"c","records":{}})").error, "the batch has no records list");
  EXPECT_EQ(refused(R"({"kiosk_id":7,"centre_id":"c","records":[]})").status, 400);
}

TEST(IntakeBatch, AMalformedEnvelopeKeepsItsIdForTheOpenerToReject) {
  auto r = parse_batch(R"({"kiosk_id":"k","centre_id":"c","records":[{"id":"x","kind":5},7]})");
  ASSERT_TRUE(std::holds_alternative<Batch>(r));
  const Batch& b = std::get<Batch>(r);
  ASSERT_EQ(b.records.size(), 2u);
  EXPECT_EQ(b.records[0].id, "x");
  EXPECT_EQ(b.records[0].kind, "");
  EXPECT_EQ(b.records[1].id, "");
}

const char* kBeat = R"({"kiosk_id":"kiosk-01","centre_id":"MA-CAS-01","version":"1.4.0","pending":12,)"
                    R"("last_success_at":"2026-11-29T09:12:44Z","free_disk_bytes":5368709120})";

TEST(IntakeHeartbeat, TheDocumentedShapeIsRead) {
  auto r = parse_heartbeat(kBeat);
  ASSERT_TRUE(std::holds_alternative<Heartbeat>(r)) << std::get<Refusal>(r).error;
  const Heartbeat& h = std::get<Heartbeat>(r);
  EXPECT_EQ(h.kiosk_id, "kiosk-01");
  EXPECT_EQ(h.version, "1.4.0");
  EXPECT_EQ(h.pending, 12);
  EXPECT_EQ(h.free_disk_bytes, 5368709120LL);
  EXPECT_EQ(h.last_success_at, "2026-11-29T09:12:44Z");
  json never = json::parse(kBeat);
  never["last_success_at"] = nullptr;
  auto n = parse_heartbeat(never.dump());
  ASSERT_TRUE(std::holds_alternative<Heartbeat>(n));
  EXPECT_EQ(std::get<Heartbeat>(n).last_success_at, "");
}

TEST(IntakeHeartbeat, AnythingElseIsRefused) {
  auto status = [](const json& j) {
    auto r = parse_heartbeat(j.dump());
    return std::holds_alternative<Refusal>(r) ? std::get<Refusal>(r).status : 200;
  };
  json extra = json::parse(kBeat);
  extra["answers"] = "x";
  EXPECT_EQ(status(extra), 400);
  json wrong = json::parse(kBeat);
  wrong["pending"] = "12";
  EXPECT_EQ(status(wrong), 400);
  json negative = json::parse(kBeat);
  negative["free_disk_bytes"] = -1;
  EXPECT_EQ(status(negative), 400);
  json nested = json::parse(kBeat);
  nested["version"] = json::array({"1"});
  EXPECT_EQ(status(nested), 400);
  json missing = json::parse(kBeat);
  missing.erase("version");
  EXPECT_EQ(status(missing), 400);
  json bad_time = json::parse(kBeat);
  bad_time["last_success_at"] = "yesterday";
  EXPECT_EQ(status(bad_time), 400);
  json big = json::parse(kBeat);
  big["version"] = std::string(5 << 10, 'v');
  auto r = parse_heartbeat(big.dump());
  ASSERT_TRUE(std::holds_alternative<Refusal>(r));
  EXPECT_EQ(std::get<Refusal>(r).status, 413);
  EXPECT_NE(std::get<Refusal>(r).error.find("4096 bytes"), std::string::npos);
  EXPECT_EQ(std::get<Refusal>(parse_heartbeat("not json")).status, 400);
}

TEST(IntakeTime, OnlyRealRfc3339UtcTimes) {
  for (const char* good : {"2026-11-29T09:10:02Z", "2028-02-29T23:59:59Z", "2026-11-29T09:10:02.123456Z"})
    EXPECT_TRUE(is_rfc3339_utc(good)) << good;
  for (const char* bad : {"2026-13-40T25:61:00Z", "yesterday", "", "2026-02-29T09:10:02Z", "2026-04-31T00:00:00Z",
                          "2026-11-29T24:00:00Z", "2026-11-29T09:10:02", "2026-11-29T09:10:02+01:00",
                          "2026-11-29 09:10:02Z", "2026-11-29T09:10:02.Z", "0000-01-01T00:00:00Z",
                          "2026-11-29T09:10:02Zjunk", "２026-11-29T09:10:02Z"})
    EXPECT_FALSE(is_rfc3339_utc(bad)) << bad;
}

}  // namespace
