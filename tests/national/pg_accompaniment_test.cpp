// The accompaniment records (issue 16) from a real sealed batch into a real PostgreSQL, the way a receiver does
// it (RecordOpener per record, then ReceiverStore): each kind stored once as facts, a repeated batch stored once,
// a malformed one refused with words while the others are stored, the referral's reason never in clear in the
// database, and women counted through their registration's person_key.
#include <gtest/gtest.h>
#include <sodium.h>

#include <atomic>
#include <map>
#include <nlohmann/json.hpp>

#include "tests/national/accompaniment_records.hpp"
#include "tests/national/intake_support.hpp"
#include "tests/national/pg_cluster.hpp"
#include "upstream/intake/record.hpp"
#include "upstream/pg/connection.hpp"
#include "upstream/pg/migrations.hpp"
#include "upstream/pg/receiver_store.hpp"

namespace shubbak::testing {
namespace {

using namespace upstream;
using nlohmann::json;

// docs/national.md, "Accompaniment": unique women who reached each milestone, in the whole country.
const char* kWomenByMilestone =
    "SELECT m.milestone || '=' || count(DISTINCT w.person_key) FROM milestones m "
    "JOIN visitor_women w USING (centre_id, visitor_id) GROUP BY m.milestone ORDER BY m.milestone";

class PgAccompaniment : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    pg::Connection c(pg.conninfo());
    ASSERT_EQ(pg::migrate(c), pg::latest_schema_version());
  }
  // What the receiver's route does with a batch (upstream/app/serve_routes.cpp): open each record, keep the refusals.
  pg::PreparedBatch open_all(const intake::Batch& b) {
    ++prepares;
    pg::PreparedBatch out;
    intake::RecordOpener opener(receiver);
    for (const auto& in : b.records) {
      intake::OpenResult r = opener.open(in, b);
      if (r.record) out.opened.push_back(std::move(*r.record));
      else out.rejected.push_back({pg::RecordOutcome::Status::Rejected, in.id, r.rejected, false});
    }
    return out;
  }
  pg::BatchAnswer post(const intake::Batch& b, const std::string& key) {
    pg::TokenOwner who{b.kiosk_id, b.centre_id};
    return st.receive_batch(who, key, [&] { return open_all(b); });
  }
  intake::Batch batch(const std::vector<Outgoing>& records, uint8_t format) {
    return sealed_batch(here, records, keys.seal.public_key, format);
  }
  std::vector<Outgoing> four_kinds(const std::string& visitor, int format) {
    return {{"consent", consent_record(here, visitor)},
            {"appointment", appointment_record(here, visitor)},
            {"referral", referral_record(here, visitor, format, keys.registry.public_key)},
            {"milestone", milestone_record(here, visitor)}};
  }
  std::string q(const std::string& sql) { return pg.psql(sql); }

  PgCluster pg;
  IntakeKeys keys;
  intake::ReceiverKeys receiver = keys.receiver();
  pg::ReceiverStore st{pg.conninfo()};
  Where here{"centre-casa-01", "kiosk-01"};
  std::atomic<int> prepares{0};
};

std::map<std::string, std::string> statuses(const std::string& answer) {
  std::map<std::string, std::string> m;
  json parsed = json::parse(answer);
  for (const auto& r : parsed["results"])
    m[r["id"].get<std::string>()] =
        r["status"].get<std::string>() + (r.contains("reason") ? ": " + r["reason"].get<std::string>() : "");
  return m;
}

