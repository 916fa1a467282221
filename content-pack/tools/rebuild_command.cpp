// content-pack content-stream / rebuild: a pack as its content alone, and back.
//   content-pack content-stream PACK OUT     the pack without its search index
//   content-pack rebuild STREAM OUT          the same pack again, byte for byte
//   content-pack recipe                      the index recipe of this build
// What kiosk-sync does with a content delta, by hand (docs/portal-protocol.md).
#include <cstdio>

#include "commands.hpp"
#include "content-pack/rebuild.hpp"

namespace pack::cli {
namespace {

int Report(const char* what, const Expected<FileDigest>& result, const std::string& out) {
  if (!result.ok()) {
    std::fprintf(stderr, "content-pack: %s\n", result.error().c_str());
    return 1;
  }
  std::printf("%s %s: %lld bytes, sha256 %s\n", what, out.c_str(), static_cast<long long>(result->size),
              result->sha256.c_str());
  return 0;
}

}  // namespace

int RunContentStream(const Args& args) {
  if (args.size() != 2) {
    std::fprintf(stderr, "usage: content-pack content-stream PACK OUT\n");
    return 2;
  }
  return Report("wrote content stream", WriteContentStream(args[0], args[1]), args[1]);
}

int RunRebuild(const Args& args) {
  if (args.size() != 2) {
    std::fprintf(stderr, "usage: content-pack rebuild STREAM OUT\n");
    return 2;
  }
  return Report("rebuilt pack", RebuildPack(args[0], args[1]), args[1]);
}

int RunRecipe(const Args& args) {
  if (!args.empty()) {
    std::fprintf(stderr, "usage: content-pack recipe\n");
    return 2;
  }
  std::printf("%s\n", IndexRecipe().c_str());
  return 0;
}

}  // namespace pack::cli
