// shubbak-admin: the operator's command line.
//   shubbak-admin --data DIR --config DIR init | status [--json] | seed --registrations N
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/exit_codes.hpp"
#include "common/config_file.hpp"
#include "store/data_dir.hpp"
#include "kiosk/store/counter_store.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/store/staff_store.hpp"
#include "common/install_paths.hpp"
#include "common/log.hpp"
#include "kiosk/admin/accompaniment_report.hpp"
#include "kiosk/admin/desk_cert.hpp"
#include "kiosk/admin/operator_commands.hpp"
#include "store/outbox.hpp"
#include "store/privacy.hpp"
#include "store/schema.hpp"
#include "common/centre_settings.hpp"
#include "kiosk/core/validators.hpp"
#include "kiosk/core/voice.hpp"
#include "common/i18n.hpp"
#include "common/languages.hpp"

namespace {

using namespace shubbak;

const char* kUsage =
    "usage: shubbak-admin --data DIR --config DIR COMMAND\n"
    "commands:\n"
    "  init                      create the data folder and its database (safe to run again)\n"
    "  status [--json]           schema, outbox counts, tickets issued today\n"
    "  seed --registrations N    make N synthetic registrations (tests and benchmarks)\n"
    "  staff add LOGIN \"DISPLAY NAME\" [--services a,b] | staff remove LOGIN | staff reset-pin LOGIN\n"
    "                            staff accounts; the PIN (4 to 8 digits) is read from standard input;\n"
    "                            --services: the catalogue's services she works for (only their staff\n"
    "                            read the notes of a sensitive service)\n"
    "  staff services LOGIN a,b  change her services (\"\" for none)\n"
    "  staff list                the accounts and their services\n"
    "  report [--day YYYY-MM-DD] [--csv]\n"
    "                            a day's figures per service (default: today in the centre's time zone),\n"
    "                            appointments, referrals and milestones: counts only, no personal data\n"
    "  config check              every problem in the configuration folder, with file, line and fix\n"
    "  catalog check FILE        read a catalogue file and say what is wrong\n"
    "  catalog import FILE       check it, then make it the centre's catalogue (atomically)\n"
    "  keys show                 ids, keys and pins to give the ministry (nothing secret)\n"
    "  backup FILE               an online copy of the store (safe while running), mode 600\n"
    "  purge                     purge the clear-text details of visitors whose day is over (plus\n"
    "                            [sync] details_kept_days) and whose sealed copy is sent; hashes stay\n"
    "  audio-report [--assets DIR] [--voices DIR]\n"
    "                            which spoken prompts have a clip in each language (recorded or synthetic)\n"
    "  audio-synthesise --out DIR [--assets DIR]\n"
    "                            synthesise ar and fr clips with espeak-ng (done at build time)\n"
    "  desk-cert [--host NAME] [--ip ADDR]... [--renew]\n"
    "                            the centre's CA (made once) and shubbak-desk's HTTPS certificate in\n"
    "                            CONFIG/desk/ (default: this PC's host name and addresses; docs/desk.md)\n";

struct Args {
  std::string data = "data", config = "config/demo", assets = installed_or("assets", SHUBBAK_ASSETS_DIR),
              voices = installed_or("voice", SHUBBAK_VOICE_DIR), out;
  std::vector<std::string> rest;
};

[[noreturn]] void usage_error(const std::string& msg) {
  std::fprintf(stderr, "shubbak-admin: %s\n%s", msg.c_str(), kUsage);
  std::exit(exit_code::kUsage);
}

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    if ((s == "--data" || s == "--config") && i + 1 >= argc) usage_error(s + " needs a value");
    if ((s == "--assets" || s == "--voices" || s == "--out") && i + 1 >= argc) usage_error(s + " needs a value");
    if (s == "--data") a.data = argv[++i];
    else if (s == "--config") a.config = argv[++i];
    else if (s == "--assets") a.assets = argv[++i];
    else if (s == "--voices") a.voices = argv[++i];
    else if (s == "--out") a.out = argv[++i];
    else if (s == "--help" || s == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else a.rest.push_back(s);
  }
  if (a.rest.empty()) usage_error("no command given");
  return a;
}

int cmd_init(const Args& a) {
  store::Database db = store::open_store(a.data);
  std::printf("data folder %s ready (schema %lld)\n", a.data.c_str(),
              static_cast<long long>(db.scalar("PRAGMA user_version")));
  return 0;
}

