// Opening one sealed record at a receiver: formats 1, 2 and 3 give the same facts; what identifies a woman leaves
// only sealed to the registry key; every malformed or hostile record is rejected with words.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <nlohmann/json.hpp>
#include <string>

#include "intake_support.hpp"
#include "store/identity.hpp"
#include "upstream/intake/record.hpp"
#include "upstream/limits.hpp"

using namespace shubbak;
using namespace shubbak::testing;
using namespace shubbak::upstream::intake;
using nlohmann::json;

namespace {

class IntakeRecord : public ::testing::Test {
 protected:
  OpenResult open(const IncomingRecord& in) { return opener.open(in, batch); }
  OpenResult open_json(const json& j, const std::string& kind = "registration", uint8_t format = 2) {
    store::Sealer s(store::to_base64(keys.seal.public_key), format);
    return open(incoming(kind, s.seal(j.dump())));
  }
  std::string rejection(const IncomingRecord& in) {
    OpenResult r = open(in);
    EXPECT_FALSE(r.record);
    return r.rejected;
  }

  IntakeKeys keys;
  ReceiverKeys receiver = keys.receiver();
  RecordOpener opener{receiver};
  Batch batch = batch_of();
};

// Every text the record carries, to look for her identity in it.
std::string all_text(const OpenedRecord& r) {
  std::string all;
  for (const std::string* s : {&r.id, &r.kiosk_id, &r.centre_id, &r.created_at, &r.registration_id, &r.visitor_id,
                               &r.service, &r.ticket, &r.age_band, &r.commune, &r.contact, &r.person_key, &r.ticket_id,
                               &r.event, &r.number, &r.at, &r.staff, &r.counter, &r.outcome, &r.to_service})
    all += *s + "|";
  all.append(r.identity_sealed.begin(), r.identity_sealed.end());
  all.append(r.digest.begin(), r.digest.end());
  return all;
}

void expect_canary_facts(const OpenedRecord& r, const IntakeKeys& keys, const json& sent) {
  EXPECT_EQ(r.kind, Kind::Registration);
  EXPECT_EQ(r.age_band, "35-44");
  EXPECT_EQ(r.commune, "Anfa");
  EXPECT_EQ(r.contact, "sms");
  EXPECT_EQ(r.service, "jisr");
  EXPECT_EQ(r.ticket, "A-042");
  EXPECT_TRUE(r.consent);
  EXPECT_EQ(r.visitor_id, sent["visitor_id"]);
  EXPECT_EQ(r.registration_id, sent["registration_id"]);
  EXPECT_EQ(r.person_key, store::person_key(keys.national, "AB123456", "", ""));
  for (const char* secret : {"Canary", "0611223344", "AB123456", "1990"})
    EXPECT_EQ(all_text(r).find(secret), std::string::npos) << secret << " in clear in the opened record";
  EXPECT_FALSE(store::open_identity(r.identity_sealed, keys.seal)) << "the receivers' key must not open it";
  auto identity = store::open_identity(r.identity_sealed, keys.registry);
  ASSERT_TRUE(identity) << "the registry secret opens it";
  json id = json::parse(*identity);
  EXPECT_EQ(id["name"], "Canary Fatima");
  EXPECT_EQ(id["phone"], "0611223344");
  EXPECT_EQ(id["cin"], "AB123456");
  EXPECT_EQ(id["birth_year"], "1990");
}

TEST_F(IntakeRecord, AFormat2RegistrationGivesFactsAndItsIdentitySealedToTheRegistry) {
  json sent = canary_registration_v2();
  OpenResult r = open_json(sent);
  ASSERT_TRUE(r.record) << r.rejected;
  EXPECT_EQ(r.record->format, 2);
  EXPECT_EQ(r.record->kiosk_id, "kiosk-01");
  EXPECT_EQ(r.record->centre_id, "MA-CAS-01");
  expect_canary_facts(*r.record, keys, sent);
}

TEST_F(IntakeRecord, AFormat1RegistrationStillOpens) {
  json sent = canary_registration_v2();
  OpenResult r = open(incoming("registration", seal_format1(sent.dump(), keys.seal.public_key)));
  ASSERT_TRUE(r.record) << r.rejected;
  EXPECT_EQ(r.record->format, 1);
  expect_canary_facts(*r.record, keys, sent);
}

TEST_F(IntakeRecord, WithoutANationalKeyThereIsNoPersonKey) {
  receiver.national_key.clear();
  RecordOpener no_key(receiver);
  store::Sealer s(store::to_base64(keys.seal.public_key));
  OpenResult r = no_key.open(incoming("registration", s.seal(canary_registration_v2().dump())), batch);
  ASSERT_TRUE(r.record) << r.rejected;
  EXPECT_EQ(r.record->person_key, "");
  EXPECT_EQ(r.record->age_band, "35-44");
}

TEST_F(IntakeRecord, AFormat3RegistrationPassesItsSealedIdentityThrough) {
  json v2 = canary_registration_v2();
  json v3 = v2;
  v3.erase("visitor");
  v3["age_band"] = "35-44";
  v3["commune"] = "Anfa";
  v3["contact"] = "sms";
  v3["person_key"] = store::person_key(keys.national, "AB123456", "0611223344", v2["visitor_id"]);
  store::Bytes identity = store::seal_identity(
      json{{"name", "Canary Fatima"}, {"phone", "0611223344"}, {"cin", "AB123456"}, {"birth_year", "1990"}}.dump(),
      keys.registry.public_key);
  v3["identity"] = store::to_base64(identity);
  OpenResult r = open_json(v3, "registration", 3);
  ASSERT_TRUE(r.record) << r.rejected;
  EXPECT_EQ(r.record->format, 3);
  EXPECT_EQ(r.record->identity_sealed, identity);
  expect_canary_facts(*r.record, keys, v2);
  // Format 3 with anything of identity class in clear is refused.
  json leaky = v3;
  leaky["phone"] = "0611223344";
  EXPECT_EQ(open_json(leaky, "registration", 3).rejected, "format 3 carries no 'phone' in clear");
  json no_key = v3;
  no_key.erase("person_key");
  EXPECT_EQ(open_json(no_key, "registration", 3).rejected, "field 'person_key' is missing");
  json bad_band = v3;
  bad_band["age_band"] = "34";
  EXPECT_EQ(open_json(bad_band, "registration", 3).rejected, "field 'age_band' is not one of the age bands");
}

TEST_F(IntakeRecord, TicketEventsGiveTheirFactsAndANoteOnlySealed) {
  json e = {{"centre_id", "MA-CAS-01"}, {"kiosk_id", "kiosk-01"}, {"ticket_id", store::new_uuid_v4()},
            {"event", "served"},        {"service", "jisr"},      {"number", "A-042"},
            {"at", "2026-11-29T10:00:00Z"}, {"staff", "staff1"}, {"counter", 2},
            {"outcome", "oriented"},    {"note", "she fears her husband"}};
  OpenResult r = open_json(e, "ticket_event");
  ASSERT_TRUE(r.record) << r.rejected;
  EXPECT_EQ(r.record->kind, Kind::TicketEvent);
  EXPECT_EQ(r.record->event, "served");
  EXPECT_EQ(r.record->counter, "2");
  EXPECT_EQ(r.record->outcome, "oriented");
  EXPECT_EQ(r.record->at, "2026-11-29T10:00:00Z");
  EXPECT_EQ(all_text(*r.record).find("husband"), std::string::npos);
  auto note = store::open_identity(r.record->identity_sealed, keys.registry);
  ASSERT_TRUE(note);
  EXPECT_EQ(json::parse(*note)["note"], "she fears her husband");
  e.erase("note");
  OpenResult plain = open_json(e, "ticket_event");
  ASSERT_TRUE(plain.record) << plain.rejected;
  EXPECT_TRUE(plain.record->identity_sealed.empty());
  e["at"] = "yesterday";
  EXPECT_EQ(open_json(e, "ticket_event").rejected, "field 'at' is not an RFC 3339 UTC time");
}

TEST_F(IntakeRecord, MalformedEnvelopesAreRejectedWithWords) {
  store::Sealer s(store::to_base64(keys.seal.public_key));
  const store::Bytes good = s.seal(canary_registration_v2().dump());
  IncomingRecord in = incoming("registration", good);
  ASSERT_TRUE(open(in).record);

  IncomingRecord bad = in;
  bad.kind = "audit";
  EXPECT_EQ(rejection(bad),
            "unknown kind 'audit' (registration, ticket_event, consent, appointment, referral or milestone)");
  for (const char* when : {"2026-13-40T25:61:00Z", "yesterday"}) {
    bad = in;
    bad.created_at = when;
    EXPECT_EQ(rejection(bad), "created_at is not an RFC 3339 UTC time") << when;
  }
  for (const char* id : {"not-a-uuid", "", "0b8e2f5c-9a7d-1e1b-8c3f-5d6a7b8c9d0e"}) {
    bad = in;
    bad.id = id;
    EXPECT_EQ(rejection(bad), "the record id is not a UUIDv4") << id;
  }
  bad = in;
  bad.sealed_base64 = "not base64!";
  EXPECT_EQ(rejection(bad), "the sealed payload is not base64");
  bad = in;
  bad.sealed_base64 = std::string((64u << 10) + 4, 'A');
  EXPECT_EQ(rejection(bad), "the sealed payload is over 64 KiB");
  bad = in;
  bad.sealed_base64.clear();
  EXPECT_EQ(rejection(bad), "the record has no sealed payload");
  IntakeKeys other;
  store::Sealer stranger(store::to_base64(other.seal.public_key));
  EXPECT_EQ(rejection(incoming("registration", stranger.seal(canary_registration_v2().dump()))),
            "cannot open the sealed payload with this server's key");
}

TEST_F(IntakeRecord, ACentreOrKioskInsideTheSealOtherThanTheBatchsIsRejected) {
  json other_centre = canary_registration_v2();
  other_centre["centre_id"] = "MA-RAB-07";
  EXPECT_EQ(open_json(other_centre).rejected, "the record's centre_id is not the batch's");
  json other_kiosk = canary_registration_v2();
  other_kiosk["kiosk_id"] = "kiosk-99";
  EXPECT_EQ(open_json(other_kiosk).rejected, "the record's kiosk_id is not the batch's");
  json none = canary_registration_v2();
  none.erase("centre_id");
  EXPECT_EQ(open_json(none).rejected, "the record's centre_id is not the batch's");
}

TEST_F(IntakeRecord, PayloadsThatAreNotRecordsAreRejected) {
  store::Sealer s(store::to_base64(keys.seal.public_key));
  EXPECT_EQ(open(incoming("registration", s.seal("not json"))).rejected,
            "the opened record is not a JSON object within bounds");
  EXPECT_EQ(open(incoming("registration", s.seal("[1]"))).rejected, "the opened record is not a JSON object");
  EXPECT_EQ(open(incoming("registration", s.seal(std::string(20, '[') + std::string(20, ']')))).rejected,
            "the opened record is not a JSON object within bounds");
  json no_visitor = canary_registration_v2();
  no_visitor.erase("visitor");
  EXPECT_EQ(open_json(no_visitor).rejected, "field 'visitor' is missing or not an object");
  json no_service = canary_registration_v2();
  no_service.erase("service");
  EXPECT_EQ(open_json(no_service).rejected, "field 'service' is missing");
  json typed = canary_registration_v2();
  typed["consent"] = "yes";
  EXPECT_EQ(open_json(typed).rejected, "field 'consent' is not true or false");
  json long_fact = canary_registration_v2();
  long_fact["service"] = std::string(10000, 's');
  EXPECT_EQ(open_json(long_fact).rejected, "field 'service' is too long");
  // Not compressed inside a valid box.
  store::Bytes raw(100, 'x');
  EXPECT_EQ(open(incoming("registration", seal_raw(raw, keys.seal.public_key, 2))).rejected,
            "the sealed payload opens but its compressed record is damaged");
}

long max_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

TEST_F(IntakeRecord, AZlibBombInsideAValidSealIsRejectedAndMemoryStaysSmall) {
  // A valid record followed by 40 MiB of padding, compressed to about 40 KiB: under the sealed limit.
  const std::string prefix = canary_registration_v2().dump();
  store::Bytes bomb = zlib_bomb(prefix.substr(0, prefix.size() - 1) + ",\"pad\":\"", 40u << 20);
  store::Bytes sealed = seal_raw(bomb, keys.seal.public_key, 2);
  IncomingRecord in = incoming("registration", sealed);
  ASSERT_LE(in.sealed_base64.size(), upstream::limits::kMaxSealedRecordBytes);
  long before = max_rss_kib();
  EXPECT_EQ(rejection(in), "the sealed payload inflates past 64 KiB");
  EXPECT_LT(max_rss_kib() - before, 4 * 1024) << "inflating stops at the limit (RSS grew by KiB)";
  // The same bomb in a format-3 box.
  EXPECT_EQ(rejection(incoming("registration", seal_raw(bomb, keys.seal.public_key, 3))),
            "the sealed payload inflates past 64 KiB");
}

TEST_F(IntakeRecord, TheDigestChangesWithTheContentNotWithTheOpening) {
  store::Sealer s(store::to_base64(keys.seal.public_key));
  IncomingRecord in = incoming("registration", s.seal(canary_registration_v2().dump()));
  OpenResult a = open(in), b = open(in);
  ASSERT_TRUE(a.record && b.record);
  EXPECT_EQ(a.record->digest, b.record->digest) << "the same record sent again";
  IncomingRecord other = in;
  other.sealed_base64 = store::to_base64(s.seal(canary_registration_v2().dump()));
  OpenResult c = open(other);
  ASSERT_TRUE(c.record);
  EXPECT_NE(a.record->digest, c.record->digest) << "the same id with other content: a conflict";
}

}  // namespace
