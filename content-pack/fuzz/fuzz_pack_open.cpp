// Fuzz target: open any bytes as a pack and read everything the kiosk could read.
// A pack comes from the network and the disk; whatever it holds, the reader must answer
// with a value or an error, never a crash, a hang or unbounded memory.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "content-pack/pack_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/dev/shm/fuzz-pack-" + std::to_string(::getpid()) + ".sqlite";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  auto reader = pack::PackReader::Open(path);
  if (reader) {
    pack::PackReader& r = **reader;
    (void)r.QuickCheck();
    (void)r.CountsByType();
    (void)r.Fields();
    (void)r.ActiveAnnouncements("2026-11-28");
    if (auto items = r.Items(std::nullopt)) {
      for (const auto& summary : *items) {
        (void)r.GetItem(summary.id);
        if (summary.type == pack::ItemType::Document) (void)r.Units(summary.id);
      }
    }
    if (auto images = r.Images())
      for (const auto& image : *images) {
        (void)r.GetImageInfo(image.id);
        (void)r.ImageData(image.id);
      }
    for (const char* q : {"dang ky khai sinh", "khai si", "trung thuc ban sao", "tôi muốn kết hôn", "\"*("})
      (void)r.Search(q);
  }
  ::unlink(path.c_str());
  return 0;
}
