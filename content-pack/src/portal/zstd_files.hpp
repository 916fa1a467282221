// content-pack/src/portal/zstd_files.hpp: compression of whole packs and of deltas
// (zstd --patch-from), internal to the publisher. Decompression is public: portal.hpp.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "content-pack/expected.hpp"

namespace pack::portal {

// A read-only mapping of a whole file (empty files map to an empty view).
class MappedFile {
 public:
  static Expected<std::unique_ptr<MappedFile>> Open(const std::string& path);
  ~MappedFile();
  std::string_view View() const { return {static_cast<const char*>(data_), size_}; }

 private:
  MappedFile() = default;
  void* data_ = nullptr;
  size_t size_ = 0;
};

// The window log that lets a frame reach back over REFERENCE_SIZE bytes of prefix plus
// the CONTENT_SIZE bytes decoded so far: what `zstd --patch-from` computes.
int PatchWindowLog(size_t reference_size, size_t content_size);

// Compresses CONTENT; with a non-empty REFERENCE it is a delta against it (refPrefix +
// long-distance matching, window large enough to cover both).
Expected<std::string> CompressZstd(std::string_view content, std::string_view reference, int level);

}  // namespace pack::portal
