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

// 3: the dashboard's figures (issue 17). Regions (reference data: config/national/regions.conf is the source, the
// rows below are its copy, kept equal by a test), centres and their region, and aggregates kept current by
// AFTER INSERT ... FOR EACH STATEMENT triggers on the fact tables: one batch is one upsert per group, in the batch's
// own transaction, so a record is on the dashboard the moment it is stored and the dashboard can read a standby.
// Only rows really inserted reach a transition table: a duplicate skipped by ON CONFLICT DO NOTHING counts nothing.
// Every upsert goes in the order of its key (two batches never wait on each other in a cycle).
const char* kV3 = R"SQL(
CREATE TABLE regions(
  code    text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
  name_ar text NOT NULL,
  name_fr text NOT NULL
);
INSERT INTO regions(code, name_ar, name_fr) VALUES
  ('01', 'طنجة تطوان الحسيمة', 'Tanger-Tétouan-Al Hoceïma'),
  ('02', 'الشرق', 'L''Oriental'),
  ('03', 'فاس مكناس', 'Fès-Meknès'),
  ('04', 'الرباط سلا القنيطرة', 'Rabat-Salé-Kénitra'),
  ('05', 'بني ملال خنيفرة', 'Béni Mellal-Khénifra'),
  ('06', 'الدار البيضاء سطات', 'Casablanca-Settat'),
  ('07', 'مراكش آسفي', 'Marrakech-Safi'),
  ('08', 'درعة تافيلالت', 'Drâa-Tafilalet'),
  ('09', 'سوس ماسة', 'Souss-Massa'),
  ('10', 'كلميم واد نون', 'Guelmim-Oued Noun'),
  ('11', 'العيون الساقية الحمراء', 'Laâyoune-Sakia El Hamra'),
  ('12', 'الداخلة وادي الذهب', 'Dakhla-Oued Ed-Dahab');

-- Every centre seen (by its records or heartbeats) has a row; region_code NULL: "region not set" (national only).
CREATE TABLE centres(
  centre_id   text PRIMARY KEY,
  region_code text REFERENCES regions(code),
  name        text
);
CREATE INDEX centres_by_region ON centres(region_code);

-- Visits: tickets issued, by centre, day, hour (Morocco's), service; and the same by day only (the overview's sums).
CREATE TABLE agg_visits(
  centre_id text NOT NULL, day date NOT NULL, hour smallint NOT NULL, service text NOT NULL, visits bigint NOT NULL,
  PRIMARY KEY (centre_id, day, hour, service)
);
CREATE TABLE agg_visits_day(
  centre_id text NOT NULL, day date NOT NULL, service text NOT NULL, visits bigint NOT NULL,
  PRIMARY KEY (centre_id, day, service)
);
CREATE INDEX agg_visits_day_by_day ON agg_visits_day(day);

-- Served (with its outcome), no_show, transferred (outcome '' for the last two), by centre, day, service.
CREATE TABLE agg_outcomes(
  centre_id text NOT NULL, day date NOT NULL, service text NOT NULL, event text NOT NULL, outcome text NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY (centre_id, day, service, event, outcome)
);
CREATE INDEX agg_outcomes_by_day ON agg_outcomes(day);

-- A wait is her ticket's first `called` time minus its `issued` time. Bucket: the wait's lower bound in minutes,
-- one a minute below an hour, 5 minutes to 4 hours, 30 minutes to a day, 1440 beyond.
CREATE FUNCTION wait_bucket(w interval) RETURNS integer IMMUTABLE LANGUAGE sql AS $$
  SELECT CASE WHEN m IS NULL THEN NULL WHEN m < 0 THEN 0 WHEN m < 60 THEN m WHEN m < 240 THEN m - m % 5 WHEN m < 1440 THEN m - m % 30
              ELSE 1440 END
  FROM (SELECT floor(extract(epoch FROM w) / 60)::integer AS m) s
