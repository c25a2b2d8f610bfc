// Consent for each purpose (issue 16) on a real store: the history of her answers, the check every boundary makes,
// and the SMS queue that only takes a message she agreed to.
#include "kiosk/core/consent.hpp"
#include "kiosk/store/sms_queue.hpp"
#include "kiosk/store/staff_store.hpp"
#include "tests/unit/accompaniment_fixture.hpp"

using namespace shubbak;
using shubbak::testing::AppointmentTest;

TEST(ConsentTexts, EachPurposeHasItsIdSpokenExplanationAndVersion) {
  for (ConsentPurpose p : consent_purposes()) {
    EXPECT_EQ(parse_consent_purpose(consent_purpose_id(p)), p);
    EXPECT_EQ(std::string(consent_explanation_key(p)).rfind("prompt.", 0), 0u) << "spoken, so it has a voice clip";
    EXPECT_EQ(std::string(consent_text_version(p)).rfind(consent_purpose_id(p), 0), 0u);
  }
  EXPECT_STREQ(consent_text_version(ConsentPurpose::Keep), "keep-2026-12");
  EXPECT_STREQ(consent_explanation_key(ConsentPurpose::Keep), "prompt.consent") << "today's words are keep's";
  EXPECT_FALSE(parse_consent_purpose("marketing"));
}

TEST_F(AppointmentTest, ConsentHistoryKeepsEveryAnswerAndTheLatestCounts) {
  const std::string v = register_for_literacy("0611223344", {{ConsentPurpose::Sms, true}});
  auto now = consents->current(v);
  ASSERT_EQ(now.size(), 2u) << "keep (her registration) and sms; she was not asked about sharing";
  EXPECT_TRUE(now[ConsentPurpose::Keep].granted);
  EXPECT_EQ(now[ConsentPurpose::Keep].text_version, "keep-2026-12");
  EXPECT_EQ(now[ConsentPurpose::Keep].channel, ConsentChannel::Kiosk);
  EXPECT_TRUE(consents->holds(v, ConsentPurpose::Sms));
  try {
    consents->require(v, ConsentPurpose::Share);
    ADD_FAILURE() << "no share consent: a partner referral must be refused";
  } catch (const ConsentMissing& e) {
    EXPECT_EQ(e.purpose, ConsentPurpose::Share);
    EXPECT_EQ(e.visitor_id, v);
  }
  clock.advance(Seconds(600));
  consents->record(v, ConsentPurpose::Share, true, ConsentSource::desk("salma"), clock.now());
  EXPECT_NO_THROW(consents->require(v, ConsentPurpose::Share));
  clock.advance(Seconds(60));
  consents->record(v, ConsentPurpose::Share, false, ConsentSource::desk("salma"), clock.now());
  EXPECT_THROW(consents->require(v, ConsentPurpose::Share), ConsentMissing) << "withdrawn: takes effect at once";
  auto h = consents->history(v);
  ASSERT_EQ(h.size(), 4u) << "keep, sms, share yes, share no";
  EXPECT_EQ(h[2].actor, "staff:salma");
  EXPECT_TRUE(h[2].granted);
  EXPECT_FALSE(h[3].granted);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action='consent_changed'"), 2) << "desk answers are audited";
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action='consent_changed' AND detail='share=no'"), 1);
}

TEST_F(AppointmentTest, EachAnswerIsASealedConsentRecord) {
  const std::string v = register_for_literacy("0611223344", {{ConsentPurpose::Sms, false}});
  clock.advance(Seconds(90));
  consents->record(v, ConsentPurpose::Share, true, ConsentSource::desk("amal"), clock.now());
  auto r = records("consent");
  ASSERT_EQ(r.size(), 2u) << "her registration's keep travels in the registration record";
  EXPECT_EQ(r[0]["purpose"], "sms");
  EXPECT_EQ(r[0]["granted"], false);
  EXPECT_EQ(r[0]["text_version"], "sms-2026-12");
  EXPECT_EQ(r[0]["channel"], "kiosk");
  EXPECT_FALSE(r[0].contains("staff"));
  EXPECT_EQ(r[0]["at"], to_rfc3339_utc(clock.now() - Seconds(90)));
  EXPECT_EQ(r[1]["purpose"], "share");
  EXPECT_EQ(r[1]["granted"], true);
  EXPECT_EQ(r[1]["channel"], "desk");
  EXPECT_EQ(r[1]["staff"], "amal");
  EXPECT_EQ(r[1]["at"], to_rfc3339_utc(clock.now()));
  for (const auto& j : r) {
    EXPECT_EQ(j["visitor_id"], v);
    EXPECT_EQ(j["centre_id"], cfg.settings.centre_id);
    EXPECT_EQ(j["kiosk_id"], cfg.settings.kiosk_id);
    EXPECT_TRUE(store::is_uuid_v4(j["consent_id"].get<std::string>()));
  }
  auto reg = records("registration").at(0);
  EXPECT_EQ(reg["consent"], true) << "the registration record still says she agreed";
  EXPECT_EQ(reg["consent_text_version"], "keep-2026-12");
  EXPECT_EQ(consents->current(v)[ConsentPurpose::Keep].text_version, "keep-2026-12") << "and the store has the row";
}