int cmd_status(const Args& a, bool as_json) {
  CentreConfig cfg = CentreConfig::load(a.config);
  store::Database db = store::open_store(a.data);
  store::OutboxCounts c = store::outbox_counts(db);
  // Read-only figures: no sealing key needed (status works on a kiosk not yet provisioned).
  auto count_today = db.prepare("SELECT count(*) FROM tickets WHERE day=?");
  count_today.bind(1, local_day(std::chrono::system_clock::now(), cfg.settings.zone));  // the centre's day
  count_today.step();
  const int today = static_cast<int>(count_today.integer(0));
  int64_t schema = db.scalar("PRAGMA user_version");
  auto sst = db.prepare("SELECT coalesce(last_success_at,''), coalesce(last_error_kind,''), coalesce(last_error,''),"
                        " coalesce(next_attempt_at,''), consecutive_failures FROM sync_status");
  sst.step();
  const std::string last_success = sst.text(0), error_kind = sst.text(1), error = sst.text(2), next = sst.text(3);
  const int64_t failures = sst.integer(4);
  nlohmann::json quarantined = nlohmann::json::array();
  auto q = db.prepare("SELECT id, kind, coalesce(last_error,'') FROM outbox WHERE state='quarantined' ORDER BY seq");
  while (q.step()) quarantined.push_back({{"id", q.text(0)}, {"kind", q.text(1)}, {"reason", q.text(2)}});
  // Messages to her phone (issue 18): how many wait (queued or in gammu's outbox), went, failed.
  std::map<std::string, int64_t> sms{{"queued", 0}, {"spooled", 0}, {"sent", 0}, {"failed", 0}, {"cancelled", 0}};
  auto sq = db.prepare("SELECT state, count(*) FROM sms_queue GROUP BY state");
  while (sq.step()) sms[sq.text(0)] = sq.integer(1);
  if (as_json) {
    nlohmann::json j = {{"schema", schema},
                        {"centre_id", cfg.settings.centre_id},
                        {"kiosk_id", cfg.settings.kiosk_id},
                        {"outbox",
                         {{"pending", c.pending}, {"in_flight", c.in_flight}, {"sent", c.sent},
                          {"quarantined", c.quarantined}}},
                        {"tickets_today", today},
                        {"sms", sms},
                        {"sync",
                         {{"last_success_at", last_success.empty() ? nlohmann::json() : nlohmann::json(last_success)},
                          {"last_error_kind", error_kind.empty() ? nlohmann::json() : nlohmann::json(error_kind)},
                          {"last_error", error.empty() ? nlohmann::json() : nlohmann::json(error)},
                          {"next_attempt_at", next.empty() ? nlohmann::json() : nlohmann::json(next)},
                          {"consecutive_failures", failures},
                          {"quarantined", quarantined}}}};
    std::printf("%s\n", j.dump().c_str());
  } else {
    std::printf("Centre %s, kiosk %s\n", cfg.settings.centre_id.c_str(), cfg.settings.kiosk_id.c_str());
    std::printf("Database schema %lld\n", static_cast<long long>(schema));
    std::printf("Tickets issued today: %d\n", today);
    std::printf("Records waiting to be sent: %lld (being sent: %lld), sent: %lld, set aside: %lld\n",
                static_cast<long long>(c.pending), static_cast<long long>(c.in_flight),
                static_cast<long long>(c.sent), static_cast<long long>(c.quarantined));
    std::printf("Last successful send: %s\n", last_success.empty() ? "never" : last_success.c_str());
    std::printf("SMS waiting: %lld (in gammu's outbox: %lld), sent: %lld, failed: %lld\n",
                static_cast<long long>(sms["queued"]), static_cast<long long>(sms["spooled"]),
                static_cast<long long>(sms["sent"]), static_cast<long long>(sms["failed"]));
    if (!error.empty())
      std::printf("Last problem (%lld attempts in a row): %s\nNext attempt: %s\n", static_cast<long long>(failures),
                  error.c_str(), next.empty() ? "when a person has fixed it" : next.c_str());
    for (const auto& a : quarantined)
      std::printf("Set aside: %s record %s: %s\n", a["kind"].get<std::string>().c_str(),
                  a["id"].get<std::string>().c_str(), a["reason"].get<std::string>().c_str());
  }
  return 0;
}

