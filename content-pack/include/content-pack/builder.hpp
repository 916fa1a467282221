// content-pack/builder.hpp: author files -> one pack file.
//
// A build either writes a complete pack or nothing: every problem in the sources is
// collected (all of them, in one run) as `path:line: message`, and only a build with no
// error renames its finished temporary file over OUTPUT.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "content-pack/diagnostic.hpp"

namespace pack {

struct BuildOptions {
  std::string source_dir;
  std::string output_path;
  int64_t version = 1;                     // pack version; only grows
  std::optional<int64_t> created_epoch;    // default: $SOURCE_DATE_EPOCH, else now
};

struct BuildReport {
  bool ok = false;
  std::vector<Diagnostic> diagnostics;     // errors and warnings, in path then line order
  int64_t items = 0;
  int64_t images = 0;
  int64_t units = 0;
  int ErrorCount() const;
};

BuildReport BuildPack(const BuildOptions& options);

}  // namespace pack
