// Placeholder until its owner writes it (issue 14).
#include <cstdio>

#include "upstream/app/args.hpp"

namespace shubbak::upstream::app {

int cmd_migrate(const Args&) {
  std::fprintf(stderr, "shubbak-upstream: migrate is not built yet\n");
  return 1;
}

}  // namespace shubbak::upstream::app
