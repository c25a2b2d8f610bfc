// Exactly once, through everything that can go wrong on the national side at once: twenty kiosks draining their
// backlogs through nginx to two receivers, one receiver killed and restarted, PostgreSQL restarted without a clean
// shutdown, and the same batch posted to both receivers at the same moment.
#include <gtest/gtest.h>
#include <signal.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "store/seal.hpp"
#include "store/uuid.hpp"
#include "tests/national/fleet.hpp"

namespace shubbak::testing {
namespace {

using nlohmann::json;

TEST(ExactlyOnce, TwentyKiosksTwoReceiversAKilledReceiverAndARestartedDatabase) {
  TempDir t;
  Hub hub = Hub::up(t.path / "hub", 2);
  Fleet fleet(t.path / "fleet", hub, 20, 60, 15);  // 2,400 records in batches of 15
  const int64_t total = fleet.records();
  fleet.start_syncing();

  ASSERT_TRUE(wait_for_count(hub, "SELECT count(*) FROM records", total / 4, 120));
  ASSERT_EQ(kill(hub.receiver_pid(1), SIGKILL), 0);  // mid-drain, for real
  ASSERT_TRUE(wait_for_count(hub, "SELECT count(*) FROM records", total / 2, 120)) << "receiver 2 carried on";
  hub.restart_receiver(1);
  ASSERT_EQ(hub.hub({"pg_ctl", "restart", "-m", "immediate", "-w"}), 0);  // a crash of the database, mid-drain
  ASSERT_TRUE(wait_for_count(hub, "SELECT count(*) FROM records", total, 180)) << "not everything arrived";

  // Every kiosk's outbox is all sent (the daemons are told to stop once the last answers are in).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (fleet.unsent() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // polling a condition, with a deadline
  fleet.stop_syncing();
  EXPECT_EQ(fleet.unsent(), 0);
  EXPECT_EQ(stored_ids(hub), fleet.outbox_ids()) << "the national side and the kiosks disagree";
  EXPECT_EQ(hub.count("SELECT count(DISTINCT kiosk_id) FROM records"), 20);
  EXPECT_EQ(hub.count("SELECT count(*) FROM kiosk_health"), 20) << "every kiosk's heartbeat became its health";
}

// The same batch (same Idempotency-Key, same body) reaching both receivers at the same moment, as a retry through
// nginx can: one set of rows, and both answers the same.
TEST(ExactlyOnce, TheSameBatchPostedToBothReceiversAtOnceIsStoredOnce) {
  TempDir t;
  Hub hub = Hub::up(t.path / "hub", 2);
  const std::string token = hub.token("kiosk-77");
  store::Sealer sealer(hub.seal_public_key);
  json records = json::array();
  for (int i = 0; i < 200; ++i) {
    json e = {{"centre_id", Hub::kCentre}, {"kiosk_id", "kiosk-77"}, {"ticket_id", store::new_uuid_v4()},
              {"event", "issued"},         {"service", "jisr"},      {"number", "A-" + std::to_string(i)},
              {"at", "2026-11-30T09:00:00Z"}, {"priority", false}};
    records.push_back({{"id", store::new_uuid_v4()}, {"kind", "ticket_event"}, {"created_at", "2026-11-30T09:00:00Z"},
                       {"schema", 1}, {"sealed", store::to_base64(sealer.seal(e.dump()))}});
  }
  const std::string key = store::new_uuid_v4();
  const std::string body = json{{"kiosk_id", "kiosk-77"}, {"centre_id", Hub::kCentre}, {"batch_id", key},
                                {"sent_at", "2026-11-30T09:01:00Z"}, {"records", records}}.dump();
  const std::vector<std::string> headers = {"Authorization: Bearer " + token, "Idempotency-Key: " + key,
                                            "Content-Type: application/json"};
  RawAnswer a1, a2;
  std::thread one([&] { a1 = post_unix(hub.receivers[0], "/v1/records", headers, body); });
  std::thread two([&] { a2 = post_unix(hub.receivers[1], "/v1/records", headers, body); });
  one.join();
  two.join();
  ASSERT_EQ(a1.status, 200) << a1.body;
  ASSERT_EQ(a2.status, 200) << a2.body;
  EXPECT_EQ(json::parse(a1.body), json::parse(a2.body)) << "a repeated key gets the earlier answer";
  EXPECT_EQ(hub.count("SELECT count(*) FROM records WHERE kiosk_id='kiosk-77'"), 200);
  EXPECT_EQ(hub.count("SELECT count(*) FROM ticket_events"), 200);
  int stored = 0;
  const json first = json::parse(a1.body);
  for (const auto& r : first["results"]) stored += r["status"] == "stored";
  EXPECT_EQ(stored, 200) << "the first answer stands for both: " << a1.body.substr(0, 400);
}

}  // namespace
}  // namespace shubbak::testing
