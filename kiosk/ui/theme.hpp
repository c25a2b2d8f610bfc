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
constexpr Color kCardDown{0xE4, 0xEE, 0xF2};   // a white card or row while a finger holds it
constexpr Color kPrimary{0x0B, 0x4F, 0x6C};    // dark teal: bars, main buttons, pictograms
constexpr Color kPrimaryDown{0x07, 0x33, 0x46};
constexpr Color kGo{0x1B, 0x5E, 0x20};         // "get a ticket"
constexpr Color kAlert{0x8B, 0x1A, 0x1A};      // "call staff", errors
constexpr Color kNeutral{0x3A, 0x3A, 0x3A};    // sensitive tickets: says nothing about the service
constexpr Color kOnDark{0xFF, 0xFF, 0xFF};
constexpr Color kBorder{0x8A, 0x8A, 0x8A};
constexpr Color kKeyDown{0xD8, 0xE4, 0xEA};    // a letter key while pressed
constexpr Color kKeyFn{0xE2, 0xE2, 0xE2};      // shift, backspace, arrows
constexpr Color kKeyFnDown{0xC8, 0xC8, 0xC8};

constexpr float kLineHeight = 1.25f;  // a line of text is this many times its font size
constexpr float kShrinkStep = 0.92f;  // a label too long for its widget is tried again this much smaller
}  // namespace theme

// Sizes in millimetres on the glass; the Metrics turn them into pixels for the configured screen. Touch targets
// never end up smaller than the centre's min_target_mm, body text lines never lower than its body_line_mm.
namespace mm {
constexpr float kBarHeight = 30;     // top bar
constexpr float kBarInset = 3;       // above and below the buttons in the top bar
constexpr float kFooterHeight = 34;  // listen / call staff
constexpr float kButtonHeight = 24;
constexpr float kNavButtonWidth = 52;  // back and home in the top bar
constexpr float kGap = 5;
constexpr float kPad = 7;
constexpr float kButtonPad = 3;      // between a button's edge and its label
constexpr float kButtonLabelMargin = 1;  // above and below a button's label lines
constexpr float kRounding = 2;       // corners of buttons and fields
constexpr float kBodyText = 10;      // font pixel size in mm (line height >= 8 mm)
constexpr float kTitleText = 14;
constexpr float kHugeText = 42;
constexpr float kIcon = 24;
constexpr float kCardIconMin = 10;   // a card's pictogram never gets less than this above its label
constexpr float kCaretWidth = 0.8f;
// On-screen keyboards.
constexpr float kKeyGap = 1.5f;
constexpr float kKeyMin = 15.5f;           // narrowest key
constexpr float kKeyMaxLetters = 30;       // widest letter key
constexpr float kKeyMaxDigits = 40;        // widest number-pad key
constexpr float kKeyHeightMin = 17;
constexpr float kKeyHeightLetters = 22;
constexpr float kKeyHeightDigits = 26;
}  // namespace mm

}  // namespace shubbak::ui
