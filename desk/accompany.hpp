// Accompaniment at the desk (issue 16): her file beside her details (visits, appointments, referrals, milestones,
// consents), booking her next visit, referring her, her consents told at the desk; and the day of this desk's
// services (today's appointments, internal referrals coming in). What the staff member chose or typed lives in her
// session (AccompanyDraft) until the ticket changes; what the page shows is read from the store (AccompanyView).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/centre_settings.hpp"
#include "common/clock.hpp"
#include "kiosk/store/appointment_store.hpp"
#include "kiosk/store/consent_store.hpp"
#include "kiosk/store/history_store.hpp"
#include "kiosk/store/referral_store.hpp"

namespace shubbak::desk {

// Days offered in the booking box's day list (those on which the chosen service has slots), from today.
inline constexpr int kBookingDaysShown = 21;

// The staff member's choices and words for the woman being served, kept across the page's reloads.
struct AccompanyDraft {
  std::string for_ticket;                  // the ticket they belong to (reset when another is served)
  std::string book_service, book_day;      // the booking box's choices ("" : the defaults)
  std::string moving;                      // an appointment of hers being moved ("" : booking a new one)
  std::optional<Appointment> booked;       // just booked or moved: its code shown large, its card printable
  std::optional<TimePoint> offer;          // the slot asked was full: the next free one, one click to take it
  std::string refer_to, refer_reason;      // the referral form as typed ("service:ID" | "partner:ID")
  bool ask_share = false;                  // a partner referral refused without her share consent: ask her
  std::string notice;                      // words shown once (her SMS cancelled, she was referred)
  std::map<std::string, std::string> why;  // the placeholders of the last refusal's words
  // Her file as last read (each read is a view in the audit log): a page load reads it again, a live update
  // shows this one.
  bool file_read = false;
  std::optional<VisitorHistory> file;
  std::map<ConsentPurpose, ConsentAnswer> consents;
};

// Forgets the draft of another ticket: the forms start empty for this one.
inline void reset_draft(AccompanyDraft& d, const std::string& ticket_id) {
  d = AccompanyDraft();
  d.for_ticket = ticket_id;
}

// One of today's appointments of this desk's services, as a list may show it: no name.
struct DayAppointment {
  TodayAppointment a;
  std::string initial;  // the first letter of her name (before she arrived)
};

// What the page shows of the accompaniment, read for one render.
struct AccompanyView {
  const AccompanyDraft& draft;                                     // .file: her file (registered women only), .consents
  std::vector<std::string> book_services;                          // services taking appointments
  std::string book_service, book_day;                              // the booking box's current choice
  std::vector<std::string> book_days;                              // days with slots for it
  std::vector<SlotAvailability> book_slots;                        // the day's slots still to come
  std::vector<std::pair<std::string, std::string>> refer_choices;  // value ("service:ID"|"partner:ID"), label
  std::vector<DayAppointment> today;                               // this desk's services
  std::vector<Referral> incoming;                                  // internal referrals to this desk's services
};

// The desk's services, its zone and the staff member (the parts of a session the readers need).
struct DeskContext {
  store::Database& db;
  const CentreConfig& config;
  std::string login, ticket_id, service_id, lang;
  std::vector<std::string> services;
  TimePoint now;
};

// Reads what the page shows. fresh: her file is read again (a view, audited by the store), else only if it was not
// read yet for this ticket. A draft of another ticket is reset first.
AccompanyView load_accompaniment(const DeskContext& c, AccompanyDraft& draft, bool fresh);
// Reads her file and consents again into the draft (after an action on them).
void reread_file(const DeskContext& c, AccompanyDraft& draft);
// Her visitor id while she is served and registered, "" otherwise (not audited).
std::string visitor_of_ticket(store::Database& db, const std::string& ticket_id);

}  // namespace shubbak::desk
