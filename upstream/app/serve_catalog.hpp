// The centre catalogue a receiver publishes on GET /v1/catalog, signed with sign.key (docs/sync-protocol.md).
#pragma once
#include <string>

#include "store/seal.hpp"

namespace shubbak::upstream::app {

struct SignedCatalog {
  std::string body, etag, signature;  // empty body: none published (404)
};

// Throws std::runtime_error naming the file if it cannot be read.
SignedCatalog load_catalog(const std::string& path, const store::Bytes& sign_secret);

}  // namespace shubbak::upstream::app