int cmd_purge(const Args& a) {
  CentreConfig cfg = CentreConfig::load(a.config);
  store::Database db = store::open_store(a.data);
  auto now = std::chrono::system_clock::now();
  // The end of the day is the centre's midnight.
  store::PurgeResult r =
      store::purge_personal_details(db, now, cfg.settings.sync.details_kept_days, cfg.settings.zone);
  StaffStore(db).audit("admin", "purge", "", std::to_string(r.visitors) + " visitors, " + std::to_string(r.notes) +
                                                 " notes", now);
  std::printf("purged the details of %lld visitors and %lld staff notes\n", static_cast<long long>(r.visitors),
              static_cast<long long>(r.notes));
  if (r.ticket_phones)  // numbers typed for one ticket alone whose day is over (docs/sms.md)
    std::printf("forgot %lld numbers typed for a ticket of an earlier day\n", static_cast<long long>(r.ticket_phones));
  if (r.waiting_send)
    std::printf("kept %lld visitors whose records are not sent yet (they go once shubbak-sync delivers them)\n",
                static_cast<long long>(r.waiting_send));
  if ((r.visitors || r.notes) && !r.checkpointed)
    std::printf("the journal could not be emptied now (another program is reading): it will be on the next purge\n");
  return 0;
}

int cmd_seed(const Args& a, long n) {
  CentreConfig cfg = CentreConfig::load(a.config);
  store::Database db = store::open_store(a.data);
  KioskStore ks(db, cfg.catalogue, cfg.settings);
  const auto& services = cfg.catalogue.services();
  for (long i = 0; i < n; ++i) {
    const Service& s = services[i % services.size()];
    char phone[16], cin[16];
    std::snprintf(phone, sizeof phone, "06%08ld", 10000000 + i % 90000000);
    std::snprintf(cin, sizeof cin, "ZZ%06ld", i % 1000000);
    // Through the same checks and the same store path as the kiosk.
    PhoneCheck p = check_mobile(phone);
    CinCheck c = check_cin(cin);
    IssueRequest req;
    req.service_id = s.id;
    req.new_visitor = VisitorDetails{"Synthetic Visitor " + std::to_string(i), p.normalized, c.normalized,
                                     "1990", "Hay Hassani", ContactPreference::Sms};
    ks.issue(req, std::chrono::system_clock::now());
  }
  std::printf("made %ld synthetic registrations\n", n);
  return 0;
}

std::string read_pin() {
  std::string pin;
  std::getline(std::cin, pin);
  while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' ')) pin.pop_back();
  return pin;
}

// "--services a,b" after LOGIN and DISPLAY NAME, checked against the catalogue before anything is written.
std::vector<std::string> services_arg(const Args& a, size_t from) {
  if (a.rest.size() == from) return {};
  if (a.rest.size() != from + 2 || a.rest[from] != "--services")
    usage_error("usage: staff add LOGIN \"DISPLAY NAME\" [--services a,b]");
  return split_services(a.rest[from + 1]);
}

void check_services(const Args& a, const std::vector<std::string>& services) {
  if (services.empty()) return;
  StaffStore::check_services(services, CentreConfig::load(a.config).catalogue);
}

int cmd_staff_list(StaffStore& staff) {
  std::printf("%-16s %-24s %-8s %s\n", "login", "name", "state", "services");
  for (const auto& m : staff.list()) {
    std::string services = join_services(m.services);
    std::printf("%-16s %-24s %-8s %s\n", m.login.c_str(), m.display_name.c_str(),
                !m.active ? "removed" : m.locked_until.empty() ? "active" : "locked",
                services.empty() ? "(none)" : services.c_str());
  }
  return 0;
}

int cmd_staff(const Args& a) {
  store::Database db = store::open_store(a.data);
  StaffStore staff(db);
  const auto now = std::chrono::system_clock::now();
  const std::string& what = a.rest.size() > 1 ? a.rest[1] : "";
  try {
    if (what == "add" && (a.rest.size() == 4 || a.rest.size() == 6)) {
      auto services = services_arg(a, 4);
      check_services(a, services);
      staff.add(a.rest[2], a.rest[3], read_pin(), now, services);
      std::printf("staff member %s added\n", a.rest[2].c_str());
    } else if (what == "services" && a.rest.size() == 4) {
      auto services = split_services(a.rest[3]);
      check_services(a, services);
      staff.set_services(a.rest[2], services, now);
      std::printf("services of %s: %s\n", a.rest[2].c_str(), services.empty() ? "(none)" : join_services(services).c_str());
    } else if (what == "list" && a.rest.size() == 2) {
      return cmd_staff_list(staff);
    } else if (what == "remove" && a.rest.size() == 3) {
      staff.remove(a.rest[2], now);
      std::printf("staff member %s removed (history kept)\n", a.rest[2].c_str());
    } else if (what == "reset-pin" && a.rest.size() == 3) {
      staff.reset_pin(a.rest[2], read_pin(), now);
      std::printf("PIN of %s reset; the account is unlocked\n", a.rest[2].c_str());
    } else {
      usage_error("usage: staff add LOGIN \"DISPLAY NAME\" [--services a,b] | staff services LOGIN a,b | staff list"
                  " | staff remove LOGIN | staff reset-pin LOGIN");
    }
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "shubbak-admin: %s\n", e.what());
    return exit_code::kUsage;
  }
  return 0;
}

