#include "upstream/upstream_store.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "common/clock.hpp"

namespace shubbak::upstream {

static const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS records(
  id          TEXT PRIMARY KEY,
  kiosk_id    TEXT NOT NULL,
  centre_id   TEXT NOT NULL,
  kind        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  received_at TEXT NOT NULL,
  sealed      BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens(
  token_hash TEXT PRIMARY KEY,
  kiosk_id   TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS answers(
  kiosk_id TEXT NOT NULL,
  key      TEXT NOT NULL,
  answer   TEXT NOT NULL,
  PRIMARY KEY(kiosk_id, key)
);
CREATE TABLE IF NOT EXISTS heartbeats(
  kiosk_id TEXT NOT NULL,
  at       TEXT NOT NULL,
  body     TEXT NOT NULL
);
)SQL";

static std::string sha256_hex(const std::string& s) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

static store::Database open_db(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  store::Database db = store::Database::open(dir + "/upstream.db");
  db.exec(kSchema);
  return db;
}

UpstreamStore::UpstreamStore(const std::string& data_dir) : db_(open_db(data_dir)) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string UpstreamStore::add_token(const std::string& kiosk_id) {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  std::string token = store::to_base64(store::Bytes(raw, raw + sizeof raw));
  for (char& c : token)
    if (c == '+') c = '-';
    else if (c == '/') c = '_';
  db_.prepare("INSERT INTO tokens(token_hash, kiosk_id, created_at) VALUES(?,?,?)")
      .bind(1, sha256_hex(token))
      .bind(2, kiosk_id)
      .bind(3, to_rfc3339_utc(std::chrono::system_clock::now()))
      .run();
  return token;
}

std::optional<std::string> UpstreamStore::kiosk_for_token(const std::string& token) {
  auto st = db_.prepare("SELECT kiosk_id FROM tokens WHERE token_hash=?");
  st.bind(1, sha256_hex(token));
  if (st.step()) return st.text(0);
  return std::nullopt;
}

std::optional<std::string> UpstreamStore::idempotent_answer(const std::string& kiosk_id, const std::string& key) {
  auto st = db_.prepare("SELECT answer FROM answers WHERE kiosk_id=? AND key=?");
  st.bind(1, kiosk_id).bind(2, key);
  if (st.step()) return st.text(0);
  return std::nullopt;
}

void UpstreamStore::remember_answer(const std::string& kiosk_id, const std::string& key, const std::string& answer) {
  db_.prepare("INSERT OR IGNORE INTO answers(kiosk_id, key, answer) VALUES(?,?,?)")
      .bind(1, kiosk_id).bind(2, key).bind(3, answer).run();
}

static std::string read_line(const std::string& path) {
  std::ifstream f(path);
  if (!f) throw std::runtime_error("cannot read key file " + path + " (run: shubbak-upstream keygen --out DIR)");
  std::string s;
  std::getline(f, s);
  return s;
}

static store::Bytes key_from(const std::string& path, size_t size) {
  auto b = store::from_base64(read_line(path));
  if (!b || b->size() != size) throw std::runtime_error("key file " + path + " does not hold a valid key");
  return *b;
}

UpstreamKeys UpstreamKeys::load(const std::string& dir) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  UpstreamKeys k;
  k.seal.public_key = key_from(dir + "/seal.pub", crypto_box_PUBLICKEYBYTES);
  k.seal.secret_key = key_from(dir + "/seal.key", crypto_box_SECRETKEYBYTES);
  k.sign_public = key_from(dir + "/sign.pub", crypto_sign_PUBLICKEYBYTES);
  k.sign_secret = key_from(dir + "/sign.key", crypto_sign_SECRETKEYBYTES);
  return k;
}

static void write_key(const std::string& path, const store::Bytes& b, mode_t mode) {
  {
    std::ofstream f(path, std::ios::trunc);
    if (!f) throw std::runtime_error("cannot write " + path);
    f << store::to_base64(b) << "\n";
  }
  ::chmod(path.c_str(), mode);
}

void UpstreamKeys::generate(const std::string& dir) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  ::chmod(dir.c_str(), 0700);
  store::KeyPair seal = store::make_seal_keypair();
  store::Bytes pk(crypto_sign_PUBLICKEYBYTES), sk(crypto_sign_SECRETKEYBYTES);
  crypto_sign_keypair(pk.data(), sk.data());
  write_key(dir + "/seal.key", seal.secret_key, 0600);
  write_key(dir + "/sign.key", sk, 0600);
  write_key(dir + "/seal.pub", seal.public_key, 0644);
  write_key(dir + "/sign.pub", pk, 0644);
}

}  // namespace shubbak::upstream
