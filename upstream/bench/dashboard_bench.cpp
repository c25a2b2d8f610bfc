// shubbak-dashboard-bench: scripts/bench dashboard (issue 17). Seeds a migrated, empty database with field-like
// facts by COPY (upstream/bench/field_seed.hpp) — through migration 3's queue and the aggregator, or with the queue disabled and the
// aggregates filled by one GROUP BY afterwards — checks a sample of centres' aggregates against a GROUP BY over the
// facts, then times the dashboard's figures calls (overview, centres, centre) for the nation, one region and one
// centre: `warmup` runs, then `runs` timed ones, p50/p95/max.
//   shubbak-dashboard-bench --db URI [--records N] [--seed S] [--via aggregator|group-by] [--chunk N] [--days N]
//                           [--runs N] [--warmup N] [--no-seed] [--today YYYY-MM-DD] [--explain-over MS]
//                           [--per-centre] [--no-window]
// --per-centre: the figures from the aggregates per centre, not the region rollups (Options::rollups = false).
// --no-window: the centres page from the aggregates, not migration 6's centres' window (Options::centre_window).
// Before timing, one aggregator step moves the window to --today with the demo catalogue's sensitive service
// (a no-op when it is there already).
// --days: how many days the records are spread over (default 730, two years; fewer days is a denser field).
// --no-seed measures a database seeded before (the same --records and --seed: the centres are taken from them).
// --explain-over MS logs EXPLAIN (ANALYZE, BUFFERS) of every figures statement slower than MS to the server's log
// (auto_explain). Prints key=value lines; exit 0, 1 if the aggregates differ from the facts, 2 on a usage error, 5 on PostgreSQL's error.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/exit_codes.hpp"
#include "upstream/bench/dashboard_aggregates.hpp"
#include "upstream/bench/field_seed.hpp"
#include "upstream/bench/page_timer.hpp"
#include "upstream/pg/aggregate.hpp"
#include "upstream/bench/pg_copy.hpp"
#include "upstream/dashboard/figures.hpp"

using namespace shubbak::upstream;
using namespace shubbak::upstream::bench;

namespace {

struct Args {
  std::string db, via = "aggregator", today;
  SeedPlan plan;
  int runs = 50, warmup = 5, explain_over_ms = -1;
  bool seed = true, per_centre = false, window = true;
};

// The demo catalogue's sensitive service (config/demo/catalog.conf), as the hub's dashboard reads it.
const std::vector<std::string> kSensitive = {"listening"};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(k + " needs a value");
      return argv[++i];
    };
    if (k == "--db") a.db = value();
    else if (k == "--records") a.plan.records = std::stoll(value());
    else if (k == "--seed") a.plan.seed = std::stoull(value());
    else if (k == "--via") a.via = value();
    else if (k == "--chunk") a.plan.chunk_records = std::stoll(value());
    else if (k == "--days") a.plan.days = std::stoi(value());
    else if (k == "--runs") a.runs = std::stoi(value());
    else if (k == "--warmup") a.warmup = std::stoi(value());
    else if (k == "--today") a.today = value();
    else if (k == "--explain-over") a.explain_over_ms = std::stoi(value());
    else if (k == "--no-seed") a.seed = false;
    else if (k == "--per-centre") a.per_centre = true;
    else if (k == "--no-window") a.window = false;
    else throw std::invalid_argument("unknown option " + k);
  }
  if (a.db.empty()) throw std::invalid_argument("--db URI is needed");
  if (a.via != "aggregator" && a.via != "group-by") throw std::invalid_argument("--via aggregator|group-by");
  if (a.plan.days < 1 || a.plan.records < 1 || a.plan.chunk_records < 1 || a.runs < 1 || a.warmup < 0)
    throw std::invalid_argument("--days, --records, --chunk, --runs need a positive number");
  return a;
}

// COPY every chunk, one transaction a chunk; each COPY into records queues its ids for the aggregator unless disabled.
void seed(const Args& a, pg::Connection& c) {
  FieldSeed gen(a.plan);
  seed_centres_and_health(c, gen.centres(), a.plan.seed);
  const bool queued = a.via == "aggregator";
  if (!queued) set_dashboard_queue(c, false);
  CopyConnection copy(a.db);
  copy.exec("SET synchronous_commit = off");  // a bench's seed, not the receivers' path
  SeedChunk chunk;
  long long records = 0;
  double make_s = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (;;) {
    const auto m0 = std::chrono::steady_clock::now();
    if (!gen.next(chunk)) break;
    make_s += seconds_since(m0);
    copy.exec("BEGIN");
    for (const SeedTable& t : kSeedTables) copy.copy(t.name, t.columns, chunk.*t.rows);
    copy.exec("COMMIT");
    records += chunk.record_count;
  }
  const double copy_s = seconds_since(t0) - make_s;
  const auto f0 = std::chrono::steady_clock::now();
  if (queued) {
    pg::aggregate_everything(c);  // what the receivers' aggregator does, all at once
  } else {
    fill_aggregates_by_group_by(c);
    set_dashboard_queue(c, true);
  }
  const double fill_s = seconds_since(f0);
  const auto v0 = std::chrono::steady_clock::now();
  c.exec_script("VACUUM ANALYZE");
  std::printf("seed via=%s records=%lld chunk=%lld copy_s=%.1f fill_s=%.1f records_per_s=%.0f generate_s=%.1f "
              "vacuum_analyze_s=%.1f\n",
              a.via.c_str(), records, a.plan.chunk_records, copy_s, fill_s, records / (copy_s + fill_s), make_s,
              seconds_since(v0));
}

