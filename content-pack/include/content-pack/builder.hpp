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

namespace pack {

struct Diagnostic {
  enum class Severity { Error, Warning };
  Severity severity = Severity::Error;
  std::string path;  // relative to the source folder, '/' separated
  int line = 0;      // 1-based; 0 when the problem is the file as a whole
  std::string message;

  // "path:line: message" (errors) or "path:line: warning: message".
  std::string Format() const;
};

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
