// Colours and sizes of the visitor screens, in one place. Text colours keep a contrast of at least 7:1 on
// the background they are drawn on (the accessibility test checks it from the audit).
#pragma once
#include <imgui.h>

namespace shubbak::ui {

struct Color {
  unsigned char r, g, b;
  ImU32 u32(unsigned char a = 255) const { return IM_COL32(r, g, b, a); }
};

namespace theme {
constexpr Color kPage{0xF7, 0xF4, 0xEC};       // warm off-white page
constexpr Color kInk{0x1A, 0x1A, 0x1A};        // body text
constexpr Color kCard{0xFF, 0xFF, 0xFF};
constexpr Color kPrimary{0x0B, 0x4F, 0x6C};    // dark teal: bars, main buttons, pictograms
constexpr Color kPrimaryDown{0x07, 0x33, 0x46};
constexpr Color kGo{0x1B, 0x5E, 0x20};         // "get a ticket"
constexpr Color kAlert{0x8B, 0x1A, 0x1A};      // "call staff", errors
constexpr Color kNeutral{0x3A, 0x3A, 0x3A};    // sensitive tickets: says nothing about the service
constexpr Color kOnDark{0xFF, 0xFF, 0xFF};
constexpr Color kBorder{0x8A, 0x8A, 0x8A};
}  // namespace theme

// Sizes in millimetres on the glass; the Metrics turn them into pixels for the configured screen.
namespace mm {
constexpr float kBarHeight = 30;     // top bar
constexpr float kFooterHeight = 34;  // listen / call staff
constexpr float kButtonHeight = 24;
constexpr float kGap = 5;
constexpr float kPad = 7;
constexpr float kBodyText = 10;      // font pixel size in mm (line height >= 8 mm)
constexpr float kTitleText = 14;
constexpr float kHugeText = 42;
constexpr float kIcon = 24;
}  // namespace mm

}  // namespace shubbak::ui
