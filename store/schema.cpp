#include "store/schema.hpp"

#include <iterator>
#include <string>

namespace shubbak::store {

// Never edit a migration that has shipped: add a new one.
static const char* const kMigrations[] = {
    // 1: the foundation
    R"SQL(
CREATE TABLE meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE visitors(
  id          TEXT PRIMARY KEY,
  created_at  TEXT NOT NULL,
  phone_hash  BLOB,            -- keyed hash: check-in and duplicates without keeping the number
  cin_hash    BLOB,
  full_name   TEXT,            -- clear text only while the counter needs it; purged later
  phone       TEXT,
  cin         TEXT,
  birth_year  INTEGER,
  commune     TEXT,
  contact     TEXT,
  purged_at   TEXT
);
CREATE INDEX visitors_phone_hash ON visitors(phone_hash) WHERE phone_hash IS NOT NULL;
CREATE INDEX visitors_cin_hash ON visitors(cin_hash) WHERE cin_hash IS NOT NULL;
CREATE TABLE registrations(
  id          TEXT PRIMARY KEY,
  visitor_id  TEXT NOT NULL REFERENCES visitors(id),
  service_id  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  consent     INTEGER NOT NULL CHECK(consent IN (0,1))
);
CREATE TABLE tickets(
  id              TEXT PRIMARY KEY,
  service_id      TEXT NOT NULL,
  day             TEXT NOT NULL,      -- local calendar day: numbering restarts at local midnight
  seq             INTEGER NOT NULL,
  number          TEXT NOT NULL,      -- "A-042"
  visitor_id      TEXT REFERENCES visitors(id),
  registration_id TEXT REFERENCES registrations(id),
  sensitive       INTEGER NOT NULL DEFAULT 0,
  priority        INTEGER NOT NULL DEFAULT 0,
  state           TEXT NOT NULL DEFAULT 'waiting'
                  CHECK(state IN ('waiting','called','serving','served','no_show','cancelled')),
  counter         INTEGER,
  issued_at       TEXT NOT NULL,
  called_at       TEXT,
  served_at       TEXT,
  outcome         TEXT,
  UNIQUE(service_id, day, seq)
);
CREATE INDEX tickets_day_state ON tickets(day, state);
CREATE TABLE staff(
  id            INTEGER PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  pin_hash      TEXT NOT NULL,        -- argon2id (libsodium crypto_pwhash_str)
  failed_pins   INTEGER NOT NULL DEFAULT 0,
  locked_until  TEXT,
  active        INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL
);
CREATE TABLE audit_log(
  id       INTEGER PRIMARY KEY,
  at       TEXT NOT NULL,
  actor    TEXT NOT NULL,             -- "kiosk", "staff:<login>", "admin"
  action   TEXT NOT NULL,
  subject  TEXT,
  detail   TEXT
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TABLE alerts(
  id           INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  kind         TEXT NOT NULL,         -- "call_staff", "store_error"
  source       TEXT NOT NULL,
  resolved_at  TEXT
);
CREATE TABLE outbox(
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,   -- oldest first
  id               TEXT NOT NULL UNIQUE,                -- UUIDv4, made at creation; upstream dedupes on it
  kind             TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  schema           INTEGER NOT NULL DEFAULT 1,
  payload          BLOB,                                -- sealed to the upstream key; NULL once purged after sending
  payload_size     INTEGER NOT NULL,
  state            TEXT NOT NULL DEFAULT 'pending'
                   CHECK(state IN ('pending','in_flight','sent','quarantined')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT,
  last_error       TEXT,
  batch_id         TEXT,
  sent_at          TEXT
);
CREATE INDEX outbox_state ON outbox(state, seq);
)SQL",
    // 2: sync status, for the counter screen and `shubbak-admin status`
    R"SQL(
CREATE TABLE sync_status(
  id                   INTEGER PRIMARY KEY CHECK(id = 1),
  last_success_at      TEXT,
  last_attempt_at      TEXT,
  last_error_kind      TEXT,      -- "offline", "server", "tls", "credentials", "portal", "rejected", ...
  last_error           TEXT,      -- plain words for staff and operators; never personal data
  next_attempt_at      TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sync_status(id) VALUES(1);
)SQL",
    // 3: the counter. A transferred ticket keeps its number and its place (arrival time) in the new service's
    // queue: numbering follows the service that issued it (origin_service_id), the queue follows service_id.
    R"SQL(
CREATE TABLE tickets_v3(
  id                TEXT PRIMARY KEY,
  service_id        TEXT NOT NULL,
  origin_service_id TEXT NOT NULL,
  day               TEXT NOT NULL,
  seq               INTEGER NOT NULL,
  number            TEXT NOT NULL,
  visitor_id        TEXT REFERENCES visitors(id),
  registration_id   TEXT REFERENCES registrations(id),
  sensitive         INTEGER NOT NULL DEFAULT 0,
  priority          INTEGER NOT NULL DEFAULT 0,
  state             TEXT NOT NULL DEFAULT 'waiting'
                    CHECK(state IN ('waiting','called','serving','served','no_show','cancelled')),
  counter           INTEGER,
  staff_login       TEXT,
  issued_at         TEXT NOT NULL,
  called_at         TEXT,
  served_at         TEXT,
  outcome           TEXT,
  note              TEXT,
  UNIQUE(origin_service_id, day, seq)
);
INSERT INTO tickets_v3(id, service_id, origin_service_id, day, seq, number, visitor_id, registration_id, sensitive,
                       priority, state, counter, issued_at, called_at, served_at, outcome)
  SELECT id, service_id, service_id, day, seq, number, visitor_id, registration_id, sensitive, priority, state,
         counter, issued_at, called_at, served_at, outcome FROM tickets;
DROP TABLE tickets;
ALTER TABLE tickets_v3 RENAME TO tickets;
CREATE INDEX tickets_day_state ON tickets(day, state);
CREATE INDEX tickets_queue ON tickets(service_id, state, priority, issued_at);
)SQL",
    // 4: personal details are purged once their sealed copy is sent: the outbox says whose details a record holds.
    R"SQL(
ALTER TABLE outbox ADD COLUMN visitor_id TEXT;
CREATE INDEX outbox_visitor ON outbox(visitor_id) WHERE visitor_id IS NOT NULL;
)SQL",
    // 5: the purge looks up each visitor's tickets: without this index it was quadratic (700 s for 50,000
    // visitors, measured by scripts/bench).
    R"SQL(
CREATE INDEX tickets_visitor ON tickets(visitor_id) WHERE visitor_id IS NOT NULL;
)SQL",
    // 6: accompaniment (issue 16). Consent for each purpose, appointments, referrals, programme milestones, the
    // staff's services (who may read a sensitive service's notes), SMS waiting for the phone (consent-checked).
    R"SQL(
