// Signed catalogues from the upstream. Input: "signature-base64\nkey-base64\nbody". Arbitrary signatures and keys
// must never verify against a body they did not sign; a body signed with our test key always verifies and then
// reads as a configuration or fails with ConfigError (what fetch_catalogue does next).
#include <sodium.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "sync/engine/answers.hpp"
#include "common/config_file.hpp"
#include "store/seal.hpp"

static unsigned char g_pk[crypto_sign_PUBLICKEYBYTES], g_sk[crypto_sign_SECRETKEYBYTES];

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (sodium_init() < 0) std::abort();
  crypto_sign_keypair(g_pk, g_sk);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  size_t a = in.find('\n'), b = a == std::string::npos ? a : in.find('\n', a + 1);
  if (b == std::string::npos) return 0;
  std::string sig = in.substr(0, a), key = in.substr(a + 1, b - a - 1), body = in.substr(b + 1);
  shubbak::sync::catalogue_signature_ok(body, sig, key);
  const std::string ours = shubbak::store::to_base64(shubbak::store::Bytes(g_pk, g_pk + sizeof g_pk));
  if (shubbak::sync::catalogue_signature_ok(body, sig, ours)) {
    // The fuzzer cannot forge our signature: if it verifies, it must be the real one.
    unsigned char real[crypto_sign_BYTES];
    crypto_sign_detached(real, nullptr, reinterpret_cast<const unsigned char*>(body.data()), body.size(), g_sk);
    if (sig != shubbak::store::to_base64(shubbak::store::Bytes(real, real + sizeof real))) std::abort();
  }
  unsigned char s[crypto_sign_BYTES];
  crypto_sign_detached(s, nullptr, reinterpret_cast<const unsigned char*>(body.data()), body.size(), g_sk);
  if (!shubbak::sync::catalogue_signature_ok(body, shubbak::store::to_base64(shubbak::store::Bytes(s, s + sizeof s)), ours))
    std::abort();
  try {
    shubbak::ConfigDocument::parse(body, "catalogue from upstream");
  } catch (const shubbak::ConfigError&) {
  }
  return 0;
}
