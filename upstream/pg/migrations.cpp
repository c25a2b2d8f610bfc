#include "upstream/pg/migrations.hpp"

#include <string>
#include <vector>

namespace shubbak::upstream::pg {

namespace {

struct Migration {
  int version;
  const char* what;
  const char* sql;
};

// 1: the exactly-once ledger, the fact tables (no identity in clear: identities are sealed bytes), answers,
// tokens, health, audit. No foreign keys: every row of one record is written by the same statement.
const char* kV1 = R"SQL(
CREATE TABLE records(
  id          uuid PRIMARY KEY,
  kiosk_id    text NOT NULL,
  centre_id   text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('registration', 'ticket_event')),
  created_at  timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  format      smallint NOT NULL,
  digest      bytea NOT NULL
);
CREATE INDEX records_by_arrival ON records(received_at, id);

CREATE TABLE registrations(
  record_id       uuid PRIMARY KEY,
  centre_id       text NOT NULL,
  kiosk_id        text NOT NULL,
  day             date NOT NULL,
  hour            smallint NOT NULL,
  created_at      timestamptz NOT NULL,
  registration_id text,
  visitor_id      text,
  service         text,
  ticket          text,
  consent         boolean NOT NULL,
  age_band        text,
  commune         text,
  contact         text,
  person_key      text
);
CREATE INDEX registrations_by_centre_day ON registrations(centre_id, day);
CREATE INDEX registrations_by_person ON registrations(centre_id, person_key);

CREATE TABLE ticket_events(
  record_id  uuid PRIMARY KEY,
  centre_id  text NOT NULL,
  kiosk_id   text NOT NULL,
  day        date NOT NULL,
  hour       smallint NOT NULL,
  created_at timestamptz NOT NULL,
  ticket_id  text,
  event      text,
  service    text,
  number     text,
  at         timestamptz,
  priority   boolean NOT NULL,
  visitor_id text,
  staff      text,
  counter    text,
  outcome    text,
  to_service text
);
CREATE INDEX ticket_events_by_centre_day ON ticket_events(centre_id, day);

CREATE TABLE identities(
  record_id uuid PRIMARY KEY,
  sealed    bytea NOT NULL
);

CREATE TABLE answers(
  kiosk_id        text NOT NULL,
  idempotency_key text NOT NULL,
  answer          text NOT NULL,
  at              timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kiosk_id, idempotency_key)
);
CREATE INDEX answers_by_age ON answers(at);  -- old answers can be purged (a kiosk retries a key for days, not months)

CREATE TABLE tokens(
  token_sha256 bytea PRIMARY KEY,
  kiosk_id     text NOT NULL,
  centre_id    text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz
);

CREATE TABLE kiosk_health(
  kiosk_id        text PRIMARY KEY,
  centre_id       text NOT NULL,
  last_seen       timestamptz NOT NULL,
  pending         bigint NOT NULL,
  last_success_at timestamptz,
  free_disk_bytes bigint NOT NULL,
  version         text NOT NULL
);

CREATE TABLE identity_exports(
  id      bigserial PRIMARY KEY,
  at      timestamptz NOT NULL DEFAULT now(),
  os_user text NOT NULL,
  records bigint NOT NULL,
  reason  text NOT NULL,
  opened  bigint,
  failed  bigint
);

CREATE TABLE conflicts(
  id            bigserial PRIMARY KEY,
  record_id     uuid NOT NULL,
  kiosk_id      text NOT NULL,
  centre_id     text NOT NULL,
  at            timestamptz NOT NULL DEFAULT now(),
  stored_digest bytea NOT NULL,
  sent_digest   bytea NOT NULL
);

CREATE VIEW unique_women AS
  SELECT centre_id, count(DISTINCT person_key) AS women
  FROM registrations WHERE person_key IS NOT NULL GROUP BY centre_id;
)SQL";

// 2: accompaniment (issue 16): consent changes, appointment and referral events, milestones, one row per record
// (keyed by record id: exactly once as for the other facts). A referral's reason is in `identities`, sealed.
// Women are joined to milestones and consents through visitor_id -> the registration's person_key.
const char* kV2 = R"SQL(
ALTER TABLE records DROP CONSTRAINT records_kind_check;
ALTER TABLE records ADD CONSTRAINT records_kind_check
  CHECK (kind IN ('registration', 'ticket_event', 'consent', 'appointment', 'referral', 'milestone'));

CREATE TABLE consent_changes(
  record_id    uuid PRIMARY KEY,
  centre_id    text NOT NULL,
  kiosk_id     text NOT NULL,
  day          date NOT NULL,
  hour         smallint NOT NULL,
  created_at   timestamptz NOT NULL,
  at           timestamptz NOT NULL,
  consent_id   text NOT NULL,
  visitor_id   text NOT NULL,
  purpose      text NOT NULL CHECK (purpose IN ('keep', 'sms', 'share')),
  granted      boolean NOT NULL,
  text_version text NOT NULL,
  channel      text NOT NULL CHECK (channel IN ('kiosk', 'desk')),
  staff        text
);
CREATE INDEX consent_changes_by_visitor ON consent_changes(centre_id, visitor_id, purpose, at);