CREATE TABLE consents(
  id            TEXT PRIMARY KEY,           -- UUIDv4, also the outbox record's
  visitor_id    TEXT NOT NULL REFERENCES visitors(id),
  purpose       TEXT NOT NULL CHECK(purpose IN ('keep','sms','share')),
  granted       INTEGER NOT NULL CHECK(granted IN (0,1)),
  text_version  TEXT NOT NULL,              -- the version of the words she heard (kiosk/core/consent.hpp)
  at            TEXT NOT NULL,
  channel       TEXT NOT NULL CHECK(channel IN ('kiosk','desk')),
  actor         TEXT NOT NULL               -- "kiosk" or "staff:<login>"
);
CREATE INDEX consents_visitor ON consents(visitor_id, purpose, at);
CREATE TABLE appointments(
  id            TEXT PRIMARY KEY,
  visitor_id    TEXT NOT NULL REFERENCES visitors(id),
  service_id    TEXT NOT NULL,
  staff_login   TEXT,                       -- optionally with whom
  day           TEXT NOT NULL,              -- local day of the slot, YYYY-MM-DD
  slot_start    TEXT NOT NULL,              -- RFC 3339 UTC
  code          TEXT NOT NULL,              -- short code she can type at the kiosk (digits)
  state         TEXT NOT NULL DEFAULT 'booked'
                CHECK(state IN ('booked','kept','missed','cancelled')),
  late          INTEGER NOT NULL DEFAULT 0,  -- arrived after the grace: served as a walk-in
  ticket_id     TEXT REFERENCES tickets(id),
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX appointments_slot ON appointments(service_id, slot_start) WHERE state = 'booked';
CREATE INDEX appointments_day ON appointments(day, state);
CREATE INDEX appointments_visitor ON appointments(visitor_id, state);
CREATE UNIQUE INDEX appointments_open_code ON appointments(code) WHERE state = 'booked';
ALTER TABLE tickets ADD COLUMN appointment_id TEXT REFERENCES appointments(id);
ALTER TABLE tickets ADD COLUMN appointment_at TEXT;  -- her slot (RFC 3339 UTC) when she came on time or early
CREATE TABLE referrals(
  id            TEXT PRIMARY KEY,
  visitor_id    TEXT NOT NULL REFERENCES visitors(id),
  from_service  TEXT NOT NULL,
  to_service    TEXT,                       -- internal: a service of the centre
  partner_id    TEXT,                       -- external: a [partner] of the catalogue
  reason        TEXT,                       -- staff's words (identity class: purged with notes, sealed upstream)
  state         TEXT NOT NULL DEFAULT 'proposed'
                CHECK(state IN ('proposed','accepted','declined','completed','not_completed')),
  state_reason  TEXT,                       -- a reason code (declined, not completed)
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  updated_by    TEXT NOT NULL,
  CHECK((to_service IS NULL) <> (partner_id IS NULL))
);
CREATE INDEX referrals_visitor ON referrals(visitor_id);
CREATE INDEX referrals_to_service ON referrals(to_service, state) WHERE to_service IS NOT NULL;
CREATE TABLE milestones(
  visitor_id    TEXT NOT NULL REFERENCES visitors(id),
  milestone     TEXT NOT NULL CHECK(milestone IN ('registered','coached','trained','incubated','project_started')),
  at            TEXT NOT NULL,
  ticket_id     TEXT REFERENCES tickets(id),
  service_id    TEXT NOT NULL,
  PRIMARY KEY(visitor_id, milestone)
);
ALTER TABLE staff ADD COLUMN services TEXT NOT NULL DEFAULT '';  -- comma list; a sensitive service's notes need it
CREATE TABLE sms_queue(
  id            INTEGER PRIMARY KEY,
  visitor_id    TEXT NOT NULL REFERENCES visitors(id),
  kind          TEXT NOT NULL,              -- "turn_near", "appointment_reminder"
  subject       TEXT,                       -- the ticket or appointment it is about
  created_at    TEXT NOT NULL,
  send_after    TEXT NOT NULL,
  state         TEXT NOT NULL DEFAULT 'queued' CHECK(state IN ('queued','sent','failed','cancelled')),
  sent_at       TEXT,
  last_error    TEXT
);
CREATE INDEX sms_queue_state ON sms_queue(state, send_after);
)SQL",
    // 7: SMS through gammu-smsd's files spool (issue 18, docs/sms.md). A row is spooled once its file is in gammu's
    // outbox (spool_name, chosen before the file is written, lets a restart find it); phone and body are what was
    // written, purged with her details once the message's day is done. Her language for messages (visitors.lang).
    R"SQL(
