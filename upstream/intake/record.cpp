#include "upstream/intake/record.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "store/identity.hpp"
#include "store/uuid.hpp"
#include "upstream/intake/accompaniment_fields.hpp"
#include "upstream/intake/bounded_json.hpp"
#include "upstream/intake/record_fields.hpp"
#include "upstream/limits.hpp"

namespace shubbak::upstream::intake {

using nlohmann::json;

namespace {

// An opened record is one flat object (a format-1/2 registration has one object inside): a few dozen values.
constexpr size_t kRecordMaxValues = 256;

OpenResult reject(std::string words) { return OpenResult{std::nullopt, std::move(words)}; }

std::array<uint8_t, 32> digest_of(const std::string& kind, const std::string& created_at, const store::Bytes& sealed) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  const unsigned char zero = 0;
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(kind.data()), kind.size());
  crypto_hash_sha256_update(&st, &zero, 1);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(created_at.data()), created_at.size());
  crypto_hash_sha256_update(&st, &zero, 1);
  crypto_hash_sha256_update(&st, sealed.data(), sealed.size());
  std::array<uint8_t, 32> out{};
  crypto_hash_sha256_final(&st, out.data());
  return out;
}

std::string open_failure_words(store::OpenFailure why) {
  switch (why) {
    case store::OpenFailure::TooLarge:
      return "the sealed payload inflates past " + std::to_string(limits::kMaxOpenedRecordBytes >> 10) + " KiB";
    case store::OpenFailure::Damaged:
      return "the sealed payload opens but its compressed record is damaged";
    default:
      return "cannot open the sealed payload with this server's key";
  }
}

// What the envelope says, checked before anything is decrypted.
std::string envelope_error(const IncomingRecord& in, Kind& kind) {
  if (!store::is_uuid_v4(in.id)) return "the record id is not a UUIDv4";
  std::optional<Kind> k = kind_from_name(in.kind);
  if (!k)
    return "unknown kind '" + in.kind.substr(0, 40) +
           "' (registration, ticket_event, consent, appointment, referral or milestone)";
  kind = *k;
  if (!is_rfc3339_utc(in.created_at)) return "created_at is not an RFC 3339 UTC time";
  if (in.sealed_base64.empty()) return "the record has no sealed payload";
  if (in.sealed_base64.size() > limits::kMaxSealedRecordBytes)
    return "the sealed payload is over " + std::to_string(limits::kMaxSealedRecordBytes >> 10) + " KiB";
  return {};
}

// The facts of one kind (record_fields.hpp, accompaniment_fields.hpp): "" or the reason it is refused.
std::string facts_of(const json& doc, const ReceiverKeys& keys, OpenedRecord& r) {
  switch (r.kind) {
    case Kind::Registration: return registration_facts(doc, keys, r);
    case Kind::TicketEvent: return ticket_event_facts(doc, keys, r);
    case Kind::Consent: return consent_facts(doc, r);
    case Kind::Appointment: return appointment_facts(doc, r);
    case Kind::Referral: return referral_facts(doc, keys, r);
    case Kind::Milestone: return milestone_facts(doc, r);
  }
  return "unknown kind";
}

constexpr std::pair<Kind, const char*> kKindNames[] = {
    {Kind::Registration, "registration"}, {Kind::TicketEvent, "ticket_event"}, {Kind::Consent, "consent"},
    {Kind::Appointment, "appointment"},   {Kind::Referral, "referral"},        {Kind::Milestone, "milestone"}};

// Clear text of an opened record, forgotten whatever way open() leaves.
struct Wiped {
  std::string text;
  json doc;
  ~Wiped() {
    sodium_memzero(text.data(), text.size());
    wipe_strings(doc);
  }
};

}  // namespace

const char* kind_name(Kind k) {
  for (const auto& [kind, name] : kKindNames)
    if (kind == k) return name;
  return "";
}

std::optional<Kind> kind_from_name(const std::string& name) {
  for (const auto& [kind, n] : kKindNames)
    if (name == n) return kind;
  return std::nullopt;
}

RecordOpener::RecordOpener(const ReceiverKeys& keys) : keys_(keys), opener_(keys.seal) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  if (keys.seal.public_key.size() != crypto_box_PUBLICKEYBYTES ||
      keys.seal.secret_key.size() != crypto_box_SECRETKEYBYTES)
    throw std::invalid_argument("the receivers' sealing key pair is not two 32-byte keys");
  if (keys.registry_public.size() != crypto_box_PUBLICKEYBYTES)
    throw std::invalid_argument("the registry public key is not 32 bytes");
  if (!keys.national_key.empty() && keys.national_key.size() != crypto_generichash_KEYBYTES)
    throw std::invalid_argument("the national key is not 32 bytes");
}

OpenResult RecordOpener::open(const IncomingRecord& in, const Batch& batch) {
  OpenedRecord r;
  if (std::string err = envelope_error(in, r.kind); !err.empty()) return reject(err);
  std::optional<store::Bytes> sealed = store::from_base64(in.sealed_base64);
  if (!sealed) return reject("the sealed payload is not base64");
  r.id = in.id;
  r.kiosk_id = batch.kiosk_id;
  r.centre_id = batch.centre_id;
  r.created_at = in.created_at;
  r.digest = digest_of(in.kind, in.created_at, *sealed);

  store::OpenFailure why = store::OpenFailure::None;
  std::optional<store::OpenedPayload> payload = opener_.open(*sealed, limits::kMaxOpenedRecordBytes, &why);
  if (!payload) return reject(open_failure_words(why));
  r.format = payload->format;
  Wiped clear{std::move(payload->json), {}};
  try {
    clear.doc = parse_bounded(clear.text, {limits::kMaxJsonDepth, kRecordMaxValues});
  } catch (const std::exception&) {
    return reject("the opened record is not a JSON object within bounds");
  }
  if (!clear.doc.is_object()) return reject("the opened record is not a JSON object");
  Fields f(clear.doc);
  if (f.text("centre_id", true) != batch.centre_id) return reject("the record's centre_id is not the batch's");
  if (f.text("kiosk_id", true) != batch.kiosk_id) return reject("the record's kiosk_id is not the batch's");
  if (std::string err = facts_of(clear.doc, keys_, r); !err.empty()) return reject(err);
  return OpenResult{std::move(r), {}};
}

}  // namespace shubbak::upstream::intake
