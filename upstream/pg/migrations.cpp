#include "upstream/pg/migrations.hpp"

#include <string>
#include <vector>

#include "upstream/pg/migration_centre_window.hpp"
#include "upstream/pg/migration_rollups.hpp"

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
// The aggregates are counted off the receivers' path: each batch's transaction only queues the ids it really
// inserted (a statement trigger on `records`; a duplicate skipped by ON CONFLICT DO NOTHING is not in its transition
// table), and the aggregator (upstream/pg/aggregate.hpp: a thread of one receiver at a time) counts the queue every
// second, many batches in one step. Counting in each batch's transaction cost the receivers a third of their
// throughput (docs/performance.md); a record is now on the dashboard within seconds. The aggregates are written on
// the primary, so the dashboard can read a standby.
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
-- Both are plain expressions, so that PostgreSQL inlines them into the query (a SQL function with a FROM runs its own
-- executor on every call: 80 microseconds each, most of the waits trigger's time).
CREATE FUNCTION wait_bucket_of_minutes(m integer) RETURNS integer IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$
  SELECT CASE WHEN m IS NULL THEN NULL WHEN m < 0 THEN 0 WHEN m < 60 THEN m WHEN m < 240 THEN m - m % 5
              WHEN m < 1440 THEN m - m % 30 ELSE 1440 END
$$;
CREATE FUNCTION wait_bucket(w interval) RETURNS integer IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$
  SELECT wait_bucket_of_minutes(floor(extract(epoch FROM w) / 60)::integer)
$$;
-- A ticket's events, found from any one of them (the waits trigger looks a `called` event's `issued` up here).
CREATE INDEX ticket_events_by_ticket ON ticket_events(ticket_id);
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

-- Records stored and not yet counted: one row per batch, the ids really inserted (a duplicate skipped by ON CONFLICT
-- DO NOTHING is not in the transition table), written by the batch's own transaction. dash_aggregate() takes them.
CREATE TABLE agg_queue(id bigserial PRIMARY KEY, record_ids uuid[] NOT NULL);

-- The one trigger on the receivers' path: what every batch costs the dashboard is this row and its centre.
CREATE FUNCTION dash_records() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO centres(centre_id) SELECT DISTINCT centre_id FROM new_rows ORDER BY 1 ON CONFLICT DO NOTHING;
  INSERT INTO agg_queue(record_ids) SELECT array_agg(id) FROM new_rows HAVING count(*) > 0;
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

CREATE TRIGGER dash_records AFTER INSERT ON records REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dash_records();
CREATE TRIGGER dash_health BEFORE INSERT OR UPDATE ON kiosk_health
  FOR EACH ROW EXECUTE FUNCTION dash_health();

