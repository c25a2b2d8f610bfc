// Referrals and milestones in the store (issue 16): the lifecycle, the share consent checked at the store, the
// receiving service's list, the sealed outbox records, a milestone recorded once.
#include <gtest/gtest.h>

#include "accompaniment_fixture.hpp"
#include "kiosk/store/milestone_store.hpp"
#include "kiosk/store/referral_store.hpp"
#include "store/identity.hpp"

using namespace shubbak;
using shubbak::testing::AccompanimentTest;

namespace {

ReferralError::Code code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ReferralError& e) {
    return e.code;
  }
  ADD_FAILURE() << "no ReferralError";
  return ReferralError::NotFound;
}

}  // namespace

TEST_F(AccompanimentTest, AReferralGoesFromProposedToAcceptedToCompletedEachStepRecordedAndAudited) {
  std::string her = register_woman("jisr", "0611223344");
  ReferralStore rs(*db, cfg.catalogue, cfg.settings);
  std::string id = rs.refer_internal(her, "jisr", "incubator", "  Projet de couture, prête pour l'incubateur  ",
                                     "salma", clock.now());
  auto r = rs.get(id, "salma");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->state, "proposed");
  EXPECT_TRUE(r->internal());
  EXPECT_EQ(r->reason, "Projet de couture, prête pour l'incubateur") << "trimmed";
  EXPECT_EQ(code_of([&] { rs.complete(id, "nora", clock.now()); }), ReferralError::WrongState)
      << "not completed before it is accepted";
  EXPECT_EQ(code_of([&] { rs.refer_internal(her, "jisr", "incubator", "again", "salma", clock.now()); }),
            ReferralError::AlreadyOpen);
  clock.advance(Seconds(3600));
  rs.accept(id, "nora", clock.now());
  EXPECT_EQ(code_of([&] { rs.accept(id, "nora", clock.now()); }), ReferralError::WrongState);
  rs.complete(id, "nora", clock.now());
  r = rs.get(id, "nora");
  EXPECT_EQ(r->state, "completed");
  EXPECT_EQ(r->updated_by, "nora");
  EXPECT_EQ(r->created_by, "salma");

  auto recs = records("referral");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0]["event"], "proposed");
  EXPECT_EQ(recs[1]["event"], "accepted");
  EXPECT_EQ(recs[2]["event"], "completed");
  for (const auto& e : recs) {
    EXPECT_EQ(e["referral_id"], id);
    EXPECT_EQ(e["visitor_id"], her);
    EXPECT_EQ(e["to"], "service:incubator");
    EXPECT_EQ(e["from_service"], "jisr");
    EXPECT_EQ(e["centre_id"], cfg.settings.centre_id);
    EXPECT_FALSE(e.contains("reason")) << "format 3: her reason only inside the sealed identity";
    EXPECT_EQ(e.dump().find("couture"), std::string::npos);
  }
  auto sealed = store::from_base64(recs[0]["identity"].get<std::string>());
  ASSERT_TRUE(sealed);
  EXPECT_FALSE(store::open_identity(*sealed, seal)) << "the receivers' key does not open it";
  auto opened = store::open_identity(*sealed, registry);
  ASSERT_TRUE(opened);
  EXPECT_EQ(nlohmann::json::parse(*opened)["reason"], "Projet de couture, prête pour l'incubateur");
  EXPECT_FALSE(recs[1].contains("identity")) << "the reason travels once";
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action LIKE 'referral_%' AND subject='" + id + "'"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE detail LIKE '%couture%'"), 0) << "no words in the audit";
}

