// tests/touch-ui/image_test.cpp: DecodeImage under hostile input (pixel cap, PNG
// decompression bomb, truncated and corrupt data, unknown formats), downscaling, GPU
// textures in a real GL context drawn and read back from a screenshot, and the texture
// cache's budget (no texture leaks over a thousand images).
#include <doctest/doctest.h>

#include <stb_image.h>
#include <stb_image_write.h>

#include <cstring>
#include <string>
#include <vector>

#include "gl_harness.hpp"
#include "touch-ui/image.hpp"

// stb_image_write's deflater (exported by Debian's libstb, not declared in its header).
extern "C" unsigned char* stbi_zlib_compress(unsigned char* data, int data_len, int* out_len,
                                             int quality);

using namespace touchui;

namespace {

void AppendTo(void* ctx, void* data, int size) {
  static_cast<std::string*>(ctx)->append(static_cast<char*>(data), (size_t)size);
}

std::string Png(int w, int h, unsigned char r, unsigned char g, unsigned char b) {
  std::vector<unsigned char> px((size_t)w * h * 4);
  for (size_t i = 0; i < px.size(); i += 4) {
    px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = 255;
  }
  // A marker: the top-left pixel is white, so orientation is checked too.
  px[0] = px[1] = px[2] = 255;
  std::string out;
  REQUIRE(stbi_write_png_to_func(AppendTo, &out, w, h, 4, px.data(), w * 4));
  return out;
}

std::string Jpeg(int w, int h) {
  std::vector<unsigned char> px((size_t)w * h * 3, 90);
  std::string out;
  REQUIRE(stbi_write_jpg_to_func(AppendTo, &out, w, h, 3, px.data(), 90));
  return out;
}

uint32_t Crc32(const std::string& bytes) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : bytes) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xFFFFFFFFu;
}

std::string Be32(uint32_t v) {
  return std::string{(char)(v >> 24), (char)(v >> 16), (char)(v >> 8), (char)v};
}

std::string Chunk(const std::string& type, const std::string& data) {
  return Be32((uint32_t)data.size()) + type + data + Be32(Crc32(type + data));
}

// A PNG built chunk by chunk (default: W x H RGBA 8-bit, not interlaced), with ZLIB as
// its only IDAT and EXTRA chunks (a palette) before it.
std::string HandmadePng(uint32_t w, uint32_t h, const std::string& zlib, int depth = 8,
                        int color = 6, int interlace = 0, const std::string& extra = "") {
  std::string ihdr = Be32(w) + Be32(h) + std::string{(char)depth, (char)color, 0, 0, (char)interlace};
  return std::string("\x89PNG\r\n\x1a\n", 8) + Chunk("IHDR", ihdr) + extra + Chunk("IDAT", zlib) +
         Chunk("IEND", "");
}

std::string Deflate(const std::string& raw) {
  int len = 0;
  unsigned char* z = stbi_zlib_compress((unsigned char*)raw.data(), (int)raw.size(), &len, 8);
  REQUIRE(z != nullptr);
  std::string out(reinterpret_cast<char*>(z), (size_t)len);
  free(z);
  return out;
}

}  // namespace

TEST_CASE("image: PNG and JPEG decode to RGBA of the right size") {
  DecodedImage img;
  std::string error;
  REQUIRE_MESSAGE(DecodeImage(Png(7, 5, 10, 20, 30), {}, &img, &error), error);
  CHECK(img.width == 7);
  CHECK(img.height == 5);
  CHECK(img.source_width == 7);
  REQUIRE(img.rgba.size() == 7 * 5 * 4);
  CHECK(img.rgba[0] == 255);  // the white marker, top-left
  CHECK(img.rgba[4] == 10);
  CHECK(img.rgba[5] == 20);
  CHECK(img.rgba[6] == 30);
  CHECK(img.rgba[7] == 255);
  REQUIRE_MESSAGE(DecodeImage(Jpeg(40, 30), {}, &img, &error), error);
  CHECK(img.width == 40);
  CHECK(img.height == 30);
  CHECK(img.rgba.size() == 40 * 30 * 4);
  // A handmade PNG whose data is exactly what its header says decodes too (the bomb
  // check below does not refuse honest files).
  const std::string raw(4 * (1 + 4 * 4), '\0');
  REQUIRE_MESSAGE(DecodeImage(HandmadePng(4, 4, Deflate(raw)), {}, &img, &error), error);
  CHECK(img.width == 4);
}

