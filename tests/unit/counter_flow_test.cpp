// The counter's rules (kiosk/core/counter_flow), pure: a note over the limit and a transfer to where she already is.
#include <gtest/gtest.h>

#include <algorithm>

#include "common/centre_settings.hpp"
#include "kiosk/core/counter_flow.hpp"

using namespace shubbak;

class CounterFlowTest : public ::testing::Test {
 protected:
  // Signed in and serving a ticket of `service` (as CounterSession feeds the flow after a call).
  CounterState serving(const std::string& service) {
    CounterState s;
    s.screen = CounterScreen::Console;
    s.login = "salma";
    s = flow.handle(s, cev::Called{"t-1", "A-001", service}, now).state;
    return s;
  }
  static std::string repeat(const std::string& piece, size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += piece;
    return out;
  }
  CentreConfig cfg = CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
  CounterFlow flow{cfg.catalogue, 300};
  TimePoint now{};
};

TEST_F(CounterFlowTest, ANoteOfFiveHundredArabicLettersIsKeptWhole) {
  // 500 letters are 1,000 bytes: the limit counts characters, as the desk's textarea (maxlength) does.
  const std::string note = repeat("ب", CounterFlow::kMaxNoteChars);
  ASSERT_EQ(note.size(), 2 * CounterFlow::kMaxNoteChars);
  CounterStep st = flow.handle(serving("jisr"), cev::EditNote{note}, now);
  EXPECT_EQ(st.state.note, note) << "a note within the limit is cut";
  EXPECT_EQ(st.state.message, "");
  CounterStep done = flow.handle(st.state, cev::Served{"info_given"}, now);
  ASSERT_EQ(done.effects.size(), 1u);
  EXPECT_EQ(std::get<cfx::Served>(done.effects[0]).note, note);
}

TEST_F(CounterFlowTest, ANoteOverTheLimitIsRefusedWithWordsNotCut) {
  CounterState s = flow.handle(serving("jisr"), cev::EditNote{"rdv lundi"}, now).state;
  const std::string too_long = repeat("ⵣ", CounterFlow::kMaxNoteChars + 1);  // Tifinagh: 3 bytes a letter
  CounterStep st = flow.handle(s, cev::EditNote{too_long}, now);
  EXPECT_EQ(st.state.note, "rdv lundi") << "the note she had is kept, not replaced by a shortened one";
  EXPECT_EQ(st.state.message, "counter.note_too_long");
  CounterStep ok = flow.handle(st.state, cev::EditNote{"rdv mardi"}, now);
  EXPECT_EQ(ok.state.note, "rdv mardi");
  EXPECT_EQ(ok.state.message, "") << "the warning goes once the note fits";
}

TEST_F(CounterFlowTest, TheLimitCountsCharactersAndALineBreakOnce) {
  EXPECT_EQ(CounterFlow::note_chars("abc"), 3u);
  EXPECT_EQ(CounterFlow::note_chars("فاطمة"), 5u);
  EXPECT_EQ(CounterFlow::note_chars("a\r\nb"), 3u) << "a browser sends a textarea's line break as CRLF";
  EXPECT_EQ(CounterFlow::note_chars("a\nb"), 3u);
  EXPECT_TRUE(CounterFlow::note_fits(repeat("é", CounterFlow::kMaxNoteChars)));
  EXPECT_FALSE(CounterFlow::note_fits(repeat("a", CounterFlow::kMaxNoteChars + 1)));
}

TEST_F(CounterFlowTest, ATransferNeverOffersNorMovesHerToTheServiceSheIsIn) {
  CounterState s = serving("jisr");
  auto choices = flow.transfer_choices(s);
  EXPECT_EQ(std::count(choices.begin(), choices.end(), "jisr"), 0) << "her own service is offered";
  EXPECT_EQ(choices.size() + 1, cfg.catalogue.services().size()) << "every other service is offered";
  s = flow.handle(s, cev::OpenTransfer{}, now).state;
  CounterStep same = flow.handle(s, cev::TransferTo{"jisr"}, now);
  EXPECT_TRUE(same.effects.empty()) << "a transfer to where she already is was sent to the store";
  EXPECT_EQ(same.state.message, "counter.transfer_same_service");
  CounterStep other = flow.handle(s, cev::TransferTo{"legal"}, now);
  ASSERT_EQ(other.effects.size(), 1u);
  EXPECT_EQ(std::get<cfx::Transfer>(other.effects[0]).service_id, "legal");
}