TEST_F(AccompanimentTest, DeclinedAndNotCompletedKeepTheirReasonCode) {
  std::string her = register_woman("jisr", "0611223344");
  ReferralStore rs(*db, cfg.catalogue, cfg.settings);
  std::string a = rs.refer_internal(her, "jisr", "training", "formation couture", "salma", clock.now());
  std::string b = rs.refer_internal(her, "jisr", "literacy", "lire et écrire", "salma", clock.now());
  EXPECT_EQ(code_of([&] { rs.decline(a, "because", "nora", clock.now()); }), ReferralError::UnknownReasonCode);
  rs.decline(a, "no_place", "nora", clock.now());
  rs.accept(b, "amal", clock.now());
  EXPECT_EQ(code_of([&] { rs.not_complete(b, "no_place", "amal", clock.now()); }), ReferralError::UnknownReasonCode)
      << "no_place is a reason to decline, not for a referral not completed";
  rs.not_complete(b, "unreachable", "amal", clock.now());
  EXPECT_EQ(rs.get(a, "")->state_reason, "no_place");
  EXPECT_EQ(rs.get(b, "")->state, "not_completed");
  EXPECT_EQ(rs.get(b, "")->state_reason, "unreachable");
  auto recs = records("referral");
  ASSERT_EQ(recs.size(), 5u);
  EXPECT_EQ(recs[2]["event"], "declined");
  EXPECT_EQ(recs[2]["state_reason"], "no_place");
  EXPECT_EQ(recs[4]["event"], "not_completed");
  EXPECT_EQ(recs[4]["state_reason"], "unreachable");
  EXPECT_FALSE(recs[0].contains("state_reason"));
  // Declined: she can be referred there again.
  EXPECT_NO_THROW(rs.refer_internal(her, "jisr", "training", "nouvelle session", "salma", clock.now()));
  EXPECT_EQ(code_of([&] { rs.accept("no-such-id", "nora", clock.now()); }), ReferralError::NotFound);
}

TEST_F(AccompanimentTest, AnExternalReferralIsRefusedWithoutHerShareConsentAndAcceptedWithIt) {
  std::string her = register_woman("jisr", "0611223344");
  ReferralStore rs(*db, cfg.catalogue, cfg.settings);
  auto refer = [&] { return rs.refer_external(her, "jisr", "afak", "financement du projet", "salma", clock.now()); };
  EXPECT_THROW(refer(), ConsentMissing) << "no answer is no";
  consent(her, "keep", true);
  consent(her, "sms", true);
  EXPECT_THROW(refer(), ConsentMissing) << "other purposes do not count";
  consent(her, "share", false);
  EXPECT_THROW(refer(), ConsentMissing) << "she said no";
  EXPECT_EQ(count("SELECT count(*) FROM referrals"), 0) << "nothing written when refused";
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE kind='referral'"), 0);
  consent(her, "share", true);
  std::string id = refer();
  auto r = rs.get(id, "salma");
  EXPECT_FALSE(r->internal());
  EXPECT_EQ(r->partner_id, "afak");
  EXPECT_EQ(records("referral").at(0)["to"], "partner:afak");
  rs.decline(id, "not_eligible", "salma", clock.now());
  consent(her, "share", false);  // she withdraws: at once
  EXPECT_THROW(refer(), ConsentMissing);
  // The partner must take referrals from the referring service.
  consent(her, "share", true);
  EXPECT_EQ(code_of([&] { rs.refer_external(her, "jisr", "anaruz", "x", "salma", clock.now()); }),
            ReferralError::PartnerNotForService);
  EXPECT_EQ(code_of([&] { rs.refer_external(her, "jisr", "nobody", "x", "salma", clock.now()); }),
            ReferralError::UnknownPartner);
  EXPECT_EQ(code_of([&] { rs.refer_external(her, "jisr", "afak", "   ", "salma", clock.now()); }),
            ReferralError::NoReason);
}

TEST_F(AccompanimentTest, AnInternalReferralWaitsAtTheReceivingServiceOnly) {
  std::string her = register_woman("jisr", "0611223344");
  std::string other = register_woman("jisr", "0622334455");
  ReferralStore rs(*db, cfg.catalogue, cfg.settings);
  std::string a = rs.refer_internal(her, "jisr", "incubator", "projet", "salma", clock.now());
  clock.advance(Seconds(60));
  std::string b = rs.refer_internal(other, "jisr", "incubator", "projet 2", "salma", clock.now());
  std::string c = rs.refer_internal(her, "jisr", "training", "formation", "salma", clock.now());
  consent(her, "share", true);
  rs.refer_external(her, "jisr", "afak", "financement", "salma", clock.now());
  auto at_incubator = rs.waiting_at({"incubator"}, "nora");
  ASSERT_EQ(at_incubator.size(), 2u);
  EXPECT_EQ(at_incubator[0].id, a) << "oldest first";
  EXPECT_EQ(at_incubator[1].id, b);
  EXPECT_EQ(at_incubator[0].reason, "projet");
  EXPECT_EQ(rs.waiting_at({"legal"}, "nora").size(), 0u);
  EXPECT_EQ(rs.waiting_at({"incubator", "training"}, "nora").size(), 3u);
  rs.accept(a, "nora", clock.now());
  EXPECT_EQ(rs.waiting_at({"incubator"}, "nora").size(), 2u) << "accepted: still hers to complete";
  rs.complete(a, "nora", clock.now());
  rs.decline(b, "refused", "nora", clock.now());
  EXPECT_TRUE(rs.waiting_at({"incubator"}, "nora").empty()) << "done or declined: no longer waiting";
  EXPECT_EQ(rs.of_visitor(her, "salma").size(), 3u);
  EXPECT_EQ(rs.of_visitor(her, "salma").at(0).partner_id, "afak") << "newest first";
  EXPECT_EQ(c, rs.waiting_at({"training"}, "nora").at(0).id);
}