-- The aggregator's step (upstream/pg/aggregate.hpp): the first max_batches queued batches are counted and leave the
-- queue in one transaction, so that each record is counted exactly once whatever stops where. It must run in a
-- REPEATABLE READ transaction of the one session holding the aggregator's lock: the queue and the facts are then
-- one snapshot, and no two steps ever count the same batch or see each other half done. Returns the records taken.
CREATE FUNCTION dash_aggregate(max_batches integer) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  taken_records bigint;
BEGIN
  IF current_setting('transaction_isolation') <> 'repeatable read'
     OR NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
                      AND classid = 7306416 AND objid = 1 AND granted) THEN
    RAISE EXCEPTION 'dash_aggregate runs in a REPEATABLE READ transaction of the session holding the aggregator lock';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM agg_queue) THEN
    RETURN 0;
  END IF;
  CREATE TEMP TABLE agg_taken ON COMMIT DROP AS SELECT id FROM agg_queue ORDER BY id LIMIT max_batches;
  -- Every queued record, taken now or not: one not taken is neither counted nor part of "before" (see waits).
  CREATE TEMP TABLE agg_pending ON COMMIT DROP AS
    SELECT unnest(q.record_ids) AS record_id, t.id IS NOT NULL AS taken FROM agg_queue q LEFT JOIN agg_taken t USING (id);
  CREATE INDEX ON agg_pending(record_id);
  ANALYZE agg_pending;
  SELECT count(*) INTO taken_records FROM agg_pending WHERE taken;
  IF taken_records = 0 THEN
    DELETE FROM agg_queue WHERE id IN (SELECT id FROM agg_taken);
    DROP TABLE agg_taken, agg_pending;
    RETURN 0;
  END IF;
  CREATE TEMP TABLE new_ticket_events ON COMMIT DROP AS
    SELECT e.* FROM agg_pending p JOIN ticket_events e ON e.record_id = p.record_id WHERE p.taken;
  CREATE TEMP TABLE new_appointment_events ON COMMIT DROP AS
    SELECT e.* FROM agg_pending p JOIN appointment_events e ON e.record_id = p.record_id WHERE p.taken;
  CREATE TEMP TABLE new_referral_events ON COMMIT DROP AS
    SELECT e.* FROM agg_pending p JOIN referral_events e ON e.record_id = p.record_id WHERE p.taken;
  CREATE TEMP TABLE new_milestones ON COMMIT DROP AS
    SELECT e.* FROM agg_pending p JOIN milestones e ON e.record_id = p.record_id WHERE p.taken;
  CREATE TEMP TABLE new_registrations ON COMMIT DROP AS
    SELECT e.* FROM agg_pending p JOIN registrations e ON e.record_id = p.record_id WHERE p.taken;
  ANALYZE new_ticket_events, new_appointment_events, new_referral_events, new_milestones, new_registrations;
  PERFORM dash_count_tickets();
  PERFORM dash_count_waits();
  PERFORM dash_count_accompaniment();
  DELETE FROM agg_queue WHERE id IN (SELECT id FROM agg_taken);
  DROP TABLE agg_taken, agg_pending, new_ticket_events, new_appointment_events, new_referral_events, new_milestones,
    new_registrations;
  RETURN taken_records;
END $$;

-- Visits, outcomes: counted from the new ticket events alone.
CREATE FUNCTION dash_count_tickets() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO agg_visits AS a(centre_id, day, hour, service, visits)
    SELECT centre_id, day, hour, coalesce(service, ''), count(*) FROM new_ticket_events WHERE event = 'issued'
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (centre_id, day, hour, service) DO UPDATE SET visits = a.visits + EXCLUDED.visits;
  INSERT INTO agg_visits_day AS a(centre_id, day, service, visits)
    SELECT centre_id, day, coalesce(service, ''), count(*) FROM new_ticket_events WHERE event = 'issued'
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (centre_id, day, service) DO UPDATE SET visits = a.visits + EXCLUDED.visits;
  INSERT INTO agg_outcomes AS a(centre_id, day, service, event, outcome, n)
    SELECT centre_id, day, coalesce(service, ''), event, CASE WHEN event = 'served' THEN coalesce(outcome, '') ELSE ''
           END, count(*)
    FROM new_ticket_events WHERE event IN ('served', 'no_show', 'transferred')
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (centre_id, day, service, event, outcome) DO UPDATE SET n = a.n + EXCLUDED.n;
END $$;

-- Waits: for each ticket the new events touch, its wait before them (its events already counted: not queued) and
-- after (those and the new ones); the histogram moves by the difference. So an earlier `called` arriving later
-- moves her wait, and an `issued` arriving after its `called` counts it then.
CREATE FUNCTION dash_count_waits() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH touched AS (
    SELECT DISTINCT centre_id, ticket_id FROM new_ticket_events
    WHERE ticket_id IS NOT NULL AND at IS NOT NULL AND event IN ('issued', 'called')
  ), ev AS (
    SELECT e.centre_id, e.ticket_id, e.event, e.day, coalesce(e.service, '') AS service, e.at,
           p.taken IS NOT NULL AS is_new
    FROM touched t JOIN ticket_events e ON e.ticket_id = t.ticket_id AND e.centre_id = t.centre_id
    LEFT JOIN agg_pending p ON p.record_id = e.record_id
    WHERE e.at IS NOT NULL AND e.event IN ('issued', 'called') AND p.taken IS NOT FALSE
  ), t AS (
    SELECT min(day) FILTER (WHERE event = 'issued') AS day, min(service) FILTER (WHERE event = 'issued') AS service,
           wait_bucket(min(at) FILTER (WHERE event = 'called') - min(at) FILTER (WHERE event = 'issued')) AS now,
           min(day) FILTER (WHERE event = 'issued' AND NOT is_new) AS day_was,
           min(service) FILTER (WHERE event = 'issued' AND NOT is_new) AS service_was,
           wait_bucket(min(at) FILTER (WHERE event = 'called' AND NOT is_new)
                       - min(at) FILTER (WHERE event = 'issued' AND NOT is_new)) AS was, centre_id
    FROM ev GROUP BY centre_id, ticket_id
  ), delta AS (
    SELECT centre_id, day_was AS day, service_was AS service, was AS bucket, -1 AS n FROM t
    WHERE was IS NOT NULL AND (day_was, service_was, was) IS DISTINCT FROM (day, service, now)
    UNION ALL
    SELECT centre_id, day, service, now, 1 FROM t
    WHERE now IS NOT NULL AND (day_was, service_was, was) IS DISTINCT FROM (day, service, now)
  )
  INSERT INTO agg_waits AS a(centre_id, day, service, bucket, n)
    SELECT centre_id, day, service, bucket, sum(n) FROM delta GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (centre_id, day, service, bucket) DO UPDATE SET n = a.n + EXCLUDED.n;
