// sync/src/partial_download.hpp: the one owner of partial downloads in DATA_DIR/download/:
//   NAME.part        the bytes received so far of one file a manifest names
//   NAME.part.info   its sidecar: "sha256 HEX\nsize N\nurl URL\n"
// A resume only ever continues the same file (same sha256 and size). Both files are
// opened relative to the download folder without following links (O_NOFOLLOW): a link
// planted at either name is never written through, and the part file is created 0600.
#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "content-pack/pack_reader.hpp"  // pack::Expected

namespace kiosk::sync {

class PartialDownload {
 public:
  // FILE_URL is the manifest's relative url ("packs/7.sqlite.zst"); its last part names
  // the files. SIZE and SHA256 are the manifest's.
  PartialDownload(std::string download_dir, const std::string& file_url, int64_t size, std::string sha256);

  const std::string& PartPath() const { return part_path_; }
  int64_t Size() const { return size_; }
  const std::string& Sha256() const { return sha256_; }

  // Bytes that can be resumed: the sidecar names this file and the part is a regular
  // file no longer than SIZE. 0 otherwise.
  int64_t ValidBytes() const;
  // Opens the part file for appending, after replacing a sidecar (and the part) that
  // names anything else. Returns the descriptor (the caller closes it) or an error.
  pack::Expected<int> OpenForAppend(const std::string& url);
  // Deletes both files (a download that can never be resumed).
  void Discard();

  // The names in download/ that belong to FILE_URL's partial download.
  static std::set<std::string> FileNames(const std::string& file_url);

 private:
  int OpenDir() const;
  bool SidecarMatches(int dir_fd) const;
  std::string download_dir_, name_, part_path_, sha256_;
  int64_t size_ = 0;
};

// Deletes every entry of DOWNLOAD_DIR except KEEP, without following links (a link is
// removed itself, never what it points to). Leftovers of runs killed mid-way.
void CleanDownloads(const std::string& download_dir, const std::set<std::string>& keep);

}  // namespace kiosk::sync