int cmd_report(const Args& a) {
  std::string day;
  bool csv = false;
  for (size_t i = 1; i < a.rest.size(); ++i) {
    if (a.rest[i] == "--csv") csv = true;
    else if (a.rest[i] == "--day" && i + 1 < a.rest.size()) day = a.rest[++i];
    else usage_error("usage: report [--day YYYY-MM-DD] [--csv]");
  }
  CentreConfig cfg = CentreConfig::load(a.config);
  if (day.empty()) day = local_day(std::chrono::system_clock::now(), cfg.settings.zone);  // the centre's today
  TimePoint probe{};
  if (day.size() != 10 || !parse_rfc3339_utc(day + "T00:00:00Z", probe)) usage_error("--day must look like 2026-11-29");
  store::Database db = store::open_store(a.data);
  CounterStore counter(db, cfg.catalogue, cfg.settings);
  auto figs = counter.figures(day);
  auto acc = admin::accompaniment_counts(db, day, cfg.settings.zone);
  StaffStore(db).audit("admin", "report", day, csv ? "csv" : "text", std::chrono::system_clock::now());
  std::vector<std::string> outcome_ids;
  for (const auto& o : cfg.catalogue.outcomes()) outcome_ids.push_back(o.id);
  if (csv) {
    std::printf("day,service,tickets,served,no_shows,waiting,median_wait_min,p90_wait_min");
    for (const auto& o : outcome_ids) std::printf(",%s", o.c_str());
    std::printf("%s\n", admin::accompaniment_csv_header().c_str());
    for (const auto& f : figs) {
      std::printf("%s,%s,%d,%d,%d,%d,%.1f,%.1f", day.c_str(), f.service_id.c_str(), f.tickets, f.served, f.no_shows,
                  f.waiting, f.median_wait_minutes, f.p90_wait_minutes);
      for (const auto& o : outcome_ids) std::printf(",%d", f.outcomes.count(o) ? f.outcomes.at(o) : 0);
      std::printf("%s\n", admin::accompaniment_csv_values(acc[f.service_id]).c_str());
    }
  } else {
    std::printf("%s — %s\n", cfg.settings.centre_name.at("fr").c_str(), day.c_str());
    std::printf("%-12s %7s %7s %8s %7s %11s %9s\n", "service", "tickets", "served", "no-shows", "waiting",
                "median wait", "90% wait");
    for (const auto& f : figs) {
      std::printf("%-12s %7d %7d %8d %7d %9.0f m %7.0f m\n", f.service_id.c_str(), f.tickets, f.served, f.no_shows,
                  f.waiting, f.median_wait_minutes, f.p90_wait_minutes);
      for (const auto& [o, n] : f.outcomes) std::printf("%-12s   %s: %d\n", "", o.c_str(), n);
    }
    std::fputs(admin::accompaniment_text(acc[""]).c_str(), stdout);
  }
  return 0;
}

// Languages espeak-ng can speak; Tamazight has no voice there (recorded clips only).
const std::map<std::string, std::string> kEspeakVoices = {{"ar", "ar"}, {"fr", "fr"}};

bool file_exists(const std::string& p) { return ::access(p.c_str(), R_OK) == 0; }

