// The staff console as a state machine: sign in (name, PIN, counter number), then call, recall, no-show and
// serve with an outcome; signed out after an idle time. Pure: the app performs the effects on the store.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/catalogue.hpp"
#include "common/clock.hpp"

namespace shubbak {

enum class CounterScreen { SignIn, Console };
const char* counter_screen_name(CounterScreen s);  // "signin", "console"

struct CounterState {
  CounterScreen screen = CounterScreen::SignIn;
  std::string login, staff_name;  // chosen on the sign-in screen
  std::string pin;                // typed digits, wiped after each attempt
  int counter = 1;
  std::string lang;               // the staff member's language (empty: the centre's default)
  std::string message;            // translation key: wrong PIN, locked, nobody waiting...
  int attempts_left = 0;
  std::string locked_until;       // HH:MM local, for the locked message
  std::string current_id, current_number;  // the ticket being served
  std::string current_service;             // its service (never offered as a transfer)
  bool choosing_transfer = false;          // the service list is open
  std::string note;                        // free note for the outcome, at most kMaxNoteChars characters
  TimePoint last_activity{};
};

namespace cev {
struct PickStaff { std::string login, name; };
struct PinDigit { char digit; };
struct PinBack {};
struct SubmitPin {};
struct CounterStep { int delta; };
struct SignInOk {};
struct SignInWrong { int attempts_left; };
struct SignInLocked { std::string until_hhmm; };
struct CallNext {};
struct Called { std::string id, number, service_id; };
struct NobodyWaiting {};
struct Recall {};
struct NoShow {};
struct Served { std::string outcome; };
struct OpenTransfer {};
struct TransferTo { std::string service_id; };
struct TogglePriority { std::string ticket_id; };
struct EditNote { std::string text; };  // the whole note; one longer than kMaxNoteChars is refused, not cut
struct AckAlerts {};
struct SetLanguage { std::string lang; };
struct Done {};                 // the store finished recall/no-show/served
struct SignOut {};
struct Touch {};
struct Tick {};
}  // namespace cev

using CounterEvent = std::variant<cev::PickStaff, cev::PinDigit, cev::PinBack, cev::SubmitPin, cev::CounterStep, cev::SignInOk,
                                  cev::SignInWrong, cev::SignInLocked, cev::CallNext, cev::Called, cev::NobodyWaiting,
                                  cev::Recall, cev::NoShow, cev::Served, cev::OpenTransfer, cev::TransferTo,
                                  cev::TogglePriority, cev::EditNote, cev::AckAlerts, cev::SetLanguage, cev::Done, cev::SignOut, cev::Touch, cev::Tick>;

namespace cfx {
struct TrySignIn { std::string login, pin; };
struct CallNext { int counter; std::vector<std::string> services; };
struct Recall { std::string ticket_id; };
struct NoShow { std::string ticket_id; };
struct Served { std::string ticket_id, outcome, note; };
struct Transfer { std::string ticket_id, service_id; };
struct TogglePriority { std::string ticket_id; };
struct AckAlerts {};
struct Audit { std::string action; std::string login; };  // sign_out, idle_sign_out
}  // namespace cfx

using CounterEffect = std::variant<cfx::TrySignIn, cfx::CallNext, cfx::Recall, cfx::NoShow, cfx::Served,
                                   cfx::Transfer, cfx::TogglePriority, cfx::AckAlerts, cfx::Audit>;

struct CounterStep {
  CounterState state;
  std::vector<CounterEffect> effects;
};

class CounterFlow {
 public:
  // A note's limit in characters (Unicode code points; CRLF counts as one, as a browser's maxlength counts it).
  // 500 Arabic letters are 1,000 bytes in UTF-8: the limit is what staff see, not what the store holds.
  static constexpr size_t kMaxNoteChars = 500;
  // The characters of a note as the limit counts them.
  static size_t note_chars(const std::string& utf8);
  static bool note_fits(const std::string& utf8) { return note_chars(utf8) <= kMaxNoteChars; }

  CounterFlow(const Catalogue& catalogue, int idle_signout_seconds)
      : catalogue_(catalogue), idle_seconds_(idle_signout_seconds) {}
  CounterStep handle(const CounterState& s, const CounterEvent& e, TimePoint now) const;
  // The services a counter calls for (those that name it, and those that name no counter).
  std::vector<std::string> services_for(int counter) const;
  // Where the ticket being served may be transferred: every service but her current one, in catalogue order.
  std::vector<std::string> transfer_choices(const CounterState& s) const;

 private:
  const Catalogue& catalogue_;
  int idle_seconds_;
};

}  // namespace shubbak
