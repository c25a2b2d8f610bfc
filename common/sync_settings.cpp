#include "common/sync_settings.hpp"

namespace shubbak {

// registry_public_key and national_key_file: both (format 3) or neither (format 2).
static void read_format3_keys(const ConfigDocument& doc, const SectionReader& r, SyncSettings& s) {
  s.registry_public_key = r.text_or("registry_public_key", "");
  std::string file = r.text_or("national_key_file", "");
  if (!s.registry_public_key.empty() && !is_base64_key32(s.registry_public_key))
    r.fail("registry_public_key", "not a registry key: 32 bytes in base64 (44 characters ending in '='), as "
                                  "shubbak-upstream keygen writes it in registry.pub");
  if (s.registry_public_key.empty() != file.empty())
    r.fail(file.empty() ? "registry_public_key" : "national_key_file",
           "registry_public_key and national_key_file go together: give both (identities sealed at the kiosk, "
           "format 3) or neither");
  s.national_key_file = doc.resolve(file);
  s.registry_key_where = {doc.file(), r.line_of("registry_public_key")};
  s.national_key_where = {doc.file(), r.line_of("national_key_file")};
}

SyncSettings SyncSettings::from_section(const ConfigDocument& doc, const ConfigSection& sec) {
  SectionReader r(doc, sec);
  r.only_keys({"seal_public_key", "upstream", "ca_file", "pins", "token_file", "client_cert", "client_key",
               "signing_public_key", "interval_seconds", "batch_max_records", "batch_max_kib", "backoff_cap_seconds",
               "retention_days", "details_kept_days", "connect_timeout_seconds", "low_speed_seconds", "registry_public_key",
               "national_key_file"});
  SyncSettings s;
  s.seal_public_key = r.text("seal_public_key");
  s.seal_key_where = {doc.file(), r.line_of("seal_public_key")};
  s.upstream = r.text_or("upstream", "");
  if (!s.upstream.empty() && s.upstream.rfind("https://", 0) != 0)
    r.fail("upstream", "'" + s.upstream + "' must start with https:// (records never travel unencrypted)");
  while (!s.upstream.empty() && s.upstream.back() == '/') s.upstream.pop_back();
  s.ca_file = doc.resolve(r.text_or("ca_file", ""));
  s.pins = r.text_or("pins", "");
  s.token_file = doc.resolve(r.text_or("token_file", ""));
  s.client_cert = doc.resolve(r.text_or("client_cert", ""));
  s.client_key = doc.resolve(r.text_or("client_key", ""));
  if (s.client_cert.empty() != s.client_key.empty())
    r.fail(s.client_cert.empty() ? "client_key" : "client_cert", "client_cert and client_key go together");
  s.signing_public_key = r.text_or("signing_public_key", "");
  if (!s.signing_public_key.empty() && !is_base64_key32(s.signing_public_key))
    r.fail("signing_public_key", "not a signing key: 32 bytes in base64 (44 characters ending in '=')");
  read_format3_keys(doc, r, s);
  s.interval_seconds = static_cast<int>(r.integer("interval_seconds", 1, 86400, s.interval_seconds));
  s.batch_max_records = static_cast<int>(r.integer("batch_max_records", 1, 10000, s.batch_max_records));
  s.batch_max_kib = static_cast<int>(r.integer("batch_max_kib", 1, 65536, s.batch_max_kib));
  s.backoff_cap_seconds = static_cast<int>(r.integer("backoff_cap_seconds", 1, 86400, s.backoff_cap_seconds));
  s.retention_days = static_cast<int>(r.integer("retention_days", 0, 3650, s.retention_days));
  s.details_kept_days = static_cast<int>(r.integer("details_kept_days", 0, 365, s.details_kept_days));
  s.connect_timeout_seconds = static_cast<int>(r.integer("connect_timeout_seconds", 1, 600, s.connect_timeout_seconds));
  s.low_speed_seconds = static_cast<int>(r.integer("low_speed_seconds", 1, 600, s.low_speed_seconds));
  return s;
}

void SyncSettings::require_seal_key() const {
  if (!is_base64_key32(seal_public_key))
    throw ConfigError(seal_key_where.first, seal_key_where.second, "[sync] seal_public_key",
                      "not a sealing key: 32 bytes in base64 (44 characters ending in '='), as shubbak-upstream "
                      "keygen writes it in seal.pub");
}

}  // namespace shubbak
