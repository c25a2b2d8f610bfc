// The visitor's journey as a state machine: (state, event, now) -> (state, effects), one handler per screen
// (flow_screens.cpp, flow_form.cpp). Pure: no I/O, no process-wide state: dates are read in the centre's zone
// (Settings::zone). The app performs the effects (save, speak, print, alert) and feeds results back as events.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/catalogue.hpp"
#include "common/clock.hpp"
#include "kiosk/core/contact_preference.hpp"
#include "kiosk/core/edit_buffer.hpp"
#include "kiosk/core/identity_kind.hpp"
#include "kiosk/core/keyboard_kind.hpp"
#include "kiosk/core/registration.hpp"
#include "common/centre_settings.hpp"

namespace shubbak {

enum class Screen {
  Welcome, Catalogue, Help, Service, Form, Consent, CheckIn, Appointment, Duplicate, Ticket, StoreError, MoreTime,
  TicketPhone  // a number for this ticket alone, for one SMS when her turn is near (issue 18)
};
const char* screen_name(Screen s);  // "welcome", "catalogue", ... (automation and audio keys)

// Her next booked appointment, printed on her ticket (for a sensitive service the ticket names no service).
struct NextAppointment {
  std::string day;     // local "YYYY-MM-DD"
  std::string time;    // local "HH:MM"
  std::string code;    // the 6 digits she types at the kiosk
  std::string service_id;
  bool sensitive = false;
};

struct IssuedTicket {
  std::string number;      // "A-042"
  std::string service_id;
  bool sensitive = false;
  int people_ahead = 0;
  int wait_minutes = 0;
  std::vector<int> counters;
  bool printed = false;
  bool for_appointment = false;  // checked in for her appointment of today
  bool late = false;             // ... after the grace: queued as a walk-in
  std::optional<NextAppointment> next_appointment{};
  std::string id{};        // the store's ticket id (a number typed for this ticket alone is kept against it)
  // A number typed for this ticket alone (issue 18): kept, or it could not be saved (the ticket is still valid).
  bool sms_phone_kept = false;
  bool sms_phone_not_kept = false;
};

// The appointment pad (issue 16): wrong codes in a row before the pad stops taking codes and calls staff, and for
// how long it then refuses codes. A 6-digit code must not be guessable at the screen.
inline constexpr int kAppointmentCodeTries = 5;
inline constexpr int kAppointmentCodeLockSeconds = 15 * 60;
inline constexpr size_t kAppointmentCodeDigits = 6;

// The registration form: one field per step, typed on an on-screen keyboard.
struct FormState {
  std::vector<FieldRequirement> fields;  // the service's fields, in order
  size_t index = 0;                      // the field being filled
  std::map<Field, std::u32string> values;
  EditBuffer edit;                       // the current field's text
  std::optional<ContactPreference> contact;  // the contact field is a choice, not typed
  Keyboard keyboard = Keyboard::French;  // layout shown
  bool shift = false;
  std::string error;                     // translation key of the last validation problem, empty if none
  bool looking_up = false;               // waiting for the store to say whether she is already registered
  std::string found_visitor;             // check-in / duplicate: the registered visitor found
  IdentityKind pad = IdentityKind::Phone;  // check-in and appointment pads: what she types

