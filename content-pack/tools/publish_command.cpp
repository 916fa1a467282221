// content-pack publish / keygen: the publishing side of the portal protocol.
// Placeholder until the sync work lands; see DESIGN.md "Portal protocol v1".
#include <cstdio>

#include "commands.hpp"

namespace pack::cli {

int RunPublish(const Args&) {
  std::fprintf(stderr, "content-pack publish: not built yet\n");
  return 2;
}

int RunKeygen(const Args&) {
  std::fprintf(stderr, "content-pack keygen: not built yet\n");
  return 2;
}

}  // namespace pack::cli
