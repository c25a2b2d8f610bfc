// Her details never enter the text cache (it outlives her session): what she types on the registration form and
// at check-in are laid out each frame and kept nowhere. (What the staff's desk shows of her is never cached or
// logged either: DeskPrivacy in tests/desk.) Drawn
// with the real screens, the real fonts and the real cache, as the kiosk draws them.
#include <gtest/gtest.h>
#include <imgui.h>

#include "common/centre_settings.hpp"
#include "common/clock.hpp"
#include "common/icons.hpp"
#include "common/languages.hpp"
#include "kiosk/core/flow.hpp"
#include "common/i18n.hpp"
#include "kiosk/text/fonts.hpp"
#include "kiosk/text/text_cache.hpp"
#include "kiosk/ui/visitor_view.hpp"

using namespace shubbak;

namespace {

constexpr int kW = 1080, kH = 1920;

class PersonalText : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(kW, kH);
    std::vector<std::string> texts, icons;
    for (const auto& l : languages()) {
      texts.push_back(l.own_name);
      for (const auto& [k, v] : tr.all(l.code)) texts.push_back(v);
      for (auto& t : cfg.catalogue.all_texts(l.code)) texts.push_back(std::move(t));
    }
    size_t n = 0;
    const Icon* all = all_icons(n);
    for (size_t i = 0; i < n; ++i) icons.push_back(icon_utf8(all[i].name));
    fonts = text::load_fonts(io.Fonts, text::FontFiles::debian(), metrics.font_sizes(), texts, icons);
    unsigned char* pixels;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // One frame of the kiosk: the root window, a Ui over the shared cache, `draw`; returns the widgets drawn.
  template <class Draw>
  std::vector<ui::WidgetRecord> frame(const std::string& lang, Draw draw) {
    ImGui::GetIO().DeltaTime = 1.0f / 60;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("root", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    const Language* l = find_language(lang);
    ui::Ui ui(fonts, cache, tr, lang, l && l->rtl, metrics, kW, kH);
    draw(ui);
    ImGui::End();
    ImGui::EndFrame();
    return ui.widgets();
  }
  std::vector<ui::WidgetRecord> visitor_frame() {
    return frame(s.lang, [&](ui::Ui& ui) {
      ui::Intents out;
      ui::draw_visitor(ui, ui::VisitorView{s, cfg.catalogue, cfg.settings, clock.now(), false}, out);
    });
  }
  void send(const Event& e) { s = flow.handle(s, e, clock.now()).state; }
  // Types as she does: one key at a time, the screen redrawn after each.
  void type(const std::string& utf8) {
    for (char32_t c : utf8_to_u32(utf8)) {
      send(ev::KeyText{u32_to_utf8(std::u32string(1, c))});
      visitor_frame();
    }
  }
  // Neither the text nor any prefix of it she typed on the way (3 characters or more) is in the cache.
  void expect_not_cached(const std::string& utf8) {
    std::u32string u = utf8_to_u32(utf8);
    for (size_t n = 3; n <= u.size(); ++n) {
      std::string prefix = u32_to_utf8(u.substr(0, n));
      EXPECT_FALSE(cache.holds_text_containing(prefix)) << "the text cache keeps '" << prefix << "'";
    }
  }
  static std::string label_of(const std::vector<ui::WidgetRecord>& ws, const std::string& id) {
    for (const auto& w : ws)
      if (w.id == id) return w.label;
    return "(no widget " + id + ")";
  }

  CentreConfig cfg = CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
  Translations tr = Translations::load(SHUBBAK_SOURCE_DIR "/assets/i18n");
  ui::Metrics metrics = ui::Metrics::for_screen(kW, kH, cfg.settings.tuning);
  text::FontSet fonts;
  text::TextCache cache;
  ManualClock clock{from_local(2026, 11, 30, 9, 0, cfg.settings.zone), cfg.settings.zone};
  VisitorFlow flow{cfg.catalogue, cfg.settings, false};
  FlowState s = flow.initial(clock.now());
};

TEST_F(PersonalText, HerNamePhoneAndCinTypedOnTheFormAreNeverCached) {
  send(ev::ChooseLanguage{"fr"});
  send(ev::OpenService{"jisr"});
  send(ev::Register{});
  visitor_frame();
  type("Zoubida");
  EXPECT_EQ(label_of(visitor_frame(), "form.field"), "Zoubida") << "the form shows what she typed";
  send(ev::FieldNext{});
  type("0698765432");
  EXPECT_EQ(label_of(visitor_frame(), "form.field"), "0698765432");
  send(ev::FieldNext{});
  send(ev::VisitorNotFound{});  // the store's answer to the duplicate check
  type("QX918273");
  EXPECT_EQ(label_of(visitor_frame(), "form.field"), "QX918273");
  EXPECT_GT(cache.size(), 20u) << "the screens' own texts are cached as before";
  expect_not_cached("Zoubida");
  expect_not_cached("0698765432");
  expect_not_cached("QX918273");
}

TEST_F(PersonalText, AnArabicNameTypedOnTheFormIsNeverCached) {
  send(ev::ChooseLanguage{"ar"});
  send(ev::OpenService{"jisr"});
  send(ev::Register{});
  visitor_frame();
  type("زهيرة");
  EXPECT_EQ(label_of(visitor_frame(), "form.field"), "زهيرة");
  expect_not_cached("زهيرة");
}

TEST_F(PersonalText, ThePhoneTypedAtCheckInIsNeverCached) {
  send(ev::ChooseLanguage{"fr"});
  send(ev::OpenService{"jisr"});
  send(ev::CheckIn{});
  visitor_frame();
  type("0798123456");
  EXPECT_EQ(label_of(visitor_frame(), "checkin.field"), "0798123456");
  expect_not_cached("0798123456");
}

}  // namespace
