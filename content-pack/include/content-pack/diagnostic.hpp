// content-pack/diagnostic.hpp: one problem found in a pack's source files.
//
// Shared by the source parser (which finds problems) and the builder (which reports
// them), so neither has to include the other for it.
#pragma once

#include <string>

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

}  // namespace pack