TEST_F(AccompanimentTest, AReferralReasonWrittenAtASensitiveServiceIsLoadedOnlyForItsStaffAndTheReceivers) {
  add_staff("hind", {"listening"});
  add_staff("amal", {"legal"});
  add_staff("nora", {"jisr"});
  std::string her = register_woman("listening", "0611223344");
  ReferralStore rs(*db, cfg.catalogue, cfg.settings);
  std::string id = rs.refer_internal(her, "listening", "legal", "violence conjugale, plainte", "hind", clock.now());
  EXPECT_EQ(rs.get(id, "hind")->reason, "violence conjugale, plainte");
  EXPECT_EQ(rs.get(id, "amal")->reason, "violence conjugale, plainte") << "the receiving service reads why";
  auto seen = rs.get(id, "nora");
  EXPECT_TRUE(seen->reason_hidden);
  EXPECT_TRUE(seen->reason.empty()) << "the words are not in the result";
  EXPECT_TRUE(rs.get(id, "stranger")->reason_hidden);
}

TEST_F(AccompanimentTest, AMilestoneOutcomeIsRecordedTheFirstTimeOnlyInTheServedTransaction) {
  std::string her = register_woman("jisr", "0611223344");
  serve(latest_ticket(), "jisr_registered", "", "salma");
  ASSERT_EQ(count("SELECT count(*) FROM milestones"), 1);
  EXPECT_EQ(db->scalar_text("SELECT milestone || '/' || service_id FROM milestones"), "registered/jisr");
  serve(ticket_for(her, "training"), "trained", "", "nora");
  serve(ticket_for(her, "jisr"), "coached", "", "salma");
  const std::string first_at = db->scalar_text("SELECT at FROM milestones WHERE milestone='coached'");
  serve(ticket_for(her, "jisr"), "coached", "", "salma");  // a second coaching session
  serve(ticket_for(her, "jisr"), "info_given", "", "salma");  // not a milestone
  EXPECT_EQ(count("SELECT count(*) FROM milestones"), 3);
  EXPECT_EQ(db->scalar_text("SELECT at FROM milestones WHERE milestone='coached'"), first_at) << "the first time stays";
  auto recs = records("milestone");
  ASSERT_EQ(recs.size(), 3u) << "one record per milestone reached";
  EXPECT_EQ(recs[0]["milestone"], "registered");
  EXPECT_EQ(recs[0]["visitor_id"], her);
  EXPECT_EQ(recs[0]["service"], "jisr");
  EXPECT_EQ(recs[0]["staff"], "salma");
  EXPECT_EQ(recs[0]["at"], db->scalar_text("SELECT served_at FROM tickets ORDER BY rowid LIMIT 1"));
  auto mine = milestones_of(*db, her);
  ASSERT_EQ(mine.size(), 3u);
  EXPECT_EQ(mine[0].milestone, "registered");
  EXPECT_EQ(mine[1].milestone, "coached") << "programme order, not the order reached";
  EXPECT_EQ(mine[2].milestone, "trained");
  // An anonymous ticket (no registration) reaches no milestone.
  kiosk->issue(IssueRequest{"jisr", std::nullopt, "", false}, clock.now());
  serve(latest_ticket(), "jisr_registered", "", "salma");
  EXPECT_EQ(count("SELECT count(*) FROM milestones"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action='milestone_reached'"), 3);
}