CREATE TABLE sms_queue_v7(
  id            INTEGER PRIMARY KEY,
  visitor_id    TEXT NOT NULL REFERENCES visitors(id),
  kind          TEXT NOT NULL,              -- turn_near, appointment_reminder, appointment_moved, appointment_cancelled
  subject       TEXT,                       -- the ticket or appointment it is about
  created_at    TEXT NOT NULL,
  send_after    TEXT NOT NULL,
  state         TEXT NOT NULL DEFAULT 'queued'
                CHECK(state IN ('queued','spooled','sent','failed','cancelled')),
  sent_at       TEXT,
  last_error    TEXT,                       -- plain words, never the number
  attempts      INTEGER NOT NULL DEFAULT 0, -- files gammu-smsd put in its error folder
  spool_name    TEXT,                       -- gammu's file name (it holds the number): purged with phone and body
  spooled_at    TEXT,
  phone         TEXT,
  body          TEXT
);
INSERT INTO sms_queue_v7(id, visitor_id, kind, subject, created_at, send_after, state, sent_at, last_error)
  SELECT id, visitor_id, kind, subject, created_at, send_after, state, sent_at, last_error FROM sms_queue;
DROP TABLE sms_queue;
ALTER TABLE sms_queue_v7 RENAME TO sms_queue;
CREATE INDEX sms_queue_state ON sms_queue(state, send_after);
CREATE INDEX sms_queue_subject ON sms_queue(subject, kind);
ALTER TABLE visitors ADD COLUMN lang TEXT;
)SQL",
    // 8: a number typed at the kiosk for one ticket alone (issue 18, docs/sms.md): her consent for this ticket is the
    // ticket_phones row (the words' version, when); only the "turn near" SMS of that ticket goes to it. Never synced
    // (no outbox record carries it). Forgotten when the ticket ends: the trigger deletes it in the transaction that
    // makes the ticket served, no-show or cancelled, cancels that ticket's unwritten message and clears the number and
    // text of its finished ones; the purge deletes what is left of earlier days. sms_queue rows for a typed number
    // need no visitor (an anonymous ticket has none).
    R"SQL(
