#include <gtest/gtest.h>
#include <imgui.h>

#include "kiosk/text/text_cache.hpp"

using namespace shubbak::text;

// After a string's first layout, the render loop does no shaping: the second frame is a cache hit.
TEST(TextCache, ShapesEachStringOncePerWidth) {
  ImGui::CreateContext();
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  ImFont* font = atlas->AddFontDefault();
  unsigned char* px;
  int w, h;
  atlas->GetTexDataAsAlpha8(&px, &w, &h);
  TextCache cache;
  const auto& a = cache.lines("مرحبا بكم", Direction::RTL, font, 13, 500);
  const auto& b = cache.lines("مرحبا بكم", Direction::RTL, font, 13, 500);
  EXPECT_EQ(&a, &b);
  EXPECT_EQ(cache.misses(), 1u);
  cache.lines("مرحبا بكم", Direction::RTL, font, 13, 100);
  EXPECT_EQ(cache.misses(), 2u) << "another width is another layout";
  ImGui::DestroyContext();
}

// Text that changes all day (queue rows with their waiting minutes, counts) never makes the cache grow without
// bound: past its capacity the least recently used layouts go, and what is on screen now stays.
TEST(TextCache, StaysWithinItsBoundWhateverIsShown) {
  ImGui::CreateContext();
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  ImFont* font = atlas->AddFontDefault();
  unsigned char* px;
  int w, h;
  atlas->GetTexDataAsAlpha8(&px, &w, &h);
  TextCache cache;
  const std::string on_screen = "Appeler le suivant";
  for (size_t i = 0; i < 3 * TextCache::kCapacity; ++i) {
    cache.lines(on_screen, Direction::LTR, font, 13, 500);  // drawn every frame
    cache.lines("A-" + std::to_string(i) + " attend depuis " + std::to_string(i % 600) + " min", Direction::LTR, font,
                13, 500);
    ASSERT_LE(cache.size(), TextCache::kCapacity) << "after " << i << " distinct rows";
  }
  size_t misses = cache.misses();
  cache.lines(on_screen, Direction::LTR, font, 13, 500);
  EXPECT_EQ(cache.misses(), misses) << "the text drawn every frame is still cached";
  EXPECT_FALSE(cache.holds_text_containing("A-0 attend")) << "the oldest row went";
  ImGui::DestroyContext();
}
