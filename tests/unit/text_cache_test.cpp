#include <gtest/gtest.h>
#include <imgui.h>

#include "kiosk/text/text_cache.hpp"

using shubbak::text::Direction;

// A font to lay text out with (ImGui's default, built into an atlas).
class TextCache : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    font = atlas->AddFontDefault();
    unsigned char* px;
    int w, h;
    atlas->GetTexDataAsAlpha8(&px, &w, &h);
  }
  void TearDown() override { ImGui::DestroyContext(); }
  ImFont* font = nullptr;
};

// After a string's first layout, the render loop does no shaping: the second frame is a cache hit.
TEST_F(TextCache, ShapesEachStringOncePerWidth) {
  shubbak::text::TextCache cache;
  const auto& a = cache.lines("مرحبا بكم", Direction::RTL, font, 13, 500);
  const auto& b = cache.lines("مرحبا بكم", Direction::RTL, font, 13, 500);
  EXPECT_EQ(&a, &b);
  EXPECT_EQ(cache.misses(), 1u);
  cache.lines("مرحبا بكم", Direction::RTL, font, 13, 100);
  EXPECT_EQ(cache.misses(), 2u) << "another width is another layout";
}

// Text that changes all day (queue rows with their waiting minutes, counts) never makes the cache grow without
// bound: past its capacity the least recently used layouts go, and what is on screen now stays.
TEST_F(TextCache, StaysWithinItsBoundWhateverIsShown) {
  shubbak::text::TextCache cache;
  const std::string on_screen = "Appeler le suivant";
  for (size_t i = 0; i < 3 * shubbak::text::TextCache::kCapacity; ++i) {
    cache.lines(on_screen, Direction::LTR, font, 13, 500);  // drawn every frame
    cache.lines("A-" + std::to_string(i) + " attend depuis " + std::to_string(i % 600) + " min", Direction::LTR, font,
                13, 500);
    ASSERT_LE(cache.size(), shubbak::text::TextCache::kCapacity) << "after " << i << " distinct rows";
  }
  size_t misses = cache.misses();
  cache.lines(on_screen, Direction::LTR, font, 13, 500);
  EXPECT_EQ(cache.misses(), misses) << "the text drawn every frame is still cached";
  EXPECT_FALSE(cache.holds_text_containing("A-0 attend")) << "the oldest row went";
}