TEST_CASE("image: honest PNGs of every layout pass the bomb check (interlaced, 16-bit, palette, 1-bit)") {
  struct Layout { int depth, color, channels; };
  const Layout layouts[] = {{8, 6, 4}, {16, 6, 4}, {8, 2, 3}, {16, 0, 1}, {1, 0, 1},
                            {4, 3, 1}, {8, 4, 2}, {2, 0, 1}};
  const std::string palette = Chunk("PLTE", std::string(16 * 3, '\x40'));
  for (const Layout& l : layouts) {
    for (int interlace : {0, 1}) {
      for (uint32_t w : {1u, 7u, 13u}) {
        const uint32_t h = 11;
        CAPTURE(l.depth);
        CAPTURE(l.color);
        CAPTURE(interlace);
        CAPTURE(w);
        // Scanlines written pass by pass as the PNG spec lays them out (filter byte 0,
        // then the packed row), independently of the decoder's own arithmetic.
        std::string raw;
        auto rows = [&](uint32_t pw, uint32_t ph) {
          if (pw == 0 || ph == 0) return;
          const size_t row_bytes = ((size_t)pw * l.channels * l.depth + 7) / 8;
          for (uint32_t y = 0; y < ph; ++y) raw += std::string(1, '\0') + std::string(row_bytes, '\x11');
        };
        if (!interlace) {
          rows(w, h);
        } else {
          const int x0[7] = {0, 4, 0, 2, 0, 1, 0}, y0[7] = {0, 0, 4, 0, 2, 0, 1};
          const int dx[7] = {8, 8, 4, 4, 2, 2, 1}, dy[7] = {8, 8, 8, 4, 4, 2, 2};
          for (int p = 0; p < 7; ++p) {
            uint32_t pw = 0, ph = 0;
            for (uint32_t x = (uint32_t)x0[p]; x < w; x += (uint32_t)dx[p]) ++pw;
            for (uint32_t y = (uint32_t)y0[p]; y < h; y += (uint32_t)dy[p]) ++ph;
            rows(pw, ph);
          }
        }
        const std::string png =
            HandmadePng(w, h, Deflate(raw), l.depth, l.color, interlace, l.color == 3 ? palette : "");
        DecodedImage img;
        std::string error;
        CHECK_MESSAGE(DecodeImage(png, {}, &img, &error), error);
        CHECK(img.width == (int)w);
        CHECK(img.height == (int)h);
        // A few stray bytes after the last scanline pass (libpng ignores them too); data
        // inflating to much more than the layout needs is refused.
        const std::string plte = l.color == 3 ? palette : "";
        CHECK(DecodeImage(HandmadePng(w, h, Deflate(raw + "xyz"), l.depth, l.color, interlace, plte),
                          {}, &img, &error));
        const std::string more(raw.size() / 4 + 8192, '\0');
        CHECK_FALSE(DecodeImage(HandmadePng(w, h, Deflate(raw + more), l.depth, l.color, interlace, plte),
                                {}, &img, &error));
        CHECK(error.find("bomb") != std::string::npos);
      }
    }
  }
}

TEST_CASE("image: ReadImageSize reads the header only") {
  int w = 0, h = 0;
  std::string error;
  REQUIRE(ReadImageSize(Png(37, 21, 1, 2, 3), &w, &h, &error));
  CHECK(w == 37);
  CHECK(h == 21);
  REQUIRE(ReadImageSize(Jpeg(40, 30), &w, &h, &error));
  CHECK(w == 40);
  // The size of an image whose data is broken still reads: nothing is decoded.
  REQUIRE(ReadImageSize(HandmadePng(3000, 2000, Deflate("x")), &w, &h, &error));
  CHECK(w == 3000);
  CHECK_FALSE(ReadImageSize("GIF89a", &w, &h, &error));
  CHECK(error.find("not a PNG or JPEG") != std::string::npos);
  CHECK_FALSE(ReadImageSize(Png(4, 4, 0, 0, 0).substr(0, 12), &w, &h, &error));
}