TEST_F(PgAccompaniment, EachKindIsStoredOnceAsFactsInFormats2And3) {
  for (int format : {2, 3}) {
    SCOPED_TRACE("format " + std::to_string(format));
    std::string visitor = store::new_uuid_v4();
    intake::Batch b = batch(four_kinds(visitor, format), static_cast<uint8_t>(format));
    pg::BatchAnswer a = post(b, "key-" + std::to_string(format));
    EXPECT_EQ(a.stored, 4) << a.json;
    EXPECT_EQ(a.rejected + a.duplicate, 0) << a.json;
    std::string v = "'" + visitor + "'";
    EXPECT_EQ(q("SELECT purpose || ' ' || granted || ' ' || text_version || ' ' || channel || ' ' || staff || ' ' || "
                "day || ' ' || hour FROM consent_changes WHERE visitor_id = " + v),
              "share true share-2026-12 desk amina 2026-11-30 0")
        << "23:40 UTC is 00:40 the next day in Casablanca";
    EXPECT_EQ(q("SELECT service || ' ' || event || ' ' || to_char(slot AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') "
                "FROM appointment_events WHERE visitor_id = " + v),
              "jisr booked 2026-12-03 09:30");
    EXPECT_EQ(q("SELECT from_service || ' ' || to_kind || ':' || to_id || ' ' || event || ' ' || "
                "coalesce(state_reason, '-') FROM referral_events WHERE visitor_id = " + v),
              "jisr partner:amal proposed -");
    EXPECT_EQ(q("SELECT milestone || ' ' || service FROM milestones WHERE visitor_id = " + v), "trained jisr");
    EXPECT_EQ(q("SELECT count(*) FROM identities i JOIN referral_events f USING (record_id) WHERE f.visitor_id = " +
                v),
              "1")
        << "the reason, sealed";
    std::string ids;
    for (const auto& in : b.records) ids += (ids.empty() ? "'" : ",'") + in.id + "'";
    std::string f = ":" + std::to_string(format);
    EXPECT_EQ(q("SELECT string_agg(kind || ':' || format, ',' ORDER BY kind) FROM records WHERE id IN (" + ids + ")"),
              "appointment" + f + ",consent" + f + ",milestone" + f + ",referral" + f);
  }
}

TEST_F(PgAccompaniment, ARepeatedBatchIsStoredOnceWhateverItsKey) {
  intake::Batch b = batch(four_kinds(store::new_uuid_v4(), 3), 3);
  ASSERT_EQ(post(b, "k1").stored, 4);
  pg::BatchAnswer again = post(b, "k1");
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(prepares, 1) << "the earlier answer, without opening again";
  pg::BatchAnswer other = post(b, "k2");  // the kiosk lost the answer and sends the records in a new batch
  EXPECT_EQ(other.stored, 0);
  EXPECT_EQ(other.duplicate, 4);
  EXPECT_EQ(other.conflict, 0);
  for (const char* table : {"records", "consent_changes", "appointment_events", "referral_events", "milestones"})
    EXPECT_EQ(q(std::string("SELECT count(*) FROM ") + table), table == std::string("records") ? "4" : "1") << table;
  EXPECT_EQ(q("SELECT count(*) FROM identities"), "1");
}

TEST_F(PgAccompaniment, AMalformedRecordIsRefusedWithItsReasonAndTheOthersStored) {
  std::string visitor = store::new_uuid_v4();
  json bad = milestone_record(here, visitor, "graduated");
  json late = appointment_record(here, visitor, "late");
  late.erase("slot");  // kept after the grace: no slot needed
  intake::Batch b = batch({{"consent", consent_record(here, visitor)}, {"milestone", bad}, {"appointment", late}}, 2);
  pg::BatchAnswer a = post(b, "k1");
  EXPECT_EQ(a.stored, 2);
  EXPECT_EQ(a.rejected, 1);
  auto s = statuses(a.json);
  EXPECT_EQ(s[b.records[1].id],
            "rejected: field 'milestone' is not one of registered, coached, trained, incubated, project_started");
  EXPECT_EQ(s[b.records[0].id], "stored");
  EXPECT_EQ(q("SELECT event || coalesce(slot::text, ' without slot') FROM appointment_events"), "late without slot");
  EXPECT_EQ(q("SELECT count(*) FROM milestones"), "0");
}