$$;
-- One row per ticket while its times arrive (issued and called may come in either order); counted_bucket: where it
-- is counted in agg_waits now (moved if an earlier `called` arrives later).
CREATE TABLE ticket_waits(
  centre_id text NOT NULL, ticket_id text NOT NULL, day date, service text, issued_at timestamptz,
  called_at timestamptz, counted_bucket integer,
  PRIMARY KEY (centre_id, ticket_id)
);
CREATE TABLE agg_waits(
  centre_id text NOT NULL, day date NOT NULL, service text NOT NULL, bucket integer NOT NULL, n bigint NOT NULL,
  PRIMARY KEY (centre_id, day, service, bucket)
);
CREATE INDEX agg_waits_by_day ON agg_waits(day);

-- Appointments by event (booked, moved, cancelled, kept, late, missed), by centre, day, service.
CREATE TABLE agg_appointments(
  centre_id text NOT NULL, day date NOT NULL, service text NOT NULL, event text NOT NULL, n bigint NOT NULL,
  PRIMARY KEY (centre_id, day, service, event)
);
CREATE INDEX agg_appointments_by_day ON agg_appointments(day);

-- Each referral's current state: its latest event (by time, then record id).
CREATE TABLE referral_states(
  centre_id text NOT NULL, referral_id text NOT NULL, from_service text NOT NULL, state text NOT NULL,
  at timestamptz NOT NULL, record_id uuid NOT NULL,
  PRIMARY KEY (centre_id, referral_id)
);

-- Jisr: each woman (person_key) once per milestone, with the centre and month she first reached it.
CREATE TABLE women_milestones(
  person_key text NOT NULL, milestone text NOT NULL, centre_id text NOT NULL, month date NOT NULL,
  first_at timestamptz NOT NULL,
  PRIMARY KEY (person_key, milestone)
);
CREATE INDEX women_milestones_by_centre ON women_milestones(centre_id, milestone);

-- "Growing backlog": the heartbeat before the last one.
ALTER TABLE kiosk_health ADD COLUMN previous_pending bigint, ADD COLUMN previous_seen timestamptz;

CREATE FUNCTION dash_known_centres() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO centres(centre_id) SELECT DISTINCT centre_id FROM new_rows ORDER BY 1 ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION dash_ticket_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO agg_visits AS a(centre_id, day, hour, service, visits)
    SELECT centre_id, day, hour, coalesce(service, ''), count(*) FROM new_rows WHERE event = 'issued'
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (centre_id, day, hour, service) DO UPDATE SET visits = a.visits + EXCLUDED.visits;
  INSERT INTO agg_visits_day AS a(centre_id, day, service, visits)
    SELECT centre_id, day, coalesce(service, ''), count(*) FROM new_rows WHERE event = 'issued'
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (centre_id, day, service) DO UPDATE SET visits = a.visits + EXCLUDED.visits;
  INSERT INTO agg_outcomes AS a(centre_id, day, service, event, outcome, n)
    SELECT centre_id, day, coalesce(service, ''), event, CASE WHEN event = 'served' THEN coalesce(outcome, '') ELSE ''
           END, count(*)
    FROM new_rows WHERE event IN ('served', 'no_show', 'transferred')
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (centre_id, day, service, event, outcome) DO UPDATE SET n = a.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE FUNCTION dash_ticket_waits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH t AS (
    SELECT centre_id, ticket_id, min(day) FILTER (WHERE event = 'issued') AS day,
           min(coalesce(service, '')) FILTER (WHERE event = 'issued') AS service,
           min(at) FILTER (WHERE event = 'issued') AS issued_at, min(at) FILTER (WHERE event = 'called') AS called_at
    FROM new_rows WHERE ticket_id IS NOT NULL AND at IS NOT NULL AND event IN ('issued', 'called')
    GROUP BY 1, 2 ORDER BY 1, 2
  ), up AS (
    INSERT INTO ticket_waits AS w(centre_id, ticket_id, day, service, issued_at, called_at)
    SELECT centre_id, ticket_id, day, service, issued_at, called_at FROM t
    ON CONFLICT (centre_id, ticket_id) DO UPDATE SET day = coalesce(w.day, EXCLUDED.day),
      service = coalesce(w.service, EXCLUDED.service), issued_at = least(w.issued_at, EXCLUDED.issued_at),
      called_at = least(w.called_at, EXCLUDED.called_at)
    RETURNING centre_id, day, service, counted_bucket AS was, wait_bucket(called_at - issued_at) AS now
  ), delta AS (
    SELECT centre_id, day, service, was AS bucket, -1 AS n FROM up WHERE was IS NOT NULL AND was IS DISTINCT FROM now
    UNION ALL
    SELECT centre_id, day, service, now, 1 FROM up WHERE now IS NOT NULL AND was IS DISTINCT FROM now
  )
  INSERT INTO agg_waits AS a(centre_id, day, service, bucket, n)
    SELECT centre_id, day, service, bucket, sum(n) FROM delta GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (centre_id, day, service, bucket) DO UPDATE SET n = a.n + EXCLUDED.n;
  UPDATE ticket_waits w SET counted_bucket = wait_bucket(w.called_at - w.issued_at)
    FROM (SELECT DISTINCT centre_id, ticket_id FROM new_rows WHERE ticket_id IS NOT NULL AND at IS NOT NULL
            AND event IN ('issued', 'called')) k
    WHERE w.centre_id = k.centre_id AND w.ticket_id = k.ticket_id
      AND w.counted_bucket IS DISTINCT FROM wait_bucket(w.called_at - w.issued_at);
  RETURN NULL;