  const FieldRequirement* current() const { return index < fields.size() ? &fields[index] : nullptr; }
};

namespace fx {
struct IssueTicket {
  std::string service_id;
  std::optional<VisitorDetails> visitor;  // only with her consent
  std::string existing_visitor_id;        // check-in
  bool priority = false;
  std::map<std::string, bool> consents{};  // purpose id (keep, sms, share) -> her answer; empty without a registration
  std::string appointment_id{};           // her appointment of today, found on the appointment pad
};
struct LookupVisitor { IdentityKind kind; std::string normalized; };
struct LookupAppointment { IdentityKind kind; std::string normalized; };  // her appointment of today
struct PlayPrompt { std::string lang; std::string key; };
struct PrintTicket { IssuedTicket ticket; std::string lang; };
struct RaiseAlert { std::string kind; };   // "call_staff", "store_error"
// Her number for this ticket alone, and the language of her message (issue 18). The app answers TicketPhoneSaved.
struct KeepTicketPhone { std::string ticket_id; std::string phone; std::string lang; };
}  // namespace fx

struct FlowState {
  Screen screen = Screen::Welcome;
  Screen paused_screen = Screen::Welcome;  // where "more time" returns to
  std::string lang;                         // empty on the welcome screen until chosen
  std::string service_id;
  std::string question_id;
  std::vector<std::string> answers_path;    // help-me-choose answers so far (for Back)
  FormState form;
  IssuedTicket ticket;
  bool priority = false;                    // pregnant, elderly, disability: served first
  bool staff_called = false;                // "call staff" pressed: say that someone is coming
  bool saving = false;                      // a ticket is being written; taps are ignored meanwhile
  std::optional<fx::IssueTicket> unsaved;   // what could not be saved: "try again" sends it again, unchanged
  std::vector<std::string> consent_asks;    // the purposes to ask, in order (keep, then sms / share if they apply)
  size_t consent_index = 0;                 // the one on screen
  std::map<std::string, bool> consents;     // her answers so far
  Screen appointment_from = Screen::Welcome;  // where Back on the appointment pad returns
  // Kept across visitors (not hers: the kiosk's): wrong appointment codes in a row, and until when codes are refused.
  int wrong_codes = 0;
  TimePoint codes_locked_until{};
  TimePoint last_activity{};
  TimePoint deadline{};                     // end of the more-time countdown or of the ticket display
};

namespace ev {
struct Touch {};                 // any touch: the visitor is still here
struct ChooseLanguage { std::string lang; };
struct OpenCatalogue {};
struct OpenService { std::string id; };
struct OpenHelp {};
struct AnswerHelp { std::string answer_id; };
struct Back {};
struct Home {};
struct GetTicket {};
struct TogglePriority {};        // "I am pregnant / elderly / with a disability"
struct Register {};              // first visit: fill the service's form
struct KeyText { std::string utf8; };
struct KeyBackspace {};
struct CaretMove { int delta; };  // logical: +1 towards the end of the text
struct SwitchKeyboard { Keyboard layout; };
struct ToggleShift {};
struct ChooseContact { ContactPreference how; };
struct FieldNext {};
struct Consent { bool yes; };
struct CheckIn {};                // "I am already registered"
struct CheckInWithCin {};         // ... by national ID instead of phone
struct HaveAppointment {};        // "I have an appointment" (welcome, service screens)
struct PadKind { IdentityKind kind; };  // the appointment pad: phone, CIN or the appointment code
struct AppointmentFound { std::string appointment_id; std::string visitor_id; std::string service_id; std::string time; };
struct AppointmentNotFound {};
struct VisitorFound { std::string visitor_id; };
struct VisitorNotFound {};
struct UseRegistration {};        // duplicate found: check in with it
struct PrintFailed {};            // the printer is out of paper, unplugged...
struct TicketIssued { IssuedTicket ticket; };
struct StoreFailed {};
struct TryAgain {};               // after a saving error: the same ticket, the same details, again
struct KeepGoing {};             // "yes, I need more time"
struct Listen {};
struct CallStaff {};
struct Tick {};
struct WantSms {};                // ticket screen: "an SMS when my turn is near" (a number for this ticket alone)
struct TicketPhoneSaved { bool ok; };  // the app's answer to KeepTicketPhone
}  // namespace ev

using Event = std::variant<ev::Touch, ev::ChooseLanguage, ev::OpenCatalogue, ev::OpenService, ev::OpenHelp,
                           ev::AnswerHelp, ev::Back, ev::Home, ev::GetTicket, ev::TogglePriority, ev::Register, ev::KeyText,
                           ev::KeyBackspace, ev::CaretMove, ev::SwitchKeyboard, ev::ToggleShift, ev::ChooseContact,
                           ev::FieldNext, ev::Consent, ev::CheckIn, ev::CheckInWithCin, ev::HaveAppointment,
                           ev::PadKind, ev::AppointmentFound, ev::AppointmentNotFound, ev::VisitorFound,
                           ev::VisitorNotFound, ev::UseRegistration, ev::PrintFailed, ev::TicketIssued, ev::StoreFailed,
                           ev::TryAgain, ev::KeepGoing, ev::Listen, ev::CallStaff, ev::Tick, ev::WantSms,
                           ev::TicketPhoneSaved>;

using Effect = std::variant<fx::IssueTicket, fx::LookupVisitor, fx::LookupAppointment, fx::PlayPrompt, fx::PrintTicket,
                            fx::RaiseAlert, fx::KeepTicketPhone>;

struct Step {
  FlowState state;
  std::vector<Effect> effects;
};

class VisitorFlow {
 public:
  VisitorFlow(const Catalogue& catalogue, const Settings& settings, bool has_printer)
      : catalogue_(catalogue), settings_(settings), has_printer_(has_printer) {}

  FlowState initial(TimePoint now) const;
  Step handle(const FlowState& s, const Event& e, TimePoint now) const;
  // The prompt key a "listen" button plays on this screen.
  static std::string prompt_key(const FlowState& s);
  // The purpose on the consent screen ("keep", "sms", "share"); "keep" if none.
  static std::string consent_purpose(const FlowState& s);
  // The keyboard a field starts with in a language.
  static Keyboard keyboard_for(Field f, const std::string& lang);
  // The ticket screen offers "an SMS when my turn is near": the centre sends SMS, her service has a "turn near"
  // threshold, more people than it are ahead of her (else the message would leave at once), no number kept yet.
  static bool offers_ticket_sms(const FlowState& s, const Catalogue& catalogue, const Settings& settings);
  // Seconds left on the current countdown (more time, ticket), 0 if none.
  static int seconds_left(const FlowState& s, TimePoint now);

 private:
  const Catalogue& catalogue_;
  const Settings& settings_;
  bool has_printer_;
};

}  // namespace shubbak
