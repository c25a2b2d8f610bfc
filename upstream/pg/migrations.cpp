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

const std::vector<Migration>& all() {
  static const std::vector<Migration> m = {{1, "national schema", kV1}};
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