END $$;

CREATE FUNCTION dash_appointments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO agg_appointments AS a(centre_id, day, service, event, n)
    SELECT centre_id, day, service, event, count(*) FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (centre_id, day, service, event) DO UPDATE SET n = a.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE FUNCTION dash_referrals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO referral_states AS s(centre_id, referral_id, from_service, state, at, record_id)
    SELECT DISTINCT ON (centre_id, referral_id) centre_id, referral_id, from_service, event, at, record_id
    FROM new_rows ORDER BY centre_id, referral_id, at DESC, record_id DESC
    ON CONFLICT (centre_id, referral_id) DO UPDATE SET from_service = EXCLUDED.from_service, state = EXCLUDED.state,
      at = EXCLUDED.at, record_id = EXCLUDED.record_id
    WHERE (EXCLUDED.at, EXCLUDED.record_id) > (s.at, s.record_id);
  RETURN NULL;
END $$;

-- A milestone is a woman's once her visitor's registration (with its person_key) is stored, whichever comes first.
-- The centre's advisory lock makes a registration and a milestone stored at once by two receivers see each other
-- (each statement of a trigger takes a new snapshot once the lock is held).
CREATE FUNCTION dash_milestones() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7306415, k) FROM (SELECT DISTINCT hashtext(centre_id) AS k FROM new_rows ORDER BY 1) s;
  INSERT INTO women_milestones AS w(person_key, milestone, centre_id, month, first_at)
    SELECT DISTINCT ON (r.person_key, m.milestone) r.person_key, m.milestone, m.centre_id,
           date_trunc('month', m.day)::date, m.at
    FROM new_rows m JOIN registrations r ON r.centre_id = m.centre_id AND r.visitor_id = m.visitor_id
    WHERE r.person_key IS NOT NULL
    ORDER BY r.person_key, m.milestone, m.at, m.centre_id
    ON CONFLICT (person_key, milestone) DO UPDATE SET centre_id = EXCLUDED.centre_id, month = EXCLUDED.month,
      first_at = EXCLUDED.first_at
    WHERE EXCLUDED.first_at < w.first_at;
  RETURN NULL;
END $$;
CREATE FUNCTION dash_registrations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows WHERE person_key IS NOT NULL AND visitor_id IS NOT NULL) THEN RETURN NULL; END IF;
  PERFORM pg_advisory_xact_lock(7306415, k) FROM (SELECT DISTINCT hashtext(centre_id) AS k FROM new_rows ORDER BY 1) s;
  INSERT INTO women_milestones AS w(person_key, milestone, centre_id, month, first_at)
    SELECT DISTINCT ON (r.person_key, m.milestone) r.person_key, m.milestone, m.centre_id,
           date_trunc('month', m.day)::date, m.at
    FROM new_rows r JOIN milestones m ON m.centre_id = r.centre_id AND m.visitor_id = r.visitor_id
    WHERE r.person_key IS NOT NULL
    ORDER BY r.person_key, m.milestone, m.at, m.centre_id
    ON CONFLICT (person_key, milestone) DO UPDATE SET centre_id = EXCLUDED.centre_id, month = EXCLUDED.month,
      first_at = EXCLUDED.first_at
    WHERE EXCLUDED.first_at < w.first_at;
  RETURN NULL;