// Every 50th centre, and the measured one.
std::vector<std::string> sample_of(const std::vector<SeedCentre>& centres, const std::string& measured) {
  std::vector<std::string> s = {measured};
  for (size_t i = 0; i < centres.size(); i += 50) s.push_back(centres[i].id);
  return s;
}

// The region's busiest centre.
std::string busiest(const std::vector<SeedCentre>& centres, const std::string& region) {
  const SeedCentre* best = nullptr;
  for (const SeedCentre& c : centres)
    if (c.region == region && (!best || c.weight > best->weight)) best = &c;
  return best ? best->id : centres.front().id;
}

void print_sizes(pg::Connection& c) {
  for (const char* t : {"records", "ticket_events", "registrations", "milestones", "appointment_events",
                        "referral_events", "agg_visits", "agg_visits_day", "agg_outcomes", "agg_waits",
                        "agg_appointments", "referral_states", "women_milestones", "agg_queue", "roll_visits",
                        "roll_waits", "roll_appointments", "roll_referrals", "roll_women", "win_waits",
                        "win_centres"})
    std::printf("rows %s=%s\n", t, c.exec(std::string("SELECT count(*) FROM ") + t).text(0, 0).c_str());
}

// A centres page's visits and waits as text, a line a row.
std::string centres_text(const dashboard::CentresPage& p) {
  std::string s;
  for (size_t i = 0; i < p.visits.rows.size(); ++i) s += p.visits.rows[i] + " " + p.visits.cells[i][0].text() + "\n";
  auto q = [](const std::optional<int>& m) { return m ? std::to_string(*m) : std::string("-"); };
  for (const dashboard::Waits& w : p.waits)
    s += w.count.text() + " " + q(w.median_minutes) + " " + q(w.p90_minutes) + "\n";
  return s;
}

// The centres page of the nation and of `region` from the centres' window equals the one summed from the
// aggregates: the scopes that differ.
std::vector<std::string> window_mismatches(pg::Connection& c, const Args& a, const std::string& region) {
  using namespace shubbak::upstream::dashboard;
  Options window{a.today, kSensitive}, summed{a.today, kSensitive};
  summed.centre_window = false;
  std::vector<std::string> bad;
  for (const auto& [name, s] : std::vector<std::pair<std::string, Scope>>{{"national", Scope::national()},
                                                                          {"region", Scope::region(region)}})
    if (centres_text(centres(c, s, window)) != centres_text(centres(c, s, summed))) bad.push_back(name);
  return bad;
}

// The figures calls of each page for each scope: the pages' cost until the pages exist.
std::vector<PageTiming> time_figures(const Args& a, pg::Connection& c, const std::string& region,
                                     const std::string& centre) {
  using namespace shubbak::upstream::dashboard;
  const Options o{a.today, kSensitive, !a.per_centre, a.window};
  const std::vector<std::pair<std::string, Scope>> scopes = {
      {"national", Scope::national()}, {"region", Scope::region(region)}, {"centre", Scope::centre(centre)}};
  std::vector<PageTiming> out;
  for (const auto& [name, s] : scopes) {
    out.push_back(time_page("overview_" + name, a.warmup, a.runs, [&] { overview(c, s, o); }));
    out.push_back(time_page("centres_" + name, a.warmup, a.runs, [&] { centres(c, s, o); }));
    out.push_back(time_page("centre_" + name, a.warmup, a.runs, [&] {
      if (!dashboard::centre(c, s, centre, o)) throw std::runtime_error("centre " + centre + " not in scope " + name);
    }));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  try {
    a = parse(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "shubbak-dashboard-bench: %s\n", e.what());
    return shubbak::exit_code::kUsage;
  }
  try {
    pg::Connection c(a.db);
    if (a.today.empty()) a.today = dashboard::today_in_morocco(c);
    a.plan.today = a.today;
    if (a.seed) seed(a, c);
    const auto w0 = std::chrono::steady_clock::now();
    pg::aggregate_everything(c, pg::CentreWindow{a.today, kSensitive});
    std::printf("window today=%s step_s=%.2f\n", a.today.c_str(), seconds_since(w0));
    const std::vector<SeedCentre> centres = seed_centres(a.plan);
    const std::string region = "07", centre = busiest(centres, region);
    print_sizes(c);
    std::vector<std::string> bad = aggregate_mismatches(c, sample_of(centres, centre));
    for (const std::string& w : window_mismatches(c, a, region)) bad.push_back("centres' window, " + w);
    for (const std::string& b : bad) std::printf("verify MISMATCH %s\n", b.c_str());
    std::printf("verify %s centres_sampled=%zu\n", bad.empty() ? "ok" : "FAILED", sample_of(centres, centre).size());
    if (a.explain_over_ms >= 0)
      c.exec_script("LOAD 'auto_explain'; SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on; "
                    "SET auto_explain.log_min_duration = " + std::to_string(a.explain_over_ms) + ";");
    std::printf("measured today=%s region=%s centre=%s warmup=%d\n", a.today.c_str(), region.c_str(), centre.c_str(),
                a.warmup);
    for (const PageTiming& t : time_figures(a, c, region, centre)) std::printf("page %s\n", timing_line(t).c_str());
    return bad.empty() ? shubbak::exit_code::kOk : shubbak::exit_code::kNotDone;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "shubbak-dashboard-bench: %s\n", e.what());
    return shubbak::exit_code::kUnexpected;
  }
}
