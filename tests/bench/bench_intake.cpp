// RecordOpener::open per record, as a receiver does for each record of a batch (one opener per batch, so one
// X25519 agreement per kiosk ephemeral key). Formats 2 (identity re-sealed at the receiver: one crypto_box_seal
// per registration) and 3 (identity passed through).
#include <benchmark/benchmark.h>

#include <vector>

#include "intake_support.hpp"
#include "store/identity.hpp"

using namespace shubbak;
using namespace shubbak::testing;
using namespace shubbak::upstream::intake;

namespace {

std::vector<IncomingRecord> records(const IntakeKeys& keys, bool format3, int n) {
  store::Sealer s(store::to_base64(keys.seal.public_key), format3 ? 3 : 2);
  std::vector<IncomingRecord> out;
  for (int i = 0; i < n; ++i) {
    nlohmann::json r = canary_registration_v2();
    if (format3) {
      r.erase("visitor");
      r["age_band"] = "35-44";
      r["commune"] = "Anfa";
      r["contact"] = "sms";
      r["person_key"] = store::person_key(keys.national, "AB123456", "", "");
      r["identity"] = store::to_base64(store::seal_identity(R"({"name":"x","phone":"","cin":"","birth_year":""})",
                                                            keys.registry.public_key));
    }
    out.push_back(incoming("registration", s.seal(r.dump())));
  }
  return out;
}

void BM_OpenRegistration(benchmark::State& state) {
  IntakeKeys keys;
  ReceiverKeys rk = keys.receiver();
  Batch batch = batch_of();
  auto recs = records(keys, state.range(0) == 3, 500);
  for (auto _ : state) {
    RecordOpener opener(rk);  // one per batch
    for (const auto& in : recs) benchmark::DoNotOptimize(opener.open(in, batch));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(recs.size()));
}
BENCHMARK(BM_OpenRegistration)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
