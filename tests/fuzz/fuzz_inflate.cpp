// Compressed bodies the upstream receives (gzip or zlib): bounded output, never a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "store/seal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto out = shubbak::store::inflate_bytes(shubbak::store::Bytes(data, data + size), 1 << 20);
  if (out && out->size() > (1u << 20)) std::abort();
  return 0;
}