END $$;

CREATE FUNCTION dash_health() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    NEW.previous_pending := OLD.pending;
    NEW.previous_seen := OLD.last_seen;
  END IF;
  INSERT INTO centres(centre_id) VALUES (NEW.centre_id) ON CONFLICT DO NOTHING;
  RETURN NEW;
END $$;

CREATE TRIGGER dash_centres AFTER INSERT ON records REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dash_known_centres();
CREATE TRIGGER dash_counts AFTER INSERT ON ticket_events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dash_ticket_counts();
CREATE TRIGGER dash_waits AFTER INSERT ON ticket_events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dash_ticket_waits();
CREATE TRIGGER dash_appointments AFTER INSERT ON appointment_events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dash_appointments();
CREATE TRIGGER dash_referrals AFTER INSERT ON referral_events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dash_referrals();
CREATE TRIGGER dash_milestones AFTER INSERT ON milestones REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dash_milestones();
CREATE TRIGGER dash_registrations AFTER INSERT ON registrations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dash_registrations();
CREATE TRIGGER dash_health BEFORE INSERT OR UPDATE ON kiosk_health
  FOR EACH ROW EXECUTE FUNCTION dash_health();

-- What was stored before this migration, through the same triggers (each fact table emptied and refilled).
INSERT INTO centres(centre_id) SELECT DISTINCT centre_id FROM records ORDER BY 1 ON CONFLICT DO NOTHING;
CREATE TEMP TABLE dash_backfill ON COMMIT DROP AS SELECT * FROM registrations;
DELETE FROM registrations;
INSERT INTO registrations SELECT * FROM dash_backfill;
DROP TABLE dash_backfill;
CREATE TEMP TABLE dash_backfill ON COMMIT DROP AS SELECT * FROM ticket_events;
DELETE FROM ticket_events;
INSERT INTO ticket_events SELECT * FROM dash_backfill;
DROP TABLE dash_backfill;
CREATE TEMP TABLE dash_backfill ON COMMIT DROP AS SELECT * FROM appointment_events;
DELETE FROM appointment_events;
INSERT INTO appointment_events SELECT * FROM dash_backfill;
DROP TABLE dash_backfill;
CREATE TEMP TABLE dash_backfill ON COMMIT DROP AS SELECT * FROM referral_events;
DELETE FROM referral_events;
INSERT INTO referral_events SELECT * FROM dash_backfill;
DROP TABLE dash_backfill;
CREATE TEMP TABLE dash_backfill ON COMMIT DROP AS SELECT * FROM milestones;
DELETE FROM milestones;
INSERT INTO milestones SELECT * FROM dash_backfill;
DROP TABLE dash_backfill;
INSERT INTO centres(centre_id) SELECT DISTINCT centre_id FROM kiosk_health ORDER BY 1 ON CONFLICT DO NOTHING;
)SQL";

// 4: the dashboard's accounts and audit (issue 17). Written on the primary only: a dashboard reading a standby
// writes here through --audit-db (docs/dashboard.md). No personal data of a woman: an account is ministry staff, an
// audit row says who asked for what (a path), never a figure.
const char* kV4 = R"SQL(
CREATE TABLE dashboard_users(
  name          text PRIMARY KEY,
  role          text NOT NULL CHECK (role = 'national' OR role ~ '^region:(0[1-9]|1[0-2])$' OR role ~ '^centre:.+$'),
  password_hash text NOT NULL,
  failures      integer NOT NULL DEFAULT 0,
  locked_until  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE dashboard_audit(
  id        bigserial PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  user_name text NOT NULL,
  what      text NOT NULL,
  detail    text NOT NULL DEFAULT ''
);
CREATE INDEX dashboard_audit_by_time ON dashboard_audit(at);
)SQL";

const std::vector<Migration>& all() {
  static const std::vector<Migration> m = {{1, "national schema", kV1}, {2, "accompaniment facts", kV2},
                                              {3, "dashboard aggregates", kV3},
                                              {4, "dashboard accounts and audit", kV4}};
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