CREATE TABLE appointment_events(
  record_id      uuid PRIMARY KEY,
  centre_id      text NOT NULL,
  kiosk_id       text NOT NULL,
  day            date NOT NULL,
  hour           smallint NOT NULL,
  created_at     timestamptz NOT NULL,
  at             timestamptz NOT NULL,
  appointment_id text NOT NULL,
  visitor_id     text NOT NULL,
  service        text NOT NULL,
  event          text NOT NULL CHECK (event IN ('booked', 'moved', 'cancelled', 'kept', 'late', 'missed')),
  slot           timestamptz,
  staff          text
);
CREATE INDEX appointment_events_by_centre_day ON appointment_events(centre_id, day);
CREATE INDEX appointment_events_by_appointment ON appointment_events(appointment_id, at);

CREATE TABLE referral_events(
  record_id    uuid PRIMARY KEY,
  centre_id    text NOT NULL,
  kiosk_id     text NOT NULL,
  day          date NOT NULL,
  hour         smallint NOT NULL,
  created_at   timestamptz NOT NULL,
  at           timestamptz NOT NULL,
  referral_id  text NOT NULL,
  visitor_id   text NOT NULL,
  from_service text NOT NULL,
  to_kind      text NOT NULL CHECK (to_kind IN ('service', 'partner')),
  to_id        text NOT NULL,
  event        text NOT NULL CHECK (event IN ('proposed', 'accepted', 'declined', 'completed', 'not_completed')),
  state_reason text,
  staff        text
);
CREATE INDEX referral_events_by_centre_day ON referral_events(centre_id, day);
CREATE INDEX referral_events_by_referral ON referral_events(referral_id, at);

CREATE TABLE milestones(
  record_id  uuid PRIMARY KEY,
  centre_id  text NOT NULL,
  kiosk_id   text NOT NULL,
  day        date NOT NULL,
  hour       smallint NOT NULL,
  created_at timestamptz NOT NULL,
  at         timestamptz NOT NULL,
  visitor_id text NOT NULL,
  milestone  text NOT NULL CHECK (milestone IN ('registered', 'coached', 'trained', 'incubated', 'project_started')),
  service    text NOT NULL,
  staff      text
);
CREATE INDEX milestones_by_visitor ON milestones(centre_id, visitor_id);

CREATE INDEX registrations_by_visitor ON registrations(centre_id, visitor_id);

-- Each visitor of a centre and the woman she is (a woman registering twice has two visitors, one person_key).
CREATE VIEW visitor_women AS
  SELECT DISTINCT centre_id, visitor_id, person_key
  FROM registrations WHERE visitor_id IS NOT NULL AND person_key IS NOT NULL;

-- Unique women who reached each milestone, per centre (docs/national.md has the national query).
CREATE VIEW milestone_women AS
  SELECT m.centre_id, m.milestone, count(DISTINCT w.person_key) AS women
  FROM milestones m JOIN visitor_women w USING (centre_id, visitor_id)
  GROUP BY m.centre_id, m.milestone;

-- Her current answer for each purpose: the latest change (by its time, then its record id).
CREATE VIEW current_consents AS
  SELECT DISTINCT ON (centre_id, visitor_id, purpose) centre_id, visitor_id, purpose, granted, text_version, channel, at
  FROM consent_changes
  ORDER BY centre_id, visitor_id, purpose, at DESC, record_id DESC;
)SQL";

const std::vector<Migration>& all() {
  static const std::vector<Migration> m = {{1, "national schema", kV1}, {2, "accompaniment facts", kV2}};
  return m;
}

const char* kLedger =
    "CREATE TABLE IF NOT EXISTS schema_migrations(version integer PRIMARY KEY, what text NOT NULL, "
    "applied_at timestamptz NOT NULL DEFAULT now())";

}  // namespace

int latest_schema_version() { return all().back().version; }

int schema_version(Connection& c) {
  Result t = c.exec("SELECT to_regclass('schema_migrations') IS NOT NULL");
  if (t.text(0, 0) != "t") return 0;
  Result r = c.exec("SELECT coalesce(max(version), 0) FROM schema_migrations");
  return static_cast<int>(r.integer(0, 0));
}

int migrate(Connection& c) {
  for (const Migration& m : all()) {
    Transaction tx(c);
    c.exec("SELECT pg_advisory_xact_lock(7306414)");  // one migrate at a time ("shubbak" in hashed digits)
    c.exec(kLedger);
    Result done = c.exec("SELECT 1 FROM schema_migrations WHERE version = $1", {std::to_string(m.version)});
    if (done.rows() == 0) {
      c.exec_script(m.sql);
      c.exec("INSERT INTO schema_migrations(version, what) VALUES($1, $2)", {std::to_string(m.version), m.what});
    }
    tx.commit();
  }
  return schema_version(c);
}

void require_schema(Connection& c) {
  int v = schema_version(c);
  if (v < latest_schema_version())
    throw DatabaseError("55000", "the database schema is at version " + std::to_string(v) + ", this program needs " +
                                     std::to_string(latest_schema_version()) + ": run shubbak-upstream migrate first");
}

}  // namespace shubbak::upstream::pg
