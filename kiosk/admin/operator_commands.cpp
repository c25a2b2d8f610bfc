#include "kiosk/admin/operator_commands.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "common/atomic_file.hpp"
#include "store/data_dir.hpp"
#include "store/seal.hpp"
#include "common/centre_settings.hpp"

namespace shubbak::admin {

namespace fs = std::filesystem;

namespace {

void problem(int& n, const std::string& where, const std::string& what, const std::string& fix) {
  std::printf("%s: %s\n    fix: %s\n", where.c_str(), what.c_str(), fix.c_str());
  ++n;
}

std::string read_all(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace

int config_check(const std::string& config_dir) {
  int n = 0;
  Settings s;
  try {
    s = Settings::load(config_dir + "/centre.conf");
  } catch (const ConfigError& e) {
    problem(n, e.what(), "centre.conf does not read", "correct that line (docs/configuration.md lists every key)");
    return 1;
  }
  std::printf("%s/centre.conf: reads (centre %s, kiosk %s)\n", config_dir.c_str(), s.centre_id.c_str(),
              s.kiosk_id.c_str());
  const std::string& cat = s.catalogue_file;
  try {
    Catalogue c = Catalogue::load(cat);
    std::printf("%s: reads (%zu services)\n", cat.c_str(), c.services().size());
  } catch (const ConfigError& e) {
    problem(n, e.what(), "the catalogue does not read", "correct that line, or `shubbak-admin catalog import` a good one");
  }
  const std::string conf = config_dir + "/centre.conf";
  const SyncSettings& y = s.sync;
  try {
    y.require_seal_key();
  } catch (const ConfigError& e) {
    problem(n, e.what(), "personal data cannot be sealed", "copy seal.pub from the ministry (shubbak-upstream keygen writes it)");
  }
  if (y.upstream.empty())
    problem(n, conf + ": [sync] upstream", "no upstream: records stay on this machine", "set upstream = https://...");
  auto file_ok = [&](const std::string& key, const std::string& value, bool secret) {
    if (value.empty()) return;
    const std::string& p = value;
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) {
      problem(n, conf + ": [sync] " + key, p + " does not exist", "put the file there or correct the path");
    } else if (secret && (st.st_mode & 077) != 0) {
      problem(n, conf + ": [sync] " + key, p + " can be read by other users",
              "chmod 600 " + p + " (and chown it to the shubbak user)");
    }
  };
  file_ok("ca_file", y.ca_file, false);
  file_ok("token_file", y.token_file, true);
  file_ok("client_cert", y.client_cert, false);
  file_ok("client_key", y.client_key, true);
  if (!y.upstream.empty() && y.token_file.empty())
    problem(n, conf + ": [sync] token_file", "missing", "the file holding this kiosk's token (mode 600)");
  if (!y.signing_public_key.empty())
    if (auto k = store::from_base64(y.signing_public_key); !k || k->size() != 32)
      problem(n, conf + ": [sync] signing_public_key", "not a 32-byte base64 key", "copy sign.pub from the ministry");
  if (!s.printer_device.empty() && ::access(s.printer_device.c_str(), W_OK) != 0)
    problem(n, conf + ": [printer] device", s.printer_device + " cannot be written",
            "plug the printer in, or add the shubbak user to the lp group");
  std::printf(n ? "%d problem(s)\n" : "configuration ok\n", n);
  return n ? 1 : 0;
}

int catalog_check(const std::string& file) {
  try {
    Catalogue c = Catalogue::load(file);
    std::printf("%s: reads (%zu services)\n", file.c_str(), c.services().size());
    return 0;
  } catch (const ConfigError& e) {
    std::printf("%s\n    fix: correct that line (docs/configuration.md, catalog.conf)\n", e.what());
    return 1;
  }
}

int catalog_import(const std::string& config_dir, const std::string& file) {
  if (catalog_check(file) != 0) {
    std::printf("not imported: the centre keeps its catalogue\n");
    return 1;
  }
  Settings s = Settings::load(config_dir + "/centre.conf");
  const std::string& target = s.catalogue_file;
  if (std::string why = replace_file(target, read_all(file)); !why.empty()) {
    std::printf("%s: the centre keeps its catalogue\n", why.c_str());
    return 1;
  }
  std::printf("%s is now the catalogue (the kiosk shows it from the next visitor)\n", target.c_str());
  return 0;
}

int keys_show(const std::string& config_dir) {
  Settings s = Settings::load(config_dir + "/centre.conf");
  const SyncSettings& y = s.sync;
  std::printf("centre id            %s\nkiosk id             %s\n", s.centre_id.c_str(), s.kiosk_id.c_str());
  std::printf("upstream             %s\n", y.upstream.empty() ? "(none)" : y.upstream.c_str());
  std::printf("upstream seal key    %s\n", y.seal_public_key.c_str());
  std::printf("catalogue signer     %s\n", y.signing_public_key.empty() ? "(none)" : y.signing_public_key.c_str());
  std::printf("server key pins      %s\n", y.pins.empty() ? "(none: the CA file alone)" : y.pins.c_str());
  if (!y.client_cert.empty()) {
    std::string pin = "(cannot read " + y.client_cert + ")";
    if (FILE* f = std::fopen(y.client_cert.c_str(), "r")) {
      if (X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr)) {
        EVP_PKEY* key = X509_get0_pubkey(cert);
        unsigned char* der = nullptr;
        int len = key ? i2d_PUBKEY(key, &der) : -1;
        if (len > 0) {
          unsigned char h[crypto_hash_sha256_BYTES];
          crypto_hash_sha256(h, der, static_cast<unsigned long long>(len));
          pin = "sha256//" + store::to_base64(store::Bytes(h, h + sizeof h));
          OPENSSL_free(der);
        }
        X509_free(cert);
      }
      std::fclose(f);
    }
    std::printf("client key pin       %s\n", pin.c_str());
  }
  if (!y.token_file.empty()) {
    std::string t = read_all(y.token_file);
    while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(t.data()), t.size());
    char hex[17];
    for (int i = 0; i < 8; ++i) std::snprintf(hex + 2 * i, 3, "%02x", h[i]);
    std::printf("token fingerprint    %s (sha256, first 8 bytes; the token itself stays here)\n", hex);
  }
  return 0;
}

int backup(const std::string& data_dir, const std::string& file) {
  store::Database db = store::open_store(data_dir);
  fs::remove(file);
  sqlite3* dest = nullptr;
  if (sqlite3_open_v2(file.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::printf("cannot write %s: %s\n", file.c_str(), dest ? sqlite3_errmsg(dest) : "out of memory");
    sqlite3_close(dest);
    return 1;
  }
  ::chmod(file.c_str(), 0600);  // it holds the same personal data as the store
  sqlite3_backup* b = sqlite3_backup_init(dest, "main", db.handle(), "main");
  int rc = SQLITE_OK;
  if (b) {
    // Small steps: the kiosk and the sync daemon keep writing meanwhile; a busy step is simply retried.
    do {
      rc = sqlite3_backup_step(b, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
  }
  bool ok = b && rc == SQLITE_DONE;
  std::string check;
  if (ok) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(dest, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
      check = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
  }
  sqlite3_close(dest);
  if (!ok || check != "ok") {
    std::printf("the backup failed (%s): try again\n", ok ? check.c_str() : sqlite3_errstr(rc));
    return 1;
  }
  std::printf("backup written to %s (mode 600, checked: ok). It holds personal data: keep it like the store.\n",
              file.c_str());
  return 0;
}

}  // namespace shubbak::admin
