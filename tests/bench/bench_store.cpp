// In-process timings (Google Benchmark), each beside its baseline in the same run:
//  - a durable registration (visitor + registration + ticket + 2 sealed outbox rows, one transaction,
//    synchronous=FULL, through the real KioskStore) against a bare SQLite insert of five rows of the same sizes
//    with the same pragmas;
//  - the sealed size of a typical registration.
// The data folder is DIR from $SHUBBAK_BENCH_DIR (default /var/tmp): the disk the kiosk uses, not tmpfs.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "store/data_dir.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "store/seal.hpp"
#include "common/centre_settings.hpp"
#include "store/uuid.hpp"

using namespace shubbak;
namespace fs = std::filesystem;

namespace {

fs::path bench_dir(const char* name) {
  const char* base = std::getenv("SHUBBAK_BENCH_DIR");
  fs::path p = fs::path(base ? base : "/var/tmp") / (std::string("shubbak-bench-") + name + "-" + store::new_uuid_v4());
  fs::create_directories(p);
  return p;
}

CentreConfig& config() {
  static CentreConfig cfg = [] {
    CentreConfig c = CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
    c.settings.sync.seal_public_key = store::to_base64(store::make_seal_keypair().public_key);
    return c;
  }();
  return cfg;
}

IssueRequest typical(int64_t i) {
  char phone[16];
  std::snprintf(phone, sizeof phone, "06%08lld", static_cast<long long>(i % 100000000));
  return {"jisr", VisitorDetails{"Fatima Zahra El Idrissi", phone, "BK123456", "1990", "Hay Mohammadi", ContactPreference::Sms}, "", false};
}

void BM_DurableRegistration(benchmark::State& state) {
  fs::path dir = bench_dir("durable");
  {
    store::Database db = store::open_store(dir.string());
    KioskStore ks(db, config().catalogue, config().settings);
    int64_t i = 0;
    for (auto _ : state) ks.issue(typical(i++), std::chrono::system_clock::now());
    state.counters["sealed_registration_bytes"] =
        static_cast<double>(db.scalar("SELECT avg(payload_size) FROM outbox WHERE kind='registration'"));
    state.counters["sealed_ticket_event_bytes"] =
        static_cast<double>(db.scalar("SELECT avg(payload_size) FROM outbox WHERE kind='ticket_event'"));
  }
  fs::remove_all(dir);
}

// The same five rows' sizes (measured from a durable registration), one transaction, same connection settings.
void BM_BareInsert(benchmark::State& state) {
  fs::path dir = bench_dir("bare");
  {
    store::Database db = store::Database::open((dir / "bare.db").string());
    db.exec("CREATE TABLE rows(id TEXT PRIMARY KEY, kind TEXT, body BLOB)");
    // visitor (with two 32-byte hashes), registration, ticket, sealed registration, sealed ticket event
    const std::vector<size_t> sizes = {180, 150, 260, 330, 250};
    std::vector<std::vector<uint8_t>> bodies;
    for (size_t s : sizes) bodies.emplace_back(s, 0x5a);
    for (auto _ : state) {
      db.transaction([&] {
        auto st = db.prepare("INSERT INTO rows(id, kind, body) VALUES(?,?,?)");
        for (const auto& b : bodies) {
          st.bind(1, store::new_uuid_v4()).bind(2, "row").bind_blob(3, b);
          st.run();
          st.reset();
        }
      });
    }
  }
  fs::remove_all(dir);
}

}  // namespace

BENCHMARK(BM_DurableRegistration)->Unit(benchmark::kMicrosecond)->Iterations(300);
BENCHMARK(BM_BareInsert)->Unit(benchmark::kMicrosecond)->Iterations(300);
BENCHMARK_MAIN();
