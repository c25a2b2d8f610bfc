// The national side of a test, brought up by scripts/hub (the one way: the demo and the benchmark use it too): a
// private PostgreSQL cluster, keys, test certificates, receivers and nginx with TLS, all in a test's folder.
#pragma once
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace shubbak::testing {

namespace fs = std::filesystem;

class Hub {
 public:
  // scripts/hub up DIR --receivers N EXTRA...; throws with the hub's words if it fails.
  static Hub up(const fs::path& dir, int receivers = 1, const std::vector<std::string>& extra = {});
  Hub(Hub&& o) noexcept;
  Hub(const Hub&) = delete;
  ~Hub();  // scripts/hub down

  fs::path dir;
  std::string url, ca_file, seal_public_key, registry_public_key, signing_public_key, national_key_file, keys,
      registry_key_file, db, standby_db;
  std::vector<std::string> receivers;  // "unix:/…/receiver.I.sock", I from 1

  static constexpr const char* kCentre = "MA-CAS-HAYHASSANI-01";  // the demo centre's id (config/demo)
  // A new bearer token for a kiosk of a centre.
  std::string token(const std::string& kiosk, const std::string& centre = kCentre) const;
  // psql -tA -c SQL on the hub's database (db, or another connection string); stdout; throws on failure.
  std::string psql(const std::string& sql, const std::string& conninfo = "") const;
  // One number from SQL.
  long long count(const std::string& sql) const;
  pid_t receiver_pid(int i) const;
  void restart_receiver(int i) const;
  // scripts/hub ARGS... with this hub's DIR as the second word (e.g. {"pg_ctl", "restart", "-m", "immediate"}).
  int hub(const std::vector<std::string>& args) const;

 private:
  Hub() = default;
  bool owner_ = true;
};

// A centre.conf in `cfg` (a copy of config/demo) whose [sync] points at the hub through nginx, with a token for
// `kiosk`; `format3` adds the registry key and national key file (record format 3).
void make_hub_sync_config(const fs::path& cfg, const Hub& hub, const std::string& kiosk = "kiosk-01",
                          bool format3 = false, const std::string& extra = "");

// One HTTP/1.1 request over a receiver's unix socket (straight to it, not through nginx); status and body.
struct RawAnswer {
  int status = 0;
  std::string body;
};
RawAnswer post_unix(const std::string& socket_spec, const std::string& path,
                    const std::vector<std::string>& headers, const std::string& body);

}  // namespace shubbak::testing
