// Migration 5: the region rollups of the dashboard's aggregates (issue 17, item 5; docs/national.md, "Region
// rollups"). The overview of the nation or of a region sums a few thousand rows of these instead of every centre's.
#include "upstream/pg/migration_rollups.hpp"

namespace shubbak::upstream::pg {

const char* migration_rollups_sql() {
  return R"SQL(
-- The region each centre's rows are counted under in the rollups ('' = region not set). The aggregator alone writes
-- it and the rollups, in its steps (one session at a time, under its lock): a centre's region set or changed in
-- `centres` is followed at the end of the next step, which moves all of that centre's rows, in one transaction.
CREATE TABLE roll_regions(centre_id text PRIMARY KEY, region_code text NOT NULL);

-- The rollups: migration 3's aggregates summed by region instead of centre. No row is ever 0 (rows falling to 0
-- go), so a region or a service shows in a figure exactly when it did from the aggregates.
CREATE TABLE roll_visits(
  region_code text NOT NULL, day date NOT NULL, service text NOT NULL, visits bigint NOT NULL,
  PRIMARY KEY (region_code, day, service)
);
CREATE INDEX roll_visits_by_day ON roll_visits(day);
CREATE TABLE roll_waits(
  region_code text NOT NULL, day date NOT NULL, service text NOT NULL, bucket integer NOT NULL, n bigint NOT NULL,
  PRIMARY KEY (region_code, day, service, bucket)
);
CREATE INDEX roll_waits_by_day ON roll_waits(day);
CREATE TABLE roll_appointments(
  region_code text NOT NULL, day date NOT NULL, service text NOT NULL, event text NOT NULL, n bigint NOT NULL,
  PRIMARY KEY (region_code, day, service, event)
);
CREATE INDEX roll_appointments_by_day ON roll_appointments(day);
CREATE TABLE roll_referrals(
  region_code text NOT NULL, from_service text NOT NULL, state text NOT NULL, referrals bigint NOT NULL,
  PRIMARY KEY (region_code, from_service, state)
);
CREATE TABLE roll_women(
  region_code text NOT NULL, month date NOT NULL, milestone text NOT NULL, women bigint NOT NULL,
  PRIMARY KEY (region_code, month, milestone)
);

-- Each rollup: the aggregate it sums (a table with centre_id), its keys besides the region, what one row of the
-- aggregate adds (an expression over it), and the rollup's count column.
CREATE TABLE roll_defs(
  rollup text PRIMARY KEY, source text NOT NULL UNIQUE, keys text NOT NULL, adds text NOT NULL, counted text NOT NULL
);
INSERT INTO roll_defs VALUES
  ('roll_visits', 'agg_visits_day', 'day, service', 'visits', 'visits'),
  ('roll_waits', 'agg_waits', 'day, service, bucket', 'n', 'n'),
  ('roll_appointments', 'agg_appointments', 'day, service, event', 'n', 'n'),
  ('roll_referrals', 'referral_states', 'from_service, state', '1', 'referrals'),
  ('roll_women', 'women_milestones', 'month, milestone', '1', 'women');

-- Adds to `rollup_name` the rows of the relation `plus` and takes away those of `minus` (either may be NULL): rows
-- of its source, each under its centre's region in roll_regions (a centre not there yet is added with its region in
-- `centres`, as this transaction sees it). Dynamic SQL: each call is planned for what it reads.
CREATE FUNCTION roll_add(rollup_name text, plus text, minus text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  d roll_defs;
  a_keys text;
  x_keys text;
BEGIN
  SELECT * INTO STRICT d FROM roll_defs WHERE rollup = rollup_name;
  a_keys := 'a.' || replace(d.keys, ', ', ', a.');
  x_keys := 'x.' || replace(d.keys, ', ', ', x.');
  IF plus IS NOT NULL THEN
    EXECUTE format('INSERT INTO roll_regions(centre_id, region_code) SELECT DISTINCT s.centre_id, '
                   'coalesce(c.region_code, '''') FROM %s s LEFT JOIN centres c USING (centre_id) ORDER BY 1 '
                   'ON CONFLICT DO NOTHING', plus);
  END IF;
  EXECUTE format('CREATE TEMP TABLE roll_delta ON COMMIT DROP AS SELECT r.region_code, %1$s, sum(s.n)::bigint AS n '
                 'FROM (%2$s) s JOIN roll_regions r USING (centre_id) GROUP BY r.region_code, %1$s',
                 d.keys, concat_ws(' UNION ALL ',
                   CASE WHEN plus IS NOT NULL THEN format('SELECT centre_id, %s, %s AS n FROM %s p', d.keys, d.adds, plus) END,
                   CASE WHEN minus IS NOT NULL THEN format('SELECT centre_id, %s, -(%s) AS n FROM %s m', d.keys, d.adds, minus) END));
  EXECUTE format('INSERT INTO %1$I AS a(region_code, %2$s, %3$I) SELECT * FROM roll_delta WHERE n <> 0 '
                 'ORDER BY region_code, %2$s ON CONFLICT (region_code, %2$s) DO UPDATE SET %3$I = a.%3$I + EXCLUDED.%3$I',
                 d.rollup, d.keys, d.counted);
  EXECUTE format('DELETE FROM %1$I a USING roll_delta x WHERE x.n <> 0 AND a.%2$I = 0 '
                 'AND (a.region_code, %3$s) = (x.region_code, %4$s)', d.rollup, d.counted, a_keys, x_keys);
  DROP TABLE roll_delta;
END $$;

-- What each statement of the aggregator writes into an aggregate, added to its rollup (statement triggers: the
-- aggregator's INSERT ... ON CONFLICT DO UPDATE fires the INSERT trigger with the rows it inserted and the UPDATE
-- trigger with the rows it changed, before and after).
CREATE FUNCTION roll_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
    CREATE TEMP TABLE roll_plus ON COMMIT DROP AS SELECT * FROM new_rows;
    PERFORM roll_add(TG_ARGV[0], 'roll_plus', NULL);
  ELSE
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
    CREATE TEMP TABLE roll_plus ON COMMIT DROP AS SELECT * FROM new_rows;
    CREATE TEMP TABLE roll_minus ON COMMIT DROP AS SELECT * FROM old_rows;
    PERFORM roll_add(TG_ARGV[0], 'roll_plus', 'roll_minus');
    DROP TABLE roll_minus;
  END IF;
  DROP TABLE roll_plus;
  RETURN NULL;
END $$;

-- Two triggers on each rollup's aggregate: roll_visits_in, roll_visits_up...
DO $$
DECLARE
  d roll_defs;
BEGIN
  FOR d IN SELECT * FROM roll_defs ORDER BY rollup LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION roll_follow(%L)', d.rollup || '_in', d.source, d.rollup);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION roll_follow(%L)', d.rollup || '_up', d.source, d.rollup);
  END LOOP;
END $$;

-- The centres whose region in `centres` (this step's snapshot) is not the one their rows are counted under: all their
-- rows, in every rollup, leave the old region and join the new one.
CREATE FUNCTION dash_roll_follow_regions() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  d roll_defs;
BEGIN
  CREATE TEMP TABLE roll_moved ON COMMIT DROP AS
    SELECT c.centre_id, coalesce(c.region_code, '') AS region_code
    FROM centres c JOIN roll_regions r USING (centre_id) WHERE r.region_code <> coalesce(c.region_code, '');
  IF EXISTS (SELECT 1 FROM roll_moved) THEN
    FOR d IN SELECT * FROM roll_defs ORDER BY rollup LOOP
      PERFORM roll_add(d.rollup, NULL, format('(SELECT * FROM %I WHERE centre_id IN (SELECT centre_id FROM roll_moved))',
                                              d.source));
    END LOOP;
    UPDATE roll_regions r SET region_code = m.region_code FROM roll_moved m WHERE m.centre_id = r.centre_id;
    FOR d IN SELECT * FROM roll_defs ORDER BY rollup LOOP
      PERFORM roll_add(d.rollup, format('(SELECT * FROM %I WHERE centre_id IN (SELECT centre_id FROM roll_moved))',
                                        d.source), NULL);
    END LOOP;
  END IF;
  DROP TABLE roll_moved;
END $$;

-- The aggregator's step (migration 3's, unchanged, under its new name) and then the region moves, in the same
-- REPEATABLE READ transaction of the session holding the aggregator's lock (checked first by the step).
ALTER FUNCTION dash_aggregate(integer) RENAME TO dash_count_queued;
CREATE FUNCTION dash_aggregate(max_batches integer) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  taken bigint;
BEGIN
  taken := dash_count_queued(max_batches);
  PERFORM dash_roll_follow_regions();
  RETURN taken;
END $$;

-- Empties the rollups and sums them again from the aggregates, under each centre's region now (the migration; a
-- bench that filled the aggregates itself).
CREATE FUNCTION dash_roll_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  d roll_defs;
BEGIN
  TRUNCATE roll_regions, roll_visits, roll_waits, roll_appointments, roll_referrals, roll_women;
  INSERT INTO roll_regions(centre_id, region_code) SELECT centre_id, coalesce(region_code, '') FROM centres;
  FOR d IN SELECT * FROM roll_defs ORDER BY rollup LOOP
    PERFORM roll_add(d.rollup, d.source, NULL);
  END LOOP;
END $$;

-- The triggers above lock the aggregates until this migration commits: no step runs between the sums and them.
SELECT dash_roll_rebuild();
)SQL";
}

}  // namespace shubbak::upstream::pg