int cmd_audio_synthesise(const Args& a) {
  if (a.out.empty()) usage_error("audio-synthesise needs --out DIR");
  CentreConfig cfg = CentreConfig::load(a.config);
  Translations tr = Translations::load(a.assets + "/i18n");
  nlohmann::json manifest = {{"generator", "espeak-ng"},
                             {"note", "synthetic voices; a recorded clip in assets/audio/<lang>/<key>.wav wins"},
                             {"clips", nlohmann::json::object()}};
  int made = 0;
  for (const auto& [lang, voice] : kEspeakVoices) {
    std::filesystem::create_directories(a.out + "/" + lang);
    for (const auto& [key, text] : spoken_texts(tr, cfg.catalogue, lang)) {
      std::string path = a.out + "/" + lang + "/" + key + ".wav";
      // No shell: the text is one argument.
      const char* argv[] = {"espeak-ng", "-v", voice.c_str(), "-s", "140", "-w", path.c_str(), text.c_str(), nullptr};
      pid_t pid;
      if (posix_spawnp(&pid, "espeak-ng", nullptr, nullptr, const_cast<char* const*>(argv), environ) != 0)
        throw std::runtime_error("espeak-ng is not installed (scripts/setup installs it)");
      int status = 0;
      waitpid(pid, &status, 0);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("espeak-ng failed for " + key);
      manifest["clips"][lang + "/" + key + ".wav"] = {{"synthetic", true}, {"text", text}};
      ++made;
    }
  }
  std::ofstream(a.out + "/manifest.json") << manifest.dump(1) << "\n";
  std::printf("synthesised %d clips into %s\n", made, a.out.c_str());
  return 0;
}

int cmd_audio_report(const Args& a) {
  CentreConfig cfg = CentreConfig::load(a.config);
  Translations tr = Translations::load(a.assets + "/i18n");
  int missing = 0;
  for (const auto& l : languages()) {
    int recorded = 0, synthetic = 0;
    std::vector<std::string> absent;
    for (const auto& [key, text] : spoken_texts(tr, cfg.catalogue, l.code)) {
      if (file_exists(a.assets + "/audio/" + l.code + "/" + key + ".wav")) ++recorded;
      else if (file_exists(a.voices + "/" + l.code + "/" + key + ".wav")) ++synthetic;
      else absent.push_back(key);
    }
    std::printf("%s: %d recorded, %d synthetic, %zu missing\n", l.code.c_str(), recorded, synthetic, absent.size());
    for (const auto& k : absent) std::printf("  missing %s/%s.wav\n", l.code.c_str(), k.c_str());
    missing += static_cast<int>(absent.size());
  }
  if (missing) std::printf("Record the missing clips as assets/audio/<lang>/<key>.wav (WAV, mono); until then the "
                           "listen button is hidden where a clip is missing.\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  log::set_program("shubbak-admin");
  Args a = parse(argc, argv);
  const std::string& cmd = a.rest[0];
  try {
    if (cmd == "init" && a.rest.size() == 1) return cmd_init(a);
    if (cmd == "status" && a.rest.size() <= 2) {
      bool as_json = a.rest.size() == 2 && a.rest[1] == "--json";
      if (a.rest.size() == 2 && !as_json) usage_error("status takes only --json");
      return cmd_status(a, as_json);
    }
    if (cmd == "staff") return cmd_staff(a);
    if (cmd == "report") return cmd_report(a);
    if (cmd == "purge" && a.rest.size() == 1) return cmd_purge(a);
    if (cmd == "config" && a.rest.size() == 2 && a.rest[1] == "check") return admin::config_check(a.config);
    if (cmd == "catalog" && a.rest.size() == 3 && a.rest[1] == "check") return admin::catalog_check(a.rest[2]);
    if (cmd == "catalog" && a.rest.size() == 3 && a.rest[1] == "import")
      return admin::catalog_import(a.config, a.rest[2]);
    if (cmd == "keys" && a.rest.size() == 2 && a.rest[1] == "show") return admin::keys_show(a.config);
    if (cmd == "backup" && a.rest.size() == 2) return admin::backup(a.data, a.rest[1]);
    if (cmd == "audio-synthesise" && a.rest.size() == 1) return cmd_audio_synthesise(a);
    if (cmd == "audio-report" && a.rest.size() == 1) return cmd_audio_report(a);
    if (cmd == "desk-cert") return admin::desk_cert(a.config, {a.rest.begin() + 1, a.rest.end()});
    if (cmd == "seed") {
      if (a.rest.size() != 3 || a.rest[1] != "--registrations") usage_error("usage: seed --registrations N");
      char* end = nullptr;
      long n = std::strtol(a.rest[2].c_str(), &end, 10);
      if (*end != 0 || n < 1 || n > 10000000) usage_error("N must be a number from 1 to 10000000");
      return cmd_seed(a, n);
    }
    usage_error("unknown command '" + cmd + "'");
  } catch (const ConfigError& e) {
    log::error(std::string("configuration error: ") + e.what());
    return exit_code::kConfig;
  } catch (const store::StoreError& e) {
    log::error(std::string("data store error (") + store::fault_name(e.fault) + "): " + e.what());
    return exit_code::kStore;
  } catch (const std::exception& e) {
    log::error(std::string("unexpected error: ") + e.what());
    return exit_code::kUnexpected;
  }
}