CREATE TABLE ticket_phones(
  ticket_id     TEXT PRIMARY KEY REFERENCES tickets(id),
  phone         TEXT NOT NULL,              -- national form 06/07XXXXXXXX
  lang          TEXT NOT NULL,              -- the language of the kiosk when she typed it: her message's
  text_version  TEXT NOT NULL,              -- the words she agreed to (kiosk/core/consent.cpp, ticket_phone_text_version)
  at            TEXT NOT NULL
);
CREATE TABLE sms_queue_v8(
  id            INTEGER PRIMARY KEY,
  visitor_id    TEXT REFERENCES visitors(id),  -- NULL: a typed number on an anonymous ticket
  kind          TEXT NOT NULL,
  subject       TEXT,
  created_at    TEXT NOT NULL,
  send_after    TEXT NOT NULL,
  state         TEXT NOT NULL DEFAULT 'queued'
                CHECK(state IN ('queued','spooled','sent','failed','cancelled')),
  sent_at       TEXT,
  last_error    TEXT,
  attempts      INTEGER NOT NULL DEFAULT 0,
  spool_name    TEXT,
  spooled_at    TEXT,
  phone         TEXT,
  body          TEXT,
  typed         INTEGER NOT NULL DEFAULT 0 CHECK(typed IN (0,1)),  -- to the ticket's typed number, not her registered one
  CHECK(visitor_id IS NOT NULL OR (typed = 1 AND kind = 'turn_near'))
);
INSERT INTO sms_queue_v8(id, visitor_id, kind, subject, created_at, send_after, state, sent_at, last_error, attempts,
                         spool_name, spooled_at, phone, body)
  SELECT id, visitor_id, kind, subject, created_at, send_after, state, sent_at, last_error, attempts, spool_name,
         spooled_at, phone, body FROM sms_queue;
DROP TABLE sms_queue;
ALTER TABLE sms_queue_v8 RENAME TO sms_queue;
CREATE INDEX sms_queue_state ON sms_queue(state, send_after);
CREATE INDEX sms_queue_subject ON sms_queue(subject, kind);
CREATE TRIGGER ticket_phone_forgotten AFTER UPDATE OF state ON tickets
  WHEN NEW.state IN ('served','no_show','cancelled') BEGIN
  DELETE FROM ticket_phones WHERE ticket_id = NEW.id;
  UPDATE sms_queue SET state='cancelled', last_error='her ticket ended before the message was written'
    WHERE subject = NEW.id AND typed = 1 AND state = 'queued';
  UPDATE sms_queue SET phone=NULL, body=NULL, spool_name=NULL
    WHERE subject = NEW.id AND typed = 1 AND state IN ('sent','failed','cancelled');
END;
)SQL",
};

int known_schema_version() { return static_cast<int>(std::size(kMigrations)); }

int migrate(Database& db) {
  int have = static_cast<int>(db.scalar("PRAGMA user_version"));
  int known = known_schema_version();
  if (have > known)
    throw StoreError(Fault::Schema, db.path() + " has schema version " + std::to_string(have) +
                                        ", newer than this program knows (" + std::to_string(known) +
                                        "). Install the newer Shubbak that wrote it; the data was not touched.");
  for (int v = have; v < known; ++v) {
    db.transaction([&] {
      // Re-check inside the write lock: another process may have migrated meanwhile.
      int now = static_cast<int>(db.scalar("PRAGMA user_version"));
      if (now > v) return;
      db.exec(kMigrations[v]);
      db.exec("PRAGMA user_version=" + std::to_string(v + 1));
    });
  }
  return static_cast<int>(db.scalar("PRAGMA user_version"));
}

}  // namespace shubbak::store
