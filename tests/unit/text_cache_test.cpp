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