TEST_CASE("image: more pixels than the cap are refused from the header, before decoding") {
  // 30000 x 30000 declared in a 100-byte file: 900 Mpx.
  const std::string png = HandmadePng(30000, 30000, Deflate(std::string(64, '\0')));
  DecodedImage img;
  std::string error;
  CHECK_FALSE(DecodeImage(png, {}, &img, &error));
  CHECK(error.find("too large") != std::string::npos);
  CHECK(error.find("30000x30000") != std::string::npos);
  CHECK(img.rgba.empty());
  // A lower cap of the caller's.
  ImageLimits small;
  small.max_pixels = 100;
  CHECK_FALSE(DecodeImage(Png(20, 20, 1, 2, 3), small, &img, &error));
  CHECK(error.find("too large") != std::string::npos);
  ImageLimits few_bytes;
  few_bytes.max_bytes = 10;
  CHECK_FALSE(DecodeImage(Png(20, 20, 1, 2, 3), few_bytes, &img, &error));
  CHECK(error.find("file too large") != std::string::npos);
}

TEST_CASE("image: a PNG decompression bomb is refused without inflating it") {
  // 64 x 64 declared (16 KiB of scanlines), data that inflates to 16 MiB.
  const std::string bomb = HandmadePng(64, 64, Deflate(std::string(16u << 20, '\0')));
  CHECK(bomb.size() < 200000);
  DecodedImage img;
  std::string error;
  CHECK_FALSE(DecodeImage(bomb, {}, &img, &error));
  CHECK(error.find("decompression bomb") != std::string::npos);
  // stb alone would have decoded it: this is what the check exists for.
  int w = 0, h = 0, c = 0;
  stbi_uc* px = stbi_load_from_memory((const stbi_uc*)bomb.data(), (int)bomb.size(), &w, &h, &c, 4);
  CHECK(px != nullptr);
  stbi_image_free(px);
}

TEST_CASE("image: truncated, corrupt, empty and unknown data fail with a message") {
  const std::string png = Png(32, 32, 200, 100, 50);
  const std::string jpg = Jpeg(32, 32);
  DecodedImage img;
  std::string error;
  CHECK_FALSE(DecodeImage("", {}, &img, &error));
  CHECK(error.find("empty") != std::string::npos);
  CHECK_FALSE(DecodeImage("GIF89a\x01\x00\x01\x00", {}, &img, &error));
  CHECK(error.find("not a PNG or JPEG") != std::string::npos);
  CHECK_FALSE(DecodeImage(std::string("\x89PNG\r\n\x1a\n", 8), {}, &img, &error));
  CHECK_FALSE(error.empty());
  // Every truncation of the PNG before its closing IEND chunk (12 bytes) fails cleanly;
  // a truncated JPEG may decode (stb fills missing scanlines) but never crashes.
  for (size_t n = 1; n < png.size() - 12; n += 3) {
    CAPTURE(n);
    error.clear();
    CHECK_FALSE(DecodeImage(png.substr(0, n), {}, &img, &error));
    CHECK_FALSE(error.empty());
  }
  for (size_t n = 1; n < jpg.size(); n += 7) {
    if (DecodeImage(jpg.substr(0, n), {}, &img, &error)) {
      CHECK(img.rgba.size() == (size_t)img.width * img.height * 4);
    } else {
      CHECK_FALSE(error.empty());
    }
  }
  // Flipped bytes anywhere: a result of the right size or a message, never a crash.
  for (size_t i = 8; i < png.size(); i += 5) {
    std::string bad = png;
    bad[i] = (char)(bad[i] ^ 0x5A);
    if (DecodeImage(bad, {}, &img, &error)) CHECK(img.rgba.size() == (size_t)img.width * img.height * 4);
    else CHECK_FALSE(error.empty());
  }
}

TEST_CASE("image: an image larger than max_side is scaled down, aspect kept") {
  ImageLimits limits;
  limits.max_side = 64;
  DecodedImage img;
  std::string error;
  REQUIRE(DecodeImage(Png(300, 100, 0, 0, 255), limits, &img, &error));
  CHECK(img.width == 64);
  CHECK(img.height == 21);
  CHECK(img.source_width == 300);
  CHECK(img.source_height == 100);
  CHECK(img.rgba.size() == 64 * 21 * 4);
  CHECK(img.rgba[(10 * 64 + 30) * 4 + 2] > 250);  // still blue
}

