// Placeholder until its owner writes it (issue 14).
#include <cstdio>

#include "upstream/app/args.hpp"

namespace shubbak::upstream::app {

int cmd_serve(const Args&) {
  std::fprintf(stderr, "shubbak-upstream: serve is not built yet\n");
  return 1;
}

}  // namespace shubbak::upstream::app
