// Opening the accompaniment records (issue 16) at a receiver: consent, appointment, referral and milestone give
// their facts in formats 2 and 3; a referral's reason leaves only sealed to the registry key; every malformed
// variant is refused with the field it is about.
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "intake_support.hpp"
#include "store/identity.hpp"
#include "tests/national/accompaniment_records.hpp"
#include "upstream/intake/record.hpp"

using namespace shubbak;
using namespace shubbak::testing;
using namespace shubbak::upstream::intake;
using nlohmann::json;

namespace {

class IntakeAccompaniment : public ::testing::Test {
 protected:
  OpenResult open_json(const json& j, const std::string& kind, uint8_t format = 2) {
    store::Sealer s(store::to_base64(keys.seal.public_key), format);
    return opener.open(incoming(kind, s.seal(j.dump())), batch);
  }
  std::string rejection(const json& j, const std::string& kind, uint8_t format = 2) {
    OpenResult r = open_json(j, kind, format);
    EXPECT_FALSE(r.record) << kind << " " << j.dump();
    return r.rejected;
  }

  IntakeKeys keys;
  ReceiverKeys receiver = keys.receiver();
  RecordOpener opener{receiver};
  Batch batch = batch_of();
  Where here;
  std::string visitor = store::new_uuid_v4();
};

// Every text fact of an opened record, to look for the reason in it.
std::string all_facts(const OpenedRecord& r) {
  std::string all;
  for (const std::string* s :
       {&r.visitor_id, &r.service, &r.event, &r.at, &r.staff, &r.consent_id, &r.purpose, &r.text_version, &r.channel,
        &r.appointment_id, &r.slot, &r.referral_id, &r.from_service, &r.referred_kind, &r.referred_to,
        &r.state_reason, &r.milestone})
    all += *s + "|";
  return all;
}

TEST_F(IntakeAccompaniment, EachKindGivesItsFactsInFormats2And3) {
  for (uint8_t format : {2, 3}) {
    SCOPED_TRACE("format " + std::to_string(format));
    json c = consent_record(here, visitor, "sms", false);
    OpenResult r = open_json(c, "consent", format);
    ASSERT_TRUE(r.record) << r.rejected;
    EXPECT_EQ(r.record->kind, Kind::Consent);
    EXPECT_EQ(r.record->format, format);
    EXPECT_EQ(r.record->consent_id, c["consent_id"]);
    EXPECT_EQ(r.record->visitor_id, visitor);
    EXPECT_EQ(r.record->purpose, "sms");
    EXPECT_FALSE(r.record->granted);
    EXPECT_EQ(r.record->text_version, "sms-2026-12");
    EXPECT_EQ(r.record->channel, "desk");
    EXPECT_EQ(r.record->staff, "amina");
    EXPECT_EQ(r.record->at, "2026-11-29T23:40:00Z");
    EXPECT_TRUE(r.record->identity_sealed.empty());

    json a = appointment_record(here, visitor, "moved");
    r = open_json(a, "appointment", format);
    ASSERT_TRUE(r.record) << r.rejected;
    EXPECT_EQ(r.record->kind, Kind::Appointment);
    EXPECT_EQ(r.record->appointment_id, a["appointment_id"]);
    EXPECT_EQ(r.record->event, "moved");
    EXPECT_EQ(r.record->service, "jisr");
    EXPECT_EQ(r.record->slot, "2026-12-03T09:30:00Z");

    r = open_json(milestone_record(here, visitor, "project_started"), "milestone", format);
    ASSERT_TRUE(r.record) << r.rejected;
    EXPECT_EQ(r.record->kind, Kind::Milestone);
    EXPECT_EQ(r.record->milestone, "project_started");
    EXPECT_EQ(r.record->service, "jisr");
    EXPECT_EQ(r.record->visitor_id, visitor);
  }
}

TEST_F(IntakeAccompaniment, AReferralsReasonIsOnlySealedToTheRegistryInBothFormats) {
  for (uint8_t format : {2, 3}) {
    SCOPED_TRACE("format " + std::to_string(format));
    json j = referral_record(here, visitor, format, keys.registry.public_key, "declined");
    j["state_reason"] = "not_eligible";
    OpenResult r = open_json(j, "referral", format);
    ASSERT_TRUE(r.record) << r.rejected;
    EXPECT_EQ(r.record->kind, Kind::Referral);
    EXPECT_EQ(r.record->referral_id, j["referral_id"]);
    EXPECT_EQ(r.record->from_service, "jisr");
    EXPECT_EQ(r.record->referred_kind, "partner");
    EXPECT_EQ(r.record->referred_to, "amal");
    EXPECT_EQ(r.record->event, "declined");
    EXPECT_EQ(r.record->state_reason, "not_eligible");
    EXPECT_EQ(all_facts(*r.record).find("Canaryreason"), std::string::npos);
    EXPECT_FALSE(store::open_identity(r.record->identity_sealed, keys.seal)) << "the receivers' key must not open it";
    auto reason = store::open_identity(r.record->identity_sealed, keys.registry);
    ASSERT_TRUE(reason);
    EXPECT_EQ(json::parse(*reason), json({{"reason", kReferralReason}}));
  }
  json later = referral_record(here, visitor, 2, keys.registry.public_key, "accepted");
  later.erase("reason");
  OpenResult r = open_json(later, "referral");
  ASSERT_TRUE(r.record) << r.rejected;
  EXPECT_TRUE(r.record->identity_sealed.empty()) << "an event without words carries no identity";
}

TEST_F(IntakeAccompaniment, AFormat3ReferralWithItsReasonInClearIsRefused) {
  json j = referral_record(here, visitor, 2, keys.registry.public_key);  // the reason in clear...
  EXPECT_EQ(rejection(j, "referral", 3), "format 3 carries no 'reason' in clear");  // ...in format 3
  json both = referral_record(here, visitor, 3, keys.registry.public_key);
  both["reason"] = kReferralReason;
  EXPECT_EQ(rejection(both, "referral", 3), "format 3 carries no 'reason' in clear");
  json phone = consent_record(here, visitor);
  phone["phone"] = "0611223344";
  EXPECT_EQ(rejection(phone, "consent", 3), "format 3 carries no 'phone' in clear");
}

struct Malformed {
  const char* kind;
  std::function<void(json&)> change;
  const char* reason;
};

TEST_F(IntakeAccompaniment, EachMalformedVariantIsRefusedWithItsReason) {
  const Malformed cases[] = {
      {"consent", [](json& j) { j["purpose"] = "marketing"; }, "field 'purpose' is not one of keep, sms, share"},
      {"consent", [](json& j) { j["channel"] = "phone"; }, "field 'channel' is not one of kiosk, desk"},
      {"consent", [](json& j) { j["granted"] = "yes"; }, "field 'granted' is not true or false"},
      {"consent", [](json& j) { j.erase("granted"); }, "field 'granted' is missing"},
      {"consent", [](json& j) { j.erase("text_version"); }, "field 'text_version' is missing"},
      {"consent", [](json& j) { j["consent_id"] = "c-1"; }, "field 'consent_id' is not a UUIDv4"},
      {"consent", [](json& j) { j["visitor_id"] = "v-1"; }, "field 'visitor_id' is not a UUIDv4"},
      {"consent", [](json& j) { j.erase("at"); }, "field 'at' is missing"},
      {"consent", [](json& j) { j["at"] = "yesterday"; }, "field 'at' is not an RFC 3339 UTC time"},
      {"appointment", [](json& j) { j["event"] = "postponed"; },
       "field 'event' is not one of booked, moved, cancelled, kept, late, missed"},
      {"appointment", [](json& j) { j.erase("slot"); }, "field 'slot' is missing"},
      {"appointment", [](json& j) { j["slot"] = "2026-12-03 09:30"; }, "field 'slot' is not an RFC 3339 UTC time"},
      {"appointment", [](json& j) { j.erase("service"); }, "field 'service' is missing"},
      {"appointment", [](json& j) { j["appointment_id"] = 7; }, "field 'appointment_id' is not a UUIDv4"},
      {"appointment", [](json& j) { j["service"] = json::array(); }, "field 'service' is not text"},
      {"referral", [](json& j) { j["event"] = "lost"; },
       "field 'event' is not one of proposed, accepted, declined, completed, not_completed"},
      {"referral", [](json& j) { j["to"] = "school:12"; }, "field 'to' is not service:ID or partner:ID"},
      {"referral", [](json& j) { j["to"] = "partner:"; }, "field 'to' is not service:ID or partner:ID"},
      {"referral", [](json& j) { j["to"] = "amal"; }, "field 'to' is not service:ID or partner:ID"},
      {"referral", [](json& j) { j["event"] = "not_completed"; }, "field 'state_reason' is missing"},
      {"referral", [](json& j) { j["event"] = "not_completed", j["state_reason"] = "busy"; },
       "field 'state_reason' is not one of unreachable, refused, other"},
      {"referral", [](json& j) { j["event"] = "declined", j["state_reason"] = "she has no time now"; },
       "field 'state_reason' is not a reason code (letters, digits, '_' or '-')"},
      {"referral", [](json& j) { j["reason"] = 42; }, "field 'reason' is not text"},
      {"referral", [](json& j) { j.erase("from_service"); }, "field 'from_service' is missing"},
      {"milestone", [](json& j) { j["milestone"] = "graduated"; },
       "field 'milestone' is not one of registered, coached, trained, incubated, project_started"},
      {"milestone", [](json& j) { j.erase("service"); }, "field 'service' is missing"},
      {"milestone", [](json& j) { j["centre_id"] = "MA-RBA-07"; }, "the record's centre_id is not the batch's"},
  };
  for (const Malformed& m : cases) {
    json j = std::string(m.kind) == "consent"       ? consent_record(here, visitor)
             : std::string(m.kind) == "appointment" ? appointment_record(here, visitor)
             : std::string(m.kind) == "referral"    ? referral_record(here, visitor, 2, keys.registry.public_key)
                                                    : milestone_record(here, visitor);
    ASSERT_TRUE(open_json(j, m.kind).record) << "the unchanged " << m.kind << " opens";
    m.change(j);
    EXPECT_EQ(rejection(j, m.kind), m.reason) << j.dump();
  }
}

TEST_F(IntakeAccompaniment, EveryAppointmentEventOpensAndOnlyBookingAndMovingNeedASlot) {
  for (const char* event : {"booked", "moved", "cancelled", "kept", "late", "missed"}) {
    json j = appointment_record(here, visitor, event);
    EXPECT_TRUE(open_json(j, "appointment").record) << event;
    j.erase("slot");
    bool needs_slot = std::string(event) == "booked" || std::string(event) == "moved";
    EXPECT_EQ(!open_json(j, "appointment").record, needs_slot) << event;
  }
  for (const char* reason : {"unreachable", "refused", "other"}) {
    json j = referral_record(here, visitor, 2, keys.registry.public_key, "not_completed");
    j["state_reason"] = reason;
    EXPECT_TRUE(open_json(j, "referral").record) << reason;
  }
}

}  // namespace