TEST_CASE("image: a texture draws in a real GL frame and is freed with its owner") {
  GlHarness gl(320, 240);
  ScratchDir dir;
  DecodedImage img;
  std::string error;
  REQUIRE(DecodeImage(Png(16, 16, 0, 160, 60), {}, &img, &error));
  CHECK(gl.backend->MaxTextureSize() >= 1024);
  const int live_before = gl.backend->LiveTextures();
  {
    Texture tex = Texture::Create(*gl.backend, img, &error);
    REQUIRE_MESSAGE(tex, error);
    CHECK(gl.backend->LiveTextures() == live_before + 1);
    Texture moved = std::move(tex);
    CHECK_FALSE(tex);
    CHECK(moved.Width() == 16);
    const std::string shot = (dir.path / "tex.png").string();
    gl.Frame([&] {
      ImGui::GetWindowDrawList()->AddImage(moved.Id(), ImVec2(100, 80), ImVec2(164, 144));
    }, shot);
    int w = 0, h = 0, c = 0;
    stbi_uc* px = stbi_load(shot.c_str(), &w, &h, &c, 4);
    REQUIRE(px != nullptr);
    auto at = [&](int x, int y) { return px + ((size_t)y * w + x) * 4; };
    CHECK(at(140, 120)[0] < 10);  // the image's green, scaled 4x
    CHECK(at(140, 120)[1] == doctest::Approx(160).epsilon(0.03));
    CHECK(at(140, 120)[2] == doctest::Approx(60).epsilon(0.05));
    CHECK(at(101, 81)[0] > 240);  // the white marker, top-left (rows not flipped)
    CHECK(at(20, 20)[1] != 160);  // outside: background
    stbi_image_free(px);
  }
  CHECK(gl.backend->LiveTextures() == live_before);
  // Out of range sizes are refused with a message.
  std::vector<unsigned char> one(4, 0);
  CHECK(gl.backend->CreateTexture(one.data(), gl.backend->MaxTextureSize() + 1, 1, &error) ==
        ImTextureID{});
  CHECK(error.find("at most") != std::string::npos);
  CHECK(gl.backend->CreateTexture(one.data(), 0, 1, &error) == ImTextureID{});
}

TEST_CASE("image: the texture cache keeps its byte budget over a thousand images, LRU first") {
  GlHarness gl(320, 240);
  const int live_before = gl.backend->LiveTextures();
  const size_t one = 32 * 32 * 4;
  TextureCache cache(*gl.backend, one * 10);
  std::string error;
  const std::string png = Png(32, 32, 1, 2, 3);
  for (int i = 0; i < 1000; ++i) {
    gl.Frame([&] {
      const Texture* t = cache.Load("img" + std::to_string(i), png, {}, &error);
      REQUIRE_MESSAGE(t, error);
      // Keep img0 hot: it must survive every eviction.
      CHECK(cache.Find("img0") != nullptr);
    });
    CHECK(cache.Bytes() <= cache.Budget());
  }
  CHECK(cache.Count() == 10);
  CHECK(cache.Evictions() == 990);
  CHECK(gl.backend->LiveTextures() == live_before + 10);
  CHECK(cache.Find("img998") != nullptr);
  CHECK(cache.Find("img5") == nullptr);
  // Within one frame, what was drawn stays even past the budget.
  gl.Frame([&] {
    for (int i = 0; i < 15; ++i) REQUIRE(cache.Load("frame" + std::to_string(i), png, {}, &error));
    CHECK(cache.Count() == 15);
    for (int i = 0; i < 15; ++i) CHECK(cache.Find("frame" + std::to_string(i)) != nullptr);
  });
  gl.Frame([&] { REQUIRE(cache.Load("next", png, {}, &error)); });
  CHECK(cache.Bytes() <= cache.Budget());
  // A broken image fails once and is remembered (not decoded again every frame).
  CHECK(cache.Load("bad", "not an image", {}, &error) == nullptr);
  CHECK(cache.Failed("bad"));
  error.clear();
  CHECK(cache.Load("bad", png, {}, &error) == nullptr);
  CHECK(error.find("not a PNG") != std::string::npos);
  cache.Forget("bad");
  CHECK(cache.Load("bad", png, {}, &error) != nullptr);
  cache.Clear();
  CHECK(gl.backend->LiveTextures() == live_before);
}