END $$;

-- Appointments by event; each referral's latest state; each woman's first time at each milestone. The last two
-- are the same whatever the order and however often a record is seen (the latest, the earliest), so a milestone
-- whose registration is still queued (or the reverse) is joined with it now or when it is taken.
CREATE FUNCTION dash_count_accompaniment() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO agg_appointments AS a(centre_id, day, service, event, n)
    SELECT centre_id, day, service, event, count(*) FROM new_appointment_events GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (centre_id, day, service, event) DO UPDATE SET n = a.n + EXCLUDED.n;
  INSERT INTO referral_states AS s(centre_id, referral_id, from_service, state, at, record_id)
    SELECT DISTINCT ON (centre_id, referral_id) centre_id, referral_id, from_service, event, at, record_id
    FROM new_referral_events ORDER BY centre_id, referral_id, at DESC, record_id DESC
    ON CONFLICT (centre_id, referral_id) DO UPDATE SET from_service = EXCLUDED.from_service, state = EXCLUDED.state,
      at = EXCLUDED.at, record_id = EXCLUDED.record_id
    WHERE (EXCLUDED.at, EXCLUDED.record_id) > (s.at, s.record_id);
  INSERT INTO women_milestones AS w(person_key, milestone, centre_id, month, first_at)
    SELECT DISTINCT ON (person_key, milestone) person_key, milestone, centre_id, month, at FROM (
      SELECT r.person_key, m.milestone, m.centre_id, date_trunc('month', m.day)::date AS month, m.at
      FROM new_milestones m JOIN registrations r ON r.centre_id = m.centre_id AND r.visitor_id = m.visitor_id
      WHERE r.person_key IS NOT NULL
      UNION ALL
      SELECT r.person_key, m.milestone, m.centre_id, date_trunc('month', m.day)::date, m.at
      FROM new_registrations r JOIN milestones m ON m.centre_id = r.centre_id AND m.visitor_id = r.visitor_id
      WHERE r.person_key IS NOT NULL
    ) j
    ORDER BY person_key, milestone, at, centre_id
    ON CONFLICT (person_key, milestone) DO UPDATE SET centre_id = EXCLUDED.centre_id, month = EXCLUDED.month,
      first_at = EXCLUDED.first_at
    WHERE EXCLUDED.first_at < w.first_at;
END $$;

-- What was stored before this migration: its centres, and every record queued (in batches of 10,000) for the
-- aggregator.
INSERT INTO centres(centre_id) SELECT DISTINCT centre_id FROM records ORDER BY 1 ON CONFLICT DO NOTHING;
INSERT INTO centres(centre_id) SELECT DISTINCT centre_id FROM kiosk_health ORDER BY 1 ON CONFLICT DO NOTHING;
INSERT INTO agg_queue(record_ids)
  SELECT array_agg(id ORDER BY id) FROM (SELECT id, (row_number() OVER (ORDER BY received_at, id) - 1) / 10000 AS g
                                         FROM records) r
  GROUP BY g ORDER BY g;
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
                                              {4, "dashboard accounts and audit", kV4},
                                              {5, "dashboard region rollups", migration_rollups_sql()},
                                              {6, "dashboard centres window", migration_centre_window_sql()}};
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
