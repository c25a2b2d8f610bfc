// Migration 6: the centres' window (issue 17, item 5; docs/national.md, "The centres' window"). The centres page
// lists every centre with its visits and waits over the last 30 days, the sensitive services left out (its rows are
// centres, so no region rollup serves it). Summed from the aggregates at each view, that was 131,000 rows of
// agg_waits at 10 M records, and 0.6 s. The aggregator keeps those figures here instead, one row a centre.
#include "upstream/pg/migration_centre_window.hpp"

namespace shubbak::upstream::pg {

const char* migration_centre_window_sql() {
  return R"SQL(
-- A list of services in one spelling (sorted, each once): the window's and the dashboard's lists are compared so.
CREATE FUNCTION win_key(services text[]) RETURNS text[] IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$
  SELECT coalesce(array_agg(DISTINCT s ORDER BY s), '{}') FROM unnest(services) s
$$;

-- A day and a service of the aggregates (never NULL there) in the window of the 30 days ending `today`, leaving out
-- `leave_out`: the dashboard's kLast30 (upstream/dashboard/query.hpp). Inlined by the planner: the days' index serves.
CREATE FUNCTION win_in(day date, service text, today date, leave_out text[]) RETURNS boolean IMMUTABLE PARALLEL SAFE
LANGUAGE sql AS $$
  SELECT day > today - 30 AND day <= today AND NOT (service = ANY(leave_out))
$$;

-- What the tables below count: the 30 days ending `today` (Morocco's day, as the dashboard's kLast30), leaving out
-- the services `leave_out` (win_key). One row, or none until the aggregator first builds the window. A dashboard
-- whose day or sensitive services differ (a different catalogue; the second after midnight before the aggregator's
-- next step) reads the aggregates instead.
CREATE TABLE win_state(
  one boolean PRIMARY KEY DEFAULT true CHECK (one), today date NOT NULL, leave_out text[] NOT NULL
);
-- Each centre's waits in the window, by histogram bucket (agg_waits' buckets). No row of 0.
CREATE TABLE win_waits(
  centre_id text NOT NULL, bucket integer NOT NULL, n bigint NOT NULL, PRIMARY KEY (centre_id, bucket)
);
-- Each centre's visits and waits in the window, and the buckets of its median and 90th percentile wait: the
-- smallest bucket holding the ceil(n/2)-th and the ceil(9n/10)-th wait, as the dashboard works them out. No row
-- of 0 visits and 0 waits.
CREATE TABLE win_centres(
  centre_id text PRIMARY KEY, visits bigint NOT NULL, waits bigint NOT NULL, median integer, p90 integer
);

-- The waits, median and p90 of the centres `touched`, worked out again from win_waits (by its primary key, a few
-- rows a centre); a centre left with no visit and no wait goes.
CREATE FUNCTION win_quantiles(touched text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO win_centres AS w(centre_id, visits, waits, median, p90)
  SELECT t.centre_id, 0, coalesce(q.total, 0), q.median, q.p90
  FROM unnest(touched) t(centre_id) LEFT JOIN (
    SELECT centre_id, total, min(bucket) FILTER (WHERE seen >= (total + 1) / 2) AS median,
           min(bucket) FILTER (WHERE seen >= (total * 9 + 9) / 10) AS p90
    FROM (SELECT x.centre_id, x.bucket, (sum(x.n) OVER (PARTITION BY x.centre_id ORDER BY x.bucket))::bigint AS seen,
                 (sum(x.n) OVER (PARTITION BY x.centre_id))::bigint AS total
          FROM win_waits x WHERE x.centre_id = ANY(touched)) r
    GROUP BY centre_id, total
  ) q USING (centre_id)
  ORDER BY t.centre_id
  ON CONFLICT (centre_id) DO UPDATE SET waits = EXCLUDED.waits, median = EXCLUDED.median, p90 = EXCLUDED.p90;
  DELETE FROM win_centres WHERE centre_id = ANY(touched) AND visits = 0 AND waits = 0;
END $$;

-- What each statement of the aggregator writes into agg_waits or agg_visits_day (statement triggers, as migration
-- 5's: an INSERT ... ON CONFLICT DO UPDATE fires the INSERT trigger with the rows it inserted and the UPDATE trigger
-- with the rows it changed, before and after), counted into the window when its day is in it and its service is not
-- left out. plpgsql prepares a statement when it first runs it, for each trigger apart: the INSERT triggers never
-- prepare the statements that read old_rows. No temporary table: the step stays a few statements on a few rows.
CREATE FUNCTION win_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s win_state;
  touched text[];
BEGIN
  SELECT * INTO s FROM win_state;
  IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
  IF TG_TABLE_NAME = 'agg_waits' THEN
    IF TG_OP = 'INSERT' THEN
      WITH d AS (SELECT centre_id, bucket, sum(n)::bigint AS n FROM new_rows
                 WHERE win_in(day, service, s.today, s.leave_out)
                 GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2),
      w AS (INSERT INTO win_waits AS w SELECT * FROM d ON CONFLICT (centre_id, bucket) DO UPDATE SET n = w.n + EXCLUDED.n
            RETURNING centre_id)
      SELECT array_agg(DISTINCT centre_id) INTO touched FROM w;
    ELSE
      WITH r AS (SELECT centre_id, day, service, bucket, n FROM new_rows
                 UNION ALL SELECT centre_id, day, service, bucket, -n FROM old_rows),
      d AS (SELECT centre_id, bucket, sum(n)::bigint AS n FROM r
            WHERE win_in(day, service, s.today, s.leave_out)
            GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2),
      w AS (INSERT INTO win_waits AS w SELECT * FROM d ON CONFLICT (centre_id, bucket) DO UPDATE SET n = w.n + EXCLUDED.n
            RETURNING centre_id)
      SELECT array_agg(DISTINCT centre_id) INTO touched FROM w;
    END IF;
    IF touched IS NULL THEN RETURN NULL; END IF;
    DELETE FROM win_waits WHERE centre_id = ANY(touched) AND n = 0;
    PERFORM win_quantiles(touched);
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO win_centres AS w(centre_id, visits, waits)
      SELECT centre_id, sum(visits), 0 FROM new_rows
      WHERE win_in(day, service, s.today, s.leave_out) GROUP BY 1 ORDER BY 1
      ON CONFLICT (centre_id) DO UPDATE SET visits = w.visits + EXCLUDED.visits;
  ELSE
    WITH r AS (SELECT centre_id, day, service, visits AS n FROM new_rows
               UNION ALL SELECT centre_id, day, service, -visits FROM old_rows),
    d AS (SELECT centre_id, sum(n)::bigint AS n FROM r
          WHERE win_in(day, service, s.today, s.leave_out)
          GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1),
    w AS (INSERT INTO win_centres AS w(centre_id, visits, waits) SELECT centre_id, n, 0 FROM d
          ON CONFLICT (centre_id) DO UPDATE SET visits = w.visits + EXCLUDED.visits RETURNING centre_id)
    SELECT array_agg(centre_id) INTO touched FROM w;
    DELETE FROM win_centres WHERE centre_id = ANY(touched) AND visits = 0 AND waits = 0;
  END IF;
  RETURN NULL;
END $$;

-- The transition tables are named alike on both aggregates: new_rows (and old_rows for an UPDATE).
CREATE TRIGGER win_waits_in AFTER INSERT ON agg_waits REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION win_follow();
CREATE TRIGGER win_waits_up AFTER UPDATE ON agg_waits REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION win_follow();
CREATE TRIGGER win_visits_in AFTER INSERT ON agg_visits_day REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION win_follow();
CREATE TRIGGER win_visits_up AFTER UPDATE ON agg_visits_day REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION win_follow();

-- The window over the 30 days ending `t`, leaving out `k` (win_key): nothing to do if it is the one counted, else
-- summed again from the aggregates (once a day, at the aggregator's first step after midnight; and when the
-- receivers' catalogue changes a service's `sensitive`). DELETE, not TRUNCATE: a dashboard reading the window
-- (perhaps on a standby) is not blocked, and sees the old window until this step commits.
-- Like the aggregator's step, only in the session holding the aggregator lock (two sums at once would double it).
CREATE FUNCTION win_follow_day(t date, k text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM win_state s WHERE s.today = t AND s.leave_out = k) THEN RETURN; END IF;
  IF current_setting('transaction_isolation') <> 'repeatable read'
     OR NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
                      AND classid = 7306416 AND objid = 1 AND granted) THEN
    RAISE EXCEPTION 'win_follow_day runs in a REPEATABLE READ transaction of the session holding the aggregator lock';
  END IF;
  RAISE LOG 'shubbak: the centres'' window is summed again for the 30 days ending % without %', t, k;
  DELETE FROM win_state;
  DELETE FROM win_waits;
  DELETE FROM win_centres;
  INSERT INTO win_waits SELECT centre_id, bucket, sum(n) FROM agg_waits
    WHERE win_in(day, service, t, k) GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2;
  INSERT INTO win_centres(centre_id, visits, waits) SELECT centre_id, sum(visits), 0 FROM agg_visits_day
    WHERE win_in(day, service, t, k) GROUP BY 1 HAVING sum(visits) <> 0 ORDER BY 1;
  PERFORM win_quantiles(ARRAY(SELECT DISTINCT centre_id FROM win_waits));
  INSERT INTO win_state(today, leave_out) VALUES (t, k);
END $$;

-- The aggregator's step with the window: migration 5's step (which checks the aggregator's lock first), then the
-- window moved to `window_today` (NULL: Morocco's today) and the receivers' sensitive services `leave_out`.
CREATE FUNCTION dash_aggregate(max_batches integer, window_today date, leave_out text[]) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  taken bigint;
BEGIN
  taken := dash_aggregate(max_batches);
  PERFORM win_follow_day(coalesce(window_today, (now() AT TIME ZONE 'Africa/Casablanca')::date), win_key(leave_out));
  RETURN taken;
END $$;
)SQL";
}

}  // namespace shubbak::upstream::pg
