// Fuzz target: rebuild a pack from any bytes as a content stream. A kiosk only rebuilds
// streams whose sha256 a signed manifest names, but the rebuild must still answer every
// input with a pack or an error, never a crash, a hang or unbounded memory; and a pack it
// does make must open.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "content-pack/pack_reader.hpp"
#include "content-pack/rebuild.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string dir = "/dev/shm/fuzz-stream-" + std::to_string(::getpid());
  static const bool made = [] { return std::system(("mkdir -p " + dir).c_str()) == 0; }();
  if (!made) return 0;
  const std::string stream = dir + "/in.content", out = dir + "/out.sqlite";
  FILE* f = std::fopen(stream.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  auto rebuilt = pack::RebuildPack(stream, out);
  if (rebuilt.ok()) {
    auto reader = pack::PackReader::Open(out);
    if (reader.ok()) (void)(*reader)->Search("khai sinh");
    ::unlink(out.c_str());
  }
  ::unlink(stream.c_str());
  return 0;
}
