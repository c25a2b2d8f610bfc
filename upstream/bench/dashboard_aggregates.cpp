#include "upstream/bench/dashboard_aggregates.hpp"

#include "upstream/pg/batch_rows.hpp"  // array_literal

namespace shubbak::upstream::bench {

namespace {

// Each aggregate as the aggregator makes it, from the whole fact table: {aggregate, its columns, the GROUP BY}.
struct Truth {
  const char* table;
  const char* columns;
  const char* select;  // over the facts; "{where}" takes a predicate on the facts' centre_id
};
const Truth kTruths[] = {
    {"agg_visits", "centre_id, day, hour, service, visits",
     "SELECT centre_id, day, hour, coalesce(service, ''), count(*) FROM ticket_events WHERE event = 'issued' {and} "
     "GROUP BY 1, 2, 3, 4"},
    {"agg_visits_day", "centre_id, day, service, visits",
     "SELECT centre_id, day, coalesce(service, ''), count(*) FROM ticket_events WHERE event = 'issued' {and} "
     "GROUP BY 1, 2, 3"},
    {"agg_outcomes", "centre_id, day, service, event, outcome, n",
     "SELECT centre_id, day, coalesce(service, ''), event, CASE WHEN event = 'served' THEN coalesce(outcome, '') "
     "ELSE '' END, count(*) FROM ticket_events WHERE event IN ('served', 'no_show', 'transferred') {and} "
     "GROUP BY 1, 2, 3, 4, 5"},
    {"agg_waits", "centre_id, day, service, bucket, n",
     "SELECT centre_id, day, service, wait_bucket(called_at - issued_at), count(*) FROM ("
     "SELECT centre_id, min(day) FILTER (WHERE event = 'issued') AS day, "
     "min(coalesce(service, '')) FILTER (WHERE event = 'issued') AS service, "
     "min(at) FILTER (WHERE event = 'issued') AS issued_at, min(at) FILTER (WHERE event = 'called') AS called_at "
     "FROM ticket_events WHERE ticket_id IS NOT NULL AND at IS NOT NULL AND event IN ('issued', 'called') {and} "
     "GROUP BY centre_id, ticket_id) t WHERE wait_bucket(called_at - issued_at) IS NOT NULL GROUP BY 1, 2, 3, 4"},
    {"agg_appointments", "centre_id, day, service, event, n",
     "SELECT centre_id, day, service, event, count(*) FROM appointment_events WHERE true {and} GROUP BY 1, 2, 3, 4"},
    {"referral_states", "centre_id, referral_id, from_service, state, at, record_id",
     "SELECT DISTINCT ON (centre_id, referral_id) centre_id, referral_id, from_service, event, at, record_id "
     "FROM referral_events WHERE true {and} ORDER BY centre_id, referral_id, at DESC, record_id DESC"},
};

const char* kWomenTruth =
    "SELECT DISTINCT ON (r.person_key, m.milestone) r.person_key, m.milestone, m.centre_id, "
    "date_trunc('month', m.day)::date, m.at FROM milestones m JOIN registrations r "
    "ON r.centre_id = m.centre_id AND r.visitor_id = m.visitor_id WHERE r.person_key IS NOT NULL "
    "ORDER BY r.person_key, m.milestone, m.at, m.centre_id";

std::string with_where(const char* select, const std::string& predicate) {
  std::string s = select;
  const std::string key = "{and}";
  s.replace(s.find(key), key.size(), predicate);
  return s;
}

}  // namespace

void set_dashboard_queue(pg::Connection& c, bool enabled) {
  c.exec_script(std::string("ALTER TABLE records ") + (enabled ? "ENABLE" : "DISABLE") + " TRIGGER dash_records");
}

void fill_aggregates_by_group_by(pg::Connection& c) {
  // The centres' window first: with no win_state its triggers pass the INSERTs by, and the aggregator's next step
  // sums it again.
  std::string sql = "TRUNCATE win_state, win_waits, win_centres; TRUNCATE agg_visits, agg_visits_day, agg_outcomes, "
                    "agg_waits, agg_appointments, referral_states, women_milestones;";
  for (const Truth& t : kTruths)
    sql += std::string("INSERT INTO ") + t.table + "(" + t.columns + ") " + with_where(t.select, "") + ";";
  sql += std::string("INSERT INTO women_milestones(person_key, milestone, centre_id, month, first_at) ") + kWomenTruth +
         ";";
  sql += "INSERT INTO centres(centre_id) SELECT DISTINCT centre_id FROM records ON CONFLICT DO NOTHING;";
  sql += "SELECT dash_roll_rebuild();";  // TRUNCATE fires no trigger: the rollups are summed again
  c.exec_script(sql);
}

void seed_centres_and_health(pg::Connection& c, const std::vector<SeedCentre>& centres, uint64_t seed) {
  std::vector<pg::Param> ids, regions;
  for (const SeedCentre& s : centres) {
    ids.push_back(s.id);
    regions.push_back(s.region.empty() ? pg::Param() : pg::Param(s.region));
  }
  c.exec("INSERT INTO centres(centre_id, region_code, name) SELECT id, region, 'Centre ' || id "
         "FROM unnest($1::text[], $2::text[]) AS u(id, region) ON CONFLICT (centre_id) DO UPDATE "
         "SET region_code = EXCLUDED.region_code, name = EXCLUDED.name",
         {pg::array_literal(ids), pg::array_literal(regions)});
  // Deterministic from the seed: 3% silent for 2-9 days, 5% with a growing backlog, the rest seen within minutes.
  c.exec("SELECT setseed($1::float8)", {std::to_string(static_cast<double>(seed % 1000) / 1000.0)});
  c.exec("INSERT INTO kiosk_health(kiosk_id, centre_id, last_seen, pending, last_success_at, free_disk_bytes, version,"
         " previous_pending, previous_seen) "
         "SELECT 'k-' || centre_id, centre_id, now() - CASE WHEN r < 0.03 THEN make_interval(days => 2 + (r * 233)::int % 8)"
         " ELSE make_interval(mins => (r * 997)::int % 15) END, (r * 5000)::bigint, now(), 20e9::bigint * r, '0.17.0',"
         " CASE WHEN r > 0.95 THEN (r * 1000)::bigint ELSE (r * 5000)::bigint END, now() - interval '5 minutes' "
         "FROM (SELECT centre_id, random() AS r FROM centres ORDER BY centre_id) s ON CONFLICT (kiosk_id) DO NOTHING");
}

std::vector<std::string> aggregate_mismatches(pg::Connection& c, const std::vector<std::string>& sample) {
  std::vector<pg::Param> ids(sample.begin(), sample.end());
  const pg::Param arr = pg::array_literal(ids);
  std::vector<std::string> out;
  auto check = [&](const std::string& name, const std::string& agg, const std::string& truth) {
    pg::Result r = c.exec("WITH a AS (" + agg + "), t AS (" + truth + ") SELECT (SELECT count(*) FROM "
                          "(SELECT * FROM a EXCEPT ALL SELECT * FROM t) x), (SELECT count(*) FROM (SELECT * FROM t "
                          "EXCEPT ALL SELECT * FROM a) y), (SELECT count(*) FROM a)",
                          {arr});
    if (r.integer(0, 0) || r.integer(0, 1) || r.integer(0, 2) == 0)
      out.push_back(name + ": " + r.text(0, 0) + " rows not in the facts, " + r.text(0, 1) + " missing, of " +
                    r.text(0, 2));
  };
  for (const Truth& t : kTruths)
    check(t.table, std::string("SELECT ") + t.columns + " FROM " + t.table + " WHERE centre_id = ANY($1::text[])",
          with_where(t.select, "AND centre_id = ANY($1::text[])"));
  check("women_milestones", "SELECT person_key, milestone, centre_id, month, first_at FROM women_milestones "
                            "WHERE $1::text[] IS NOT NULL", kWomenTruth);
  // Each region rollup (migration 5) whole, against its aggregate summed by each centre's region now.
  pg::Result defs = c.exec("SELECT rollup, source, keys, adds, counted FROM roll_defs ORDER BY rollup");
  for (int i = 0; i < defs.rows(); ++i) {
    const std::string keys = defs.text(i, 2);
    check(defs.text(i, 0),
          "SELECT region_code, " + keys + ", " + defs.text(i, 4) + " FROM " + defs.text(i, 0) +
              " WHERE $1::text[] IS NOT NULL",
          "SELECT coalesce(c.region_code, ''), " + keys + ", sum(" + defs.text(i, 3) + ")::bigint FROM " +
              defs.text(i, 1) + " a LEFT JOIN centres c USING (centre_id) GROUP BY 1, " + keys +
              " HAVING sum(" + defs.text(i, 3) + ") <> 0");
  }
  return out;
}

}  // namespace shubbak::upstream::bench
