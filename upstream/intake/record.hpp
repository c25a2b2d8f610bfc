// Opening one sealed record at receipt: what the ministry needs for statistics (centre, service, day and hour,
// event, outcome, age band, commune) comes out as facts; what identifies a woman (name, phone, CIN, birth year,
// free-text notes) is sealed to the registry key, which receivers do not hold. Formats 1 and 2 (identity in clear
// inside the seal) are opened and their identity re-sealed here; format 3 arrives with it already sealed at the
// kiosk (docs/sync-protocol.md). Pure: no network, no database.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "store/seal.hpp"
#include "upstream/intake/batch.hpp"

namespace shubbak::upstream::intake {

// The record kinds of docs/sync-protocol.md; the last four are accompaniment (issue 16).
enum class Kind { Registration, TicketEvent, Consent, Appointment, Referral, Milestone };
// "registration", "ticket_event", "consent", "appointment", "referral", "milestone".
const char* kind_name(Kind k);
std::optional<Kind> kind_from_name(const std::string& name);

struct OpenedRecord {
  std::string id, kiosk_id, centre_id;
  Kind kind = Kind::TicketEvent;
  std::string created_at;  // as sent, checked RFC 3339 UTC
  int format = 0;          // 1, 2 or 3: the sealed payload's format
  // SHA-256 of kind, created_at and the sealed bytes: a record id seen again with another digest is a conflict.
  std::array<uint8_t, 32> digest{};

  // Facts (empty string: absent). Registration: registration_id, visitor_id, service, ticket, consent, age_band,
  // commune, contact, person_key. Ticket event: ticket_id, event, service, number, at, priority, visitor_id,
  // staff, counter, outcome, to_service.
  std::string registration_id, visitor_id, service, ticket, age_band, commune, contact, person_key;
  std::string ticket_id, event, number, at, staff, counter, outcome, to_service;
  bool consent = false, priority = false;
  // Accompaniment facts (also visitor_id, service, event, at, staff above; `at` is required for these kinds).
  // Consent: consent_id, purpose, granted, text_version, channel. Appointment: appointment_id, slot. Referral:
  // referral_id, from_service, referred_kind ("service" or "partner") and referred_to (its id), state_reason (a
  // code). Milestone: milestone.
  std::string consent_id, purpose, text_version, channel, appointment_id, slot, referral_id, from_service,
      referred_kind, referred_to, state_reason, milestone;
  bool granted = false;

  // The identity sealed to the registry key (crypto_box_seal of zlib(JSON)); empty if the record carries none.
  store::Bytes identity_sealed;
};

struct OpenResult {
  std::optional<OpenedRecord> record;
  std::string rejected;  // the reason when record is empty (words for the kiosk's quarantine list)
};

struct ReceiverKeys {
  store::KeyPair seal;           // the receivers' own (formats 1-3 are sealed to it)
  store::Bytes registry_public;  // identities are sealed to it (32 bytes)
  store::Bytes national_key;     // keyed hash of identities for unique women (formats 1 and 2); empty: none
};

// One per batch (it caches key agreements); not thread-safe.
class RecordOpener {
 public:
  explicit RecordOpener(const ReceiverKeys& keys);
  // Rejects: id not UUIDv4, unknown kind, malformed created_at, sealed not base64 or over kMaxSealedRecordBytes,
  // not openable with this key, inflating over kMaxOpenedRecordBytes, not JSON, centre_id/kiosk_id inside other
  // than the batch's, missing fields of its kind, a field of the wrong type or (accompaniment kinds) a word outside
  // its list.
  OpenResult open(const IncomingRecord& in, const Batch& batch);

 private:
  const ReceiverKeys& keys_;
  store::Opener opener_;
};

}  // namespace shubbak::upstream::intake
