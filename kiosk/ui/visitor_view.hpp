// What a visitor screen draws from, and what it may ask for. Screens emit flow events as intents.
#pragma once
#include <vector>

#include "common/catalogue.hpp"
#include "common/clock.hpp"
#include "kiosk/core/flow.hpp"
#include "kiosk/ui/kit.hpp"
#include "common/centre_settings.hpp"

namespace shubbak::ui {

struct VisitorView {
  const FlowState& state;
  const Catalogue& catalogue;
  const Settings& settings;
  TimePoint now;
  bool can_listen = false;  // a voice clip exists for this screen in this language
  bool out_of_service = false;  // the store cannot be opened: no button that would need it (home, call staff)
};

using Intents = std::vector<Event>;

// Shared frame of every visitor screen: a top bar (back, title, home) and a footer (listen, call staff).
// Returns the area left for the screen's content.
Rect draw_chrome(Ui& ui, const VisitorView& v, Intents& out, const std::string& title, bool back, bool home);

// A big pictogram and a sentence in the title size, centred: the body of the short message screens.
// Returns where the content below may start.
float draw_message(Ui& ui, Rect area, const std::string& id, const std::string& icon, Color icon_colour,
                   const std::string& text);

void draw_welcome(Ui& ui, const VisitorView& v, Intents& out);
void draw_catalogue(Ui& ui, const VisitorView& v, Intents& out);
void draw_help(Ui& ui, const VisitorView& v, Intents& out);
void draw_service(Ui& ui, const VisitorView& v, Intents& out);
void draw_form(Ui& ui, const VisitorView& v, Intents& out);
void draw_consent(Ui& ui, const VisitorView& v, Intents& out);
void draw_checkin(Ui& ui, const VisitorView& v, Intents& out);
void draw_duplicate(Ui& ui, const VisitorView& v, Intents& out);
void draw_ticket(Ui& ui, const VisitorView& v, Intents& out);
void draw_ticket_phone(Ui& ui, const VisitorView& v, Intents& out);
void draw_more_time(Ui& ui, const VisitorView& v, Intents& out);
void draw_store_error(Ui& ui, const VisitorView& v, Intents& out);

// Picks the screen for the state.
void draw_visitor(Ui& ui, const VisitorView& v, Intents& out);

// The text of a catalogue entry in the current language.
inline const std::string& in_lang(const Texts& t, const std::string& lang) {
  static const std::string empty;
  auto it = t.find(lang);
  return it == t.end() ? empty : it->second;
}

}  // namespace shubbak::ui