TEST_F(PgAccompaniment, TheDatabaseHoldsNoReferralReasonInClearAndTheRegistryKeyOpensIt) {
  ASSERT_EQ(post(batch(four_kinds(store::new_uuid_v4(), 2), 2), "k2").stored, 4);
  ASSERT_EQ(post(batch(four_kinds(store::new_uuid_v4(), 3), 3), "k3").stored, 4);
  Ran dump = run_program({"/usr/bin/pg_dump", "--inserts", "-d", pg.conninfo()});
  ASSERT_EQ(dump.exit_code, 0) << dump.err;
  EXPECT_NE(dump.out.find("INSERT INTO public.referral_events"), std::string::npos) << "the facts are there";
  EXPECT_NE(dump.out.find("'amal'"), std::string::npos);
  for (const char* part : {"Canaryreason", "violence at home", "needs shelter"})
    EXPECT_EQ(dump.out.find(part), std::string::npos) << part << " in pg_dump";

  pg::Connection c(pg.conninfo());
  pg::Result r = c.exec("SELECT i.sealed FROM identities i JOIN referral_events f USING (record_id)");
  ASSERT_EQ(r.rows(), 2);
  for (int i = 0; i < r.rows(); ++i) {
    std::vector<uint8_t> sealed = r.bytes(i, 0);
    EXPECT_FALSE(store::open_identity(store::Bytes(sealed.begin(), sealed.end()), keys.seal));
    auto opened = store::open_identity(store::Bytes(sealed.begin(), sealed.end()), keys.registry);
    ASSERT_TRUE(opened);
    EXPECT_EQ(json::parse(*opened)["reason"], kReferralReason);
  }
}

TEST_F(PgAccompaniment, UniqueWomenReachingAMilestoneAreCountedThroughTheirRegistration) {
  Where other{"centre-oujda-02", "kiosk-07"};
  // Khadija registers twice at Casablanca (two visitors, one CIN) and once at Oujda, trained at each visit;
  // Salma is coached and trained; a milestone of a visitor never registered here counts no woman.
  std::string k1 = store::new_uuid_v4(), k2 = store::new_uuid_v4(), k3 = store::new_uuid_v4();
  std::string salma = store::new_uuid_v4(), unknown = store::new_uuid_v4();
  auto reg = [&](const Where& w, const std::string& v, const std::string& cin) {
    return Outgoing{"registration", registration_v3(w, v, cin, keys.national, keys.registry.public_key)};
  };
  auto ms = [&](const Where& w, const std::string& v, const char* m) {
    return Outgoing{"milestone", milestone_record(w, v, m)};
  };
  intake::Batch casa = batch({reg(here, k1, "AB111111"), reg(here, k2, "AB111111"), reg(here, salma, "CD222222"),
                              ms(here, k1, "trained"), ms(here, k2, "trained"), ms(here, salma, "coached"),
                              ms(here, salma, "trained"), ms(here, unknown, "trained")},
                             3);
  intake::Batch oujda = sealed_batch(other, {reg(other, k3, "AB111111"), ms(other, k3, "trained")},
                                     keys.seal.public_key, 3);
  ASSERT_EQ(post(casa, "c").stored, 8);
  ASSERT_EQ(post(oujda, "o").stored, 2);
  EXPECT_EQ(q(kWomenByMilestone), "coached=1\ntrained=2");
  EXPECT_EQ(q("SELECT centre_id || ' ' || milestone || '=' || women FROM milestone_women ORDER BY 1"),
            "centre-casa-01 coached=1\ncentre-casa-01 trained=2\ncentre-oujda-02 trained=1");
}

TEST_F(PgAccompaniment, HerCurrentConsentIsTheLatestChangeForEachPurpose) {
  std::string v = store::new_uuid_v4();
  json given = consent_record(here, v, "share", true), withdrawn = consent_record(here, v, "share", false);
  json sms = consent_record(here, v, "sms", true);
  given["at"] = "2026-11-29T09:00:00Z";
  withdrawn["at"] = "2026-11-29T10:00:00Z";
  // Sent in another order than they happened (two desks, two outboxes): the time decides.
  ASSERT_EQ(post(batch({{"consent", withdrawn}, {"consent", given}, {"consent", sms}}, 3), "k").stored, 3);
  EXPECT_EQ(q("SELECT purpose || ' ' || granted FROM current_consents WHERE visitor_id = '" + v + "' ORDER BY 1"),
            "share false\nsms true");
}

}  // namespace
}  // namespace shubbak::testing