TEST_F(AppointmentTest, NothingIsKeptForAWomanWhoSaidNoAndARegistrationCannotRefuseKeep) {
  kiosk->issue(IssueRequest{"jisr", std::nullopt, "", false, {{ConsentPurpose::Sms, true}}}, clock.now());
  EXPECT_EQ(count("SELECT count(*) FROM consents"), 0) << "no visitor: no answer is kept about her";
  IssueRequest contradictory{"jisr", VisitorDetails{"Canary", "0611223344", "", "1990", "", std::nullopt}, "", false};
  contradictory.consents[ConsentPurpose::Keep] = false;
  EXPECT_THROW(kiosk->issue(contradictory, clock.now()), store::StoreError);
  EXPECT_EQ(count("SELECT count(*) FROM visitors"), 0) << "all or nothing";
}

TEST_F(AppointmentTest, AWomanRegisteredBeforePerPurposeAnswersKeepsHerRegistrationConsent) {
  const std::string v = register_for_literacy("0611223344");
  db->exec("DELETE FROM consents");  // as a store written before schema 6 has them
  auto now = consents->current(v);
  ASSERT_TRUE(now.count(ConsentPurpose::Keep));
  EXPECT_TRUE(now[ConsentPurpose::Keep].granted);
  EXPECT_EQ(now[ConsentPurpose::Keep].text_version, ConsentStore::kLegacyKeepVersion);
  EXPECT_FALSE(consents->holds(v, ConsentPurpose::Sms));
}

TEST_F(AppointmentTest, NoSmsCanBeQueuedWithoutHerSmsConsent) {
  SmsQueue sms(*db);
  const std::string asked_no = register_for_literacy("0611223344", {{ConsentPurpose::Sms, false}});
  const std::string never_asked = register_for_literacy("0622334455");
  for (const auto& v : {asked_no, never_asked})
    EXPECT_THROW(sms.enqueue(v, "appointment_reminder", "", clock.now(), clock.now()), ConsentMissing);
  EXPECT_EQ(count("SELECT count(*) FROM sms_queue"), 0);
  consents->record(asked_no, ConsentPurpose::Sms, true, ConsentSource::desk("salma"), clock.now());
  EXPECT_GT(sms.enqueue(asked_no, "appointment_reminder", "", clock.now(), clock.now()), 0);
  EXPECT_EQ(sms.of_visitor(asked_no).at(0).state, "queued");
}

TEST_F(AppointmentTest, WithdrawingSmsConsentCancelsHerQueuedSmsAtOnce) {
  SmsQueue sms(*db);
  const std::string her = register_for_literacy("0611223344", {{ConsentPurpose::Sms, true}});
  const std::string other = register_for_literacy("0622334455", {{ConsentPurpose::Sms, true}});
  sms.enqueue(her, "appointment_reminder", "a1", clock.now() + std::chrono::hours(20), clock.now());
  sms.enqueue(her, "turn_near", "t1", clock.now(), clock.now());
  sms.enqueue(other, "turn_near", "t2", clock.now(), clock.now());
  consents->record(her, ConsentPurpose::Sms, false, ConsentSource::desk("salma"), clock.now());
  for (const auto& q : sms.of_visitor(her)) EXPECT_EQ(q.state, "cancelled") << q.kind;
  EXPECT_EQ(sms.of_visitor(other).at(0).state, "queued") << "another woman's SMS stay";
  EXPECT_THROW(sms.enqueue(her, "turn_near", "t3", clock.now(), clock.now()), ConsentMissing);
  EXPECT_EQ(count("SELECT count(*) FROM sms_queue WHERE state='queued'"), 1);
}
