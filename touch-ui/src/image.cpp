// touch-ui/src/image.cpp: guarded image decoding, GPU textures and the texture cache
// (see image.hpp).
//
// [SECTION] PNG inflate check   a PNG's data may not inflate beyond what its header needs
// [SECTION] DecodeImage
// [SECTION] Texture
// [SECTION] TextureCache
#include "touch-ui/image.hpp"

#include <stb_image.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "touch-ui/backend.hpp"

namespace touchui {
namespace {

enum class Format { Unknown, Png, Jpeg };

// By signature only: PNG and JPEG are all the kiosk shows.
Format Sniff(std::string_view bytes) {
  if (bytes.size() >= 8 && std::memcmp(bytes.data(), "\x89PNG\r\n\x1a\n", 8) == 0) return Format::Png;
  if (bytes.size() >= 3 && std::memcmp(bytes.data(), "\xFF\xD8\xFF", 3) == 0) return Format::Jpeg;
  return Format::Unknown;
}

const char kUnknownFormat[] = "not a PNG or JPEG image (unknown signature)";

// [SECTION] PNG inflate check
uint32_t Be32(const unsigned char* p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

// Bytes of filtered scanlines a PNG of this header inflates to (Adam7 passes included).
uint64_t PngRawBytes(uint32_t w, uint32_t h, int depth, int color, int interlace) {
  int channels = 0;
  switch (color) {
    case 0: channels = 1; break;
    case 2: channels = 3; break;
    case 3: channels = 1; break;
    case 4: channels = 2; break;
    case 6: channels = 4; break;
    default: return 0;
  }
  auto rows = [&](uint64_t pw, uint64_t ph) -> uint64_t {
    if (pw == 0 || ph == 0) return 0;
    return ph * (1 + (pw * (uint64_t)channels * (uint64_t)depth + 7) / 8);
  };
  if (interlace == 0) return rows(w, h);
  // Adam7: pass origins and steps.
  static const int xo[7] = {0, 4, 0, 2, 0, 1, 0}, yo[7] = {0, 0, 4, 0, 2, 0, 1};
  static const int xs[7] = {8, 8, 4, 4, 2, 2, 1}, ys[7] = {8, 8, 8, 4, 4, 2, 2};
  uint64_t total = 0;
  for (int p = 0; p < 7; ++p) {
    const uint64_t pw = w > (uint32_t)xo[p] ? (w - xo[p] + xs[p] - 1) / xs[p] : 0;
    const uint64_t ph = h > (uint32_t)yo[p] ? (h - yo[p] + ys[p] - 1) / ys[p] : 0;
    total += rows(pw, ph);
  }
  return total;
}

// Inflates the PNG's IDAT stream into a buffer of about the size its header needs:
// stb's own inflater then refuses ("output buffer limit") anything that would grow past
// it. Only the chunk structure is read here; stb checks everything else afterwards.
bool CheckPngInflate(std::string_view png, std::string* error) {
  const auto* p = reinterpret_cast<const unsigned char*>(png.data());
  const size_t n = png.size();
  size_t at = 8;
  uint64_t raw = 0;
  std::string idat;
  bool have_header = false;
  while (at + 12 <= n) {
    const uint32_t len = Be32(p + at);
    const char* type = png.data() + at + 4;
    if (len > n - at - 12) break;  // truncated: stb reports it below
    const unsigned char* data = p + at + 8;
    if (!std::memcmp(type, "IHDR", 4) && len >= 13) {
      raw = PngRawBytes(Be32(data), Be32(data + 4), data[8], data[9], data[12]);
      have_header = true;
    } else if (!std::memcmp(type, "IDAT", 4)) {
      idat.append(reinterpret_cast<const char*>(data), len);
    } else if (!std::memcmp(type, "IEND", 4)) {
      break;
    }
    at += 12 + (size_t)len;
  }
  if (!have_header || raw == 0 || idat.empty()) return true;  // stb says what is wrong
  // A little slack: some encoders leave a few stray bytes after the last scanline
  // (libpng ignores them); a bomb inflates to many times the image.
  const uint64_t limit = raw + raw / 8 + 4096;
  if (limit >= (uint64_t)INT32_MAX) {
    *error = "PNG too large to decode";
    return false;
  }
  std::unique_ptr<char[]> out(new char[limit + 1]);
  const int got = stbi_zlib_decode_buffer(out.get(), (int)limit + 1, idat.data(), (int)idat.size());
  if (got < 0) {
    const char* why = stbi_failure_reason();
    if (why && std::strcmp(why, "output buffer limit") == 0) {
      *error = "PNG refused: its data inflates to more than its " + std::to_string(raw) +
               "-byte image (a decompression bomb)";
    } else {
      *error = std::string("corrupt PNG data (") + (why ? why : "inflate failed") + ")";
    }
    return false;
  }
  if ((uint64_t)got > limit) {
    *error = "PNG refused: its data inflates to more than its " + std::to_string(raw) +
             "-byte image (a decompression bomb)";
    return false;
  }
  return true;
}

// Area average: each target pixel is the mean of the source pixels it covers (whole
// pixels, boundaries rounded down). Right for shrinking a scanned form: lines and text
// stay crisp, no ringing; and ten times faster than stb_image_resize's float filters
// (about 40 ms for an A4 page at 300 dpi). Rows first, then columns, in integers.
void BoxDownscale(const unsigned char* src, int w, int h, unsigned char* dst, int tw, int th) {
  std::vector<unsigned char> rows((size_t)tw * h * 4);
  std::vector<int> x0(tw + 1);
  for (int x = 0; x <= tw; ++x) x0[x] = (int)((int64_t)x * w / tw);
  for (int y = 0; y < h; ++y) {
    const unsigned char* in = src + (size_t)y * w * 4;
    unsigned char* out = rows.data() + (size_t)y * tw * 4;
    for (int x = 0; x < tw; ++x) {
      const int a = x0[x], b = std::max(x0[x + 1], a + 1);
      uint32_t sum[4] = {0, 0, 0, 0};
      for (int k = a; k < b; ++k)
        for (int c = 0; c < 4; ++c) sum[c] += in[(size_t)k * 4 + c];
      for (int c = 0; c < 4; ++c) out[(size_t)x * 4 + c] = (unsigned char)((sum[c] + (b - a) / 2) / (b - a));
    }
  }
  std::vector<uint32_t> sum((size_t)tw * 4);
  for (int y = 0; y < th; ++y) {
    const int a = (int)((int64_t)y * h / th);
    const int b = std::max((int)((int64_t)(y + 1) * h / th), a + 1);
    std::fill(sum.begin(), sum.end(), 0u);
    for (int k = a; k < b; ++k) {
      const unsigned char* in = rows.data() + (size_t)k * tw * 4;
      for (size_t i = 0; i < sum.size(); ++i) sum[i] += in[i];
    }
    unsigned char* out = dst + (size_t)y * tw * 4;
    for (size_t i = 0; i < sum.size(); ++i) out[i] = (unsigned char)((sum[i] + (uint32_t)(b - a) / 2) / (uint32_t)(b - a));
  }
}

}  // namespace

// [SECTION] DecodeImage
bool DecodeImage(std::string_view bytes, const ImageLimits& limits, DecodedImage* out,
                 std::string* error) {
  std::string why;
  auto fail = [&](std::string message) {
    if (error) *error = std::move(message);
    return false;
  };
  auto too_large = [&](uint32_t w, uint32_t h) {
    return fail("image too large: " + std::to_string(w) + "x" + std::to_string(h) +
                " pixels (limit " + std::to_string(limits.max_pixels / 1000000) + " Mpx)");
  };
  *out = DecodedImage{};
  if (bytes.empty()) return fail("image is empty (0 bytes)");
  if (bytes.size() > limits.max_bytes)
    return fail("image file too large: " + std::to_string(bytes.size()) + " bytes (limit " +
                std::to_string(limits.max_bytes) + ")");
  const Format format = Sniff(bytes);
  const bool png = format == Format::Png;
  if (format == Format::Unknown) return fail(kUnknownFormat);
  const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
  const int len = (int)bytes.size();
  int w = 0, h = 0, channels = 0;
  if (png && bytes.size() >= 24 && std::memcmp(bytes.data() + 12, "IHDR", 4) == 0) {
    // Straight from the header: stb's own info call refuses very large images with a
    // vaguer reason.
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const uint32_t pw = Be32(p + 16), ph = Be32(p + 20);
    if ((uint64_t)pw * ph > (uint64_t)limits.max_pixels) return too_large(pw, ph);
  }
  if (!stbi_info_from_memory(data, len, &w, &h, &channels)) {
    const char* r = stbi_failure_reason();
    if (r && std::strcmp(r, "too large") == 0)
      return fail("image too large to decode (more than 1 GiB of pixels)");
    return fail(std::string("unreadable ") + (png ? "PNG" : "JPEG") + " header (" +
                (r ? r : "unknown") + ")");
  }
  if (w <= 0 || h <= 0) return fail("image has no pixels");
  if ((int64_t)w * (int64_t)h > limits.max_pixels) return too_large((uint32_t)w, (uint32_t)h);
  if (png && !CheckPngInflate(bytes, &why)) return fail(why);
  int dw = 0, dh = 0, dc = 0;
  stbi_uc* pixels = stbi_load_from_memory(data, len, &dw, &dh, &dc, 4);
  if (!pixels) {
    const char* r = stbi_failure_reason();
    return fail(std::string("corrupt or truncated ") + (png ? "PNG" : "JPEG") + " (" +
                (r ? r : "decode failed") + ")");
  }
  std::unique_ptr<stbi_uc, void (*)(void*)> owned(pixels, stbi_image_free);
  if (dw != w || dh != h) return fail("image size changed while decoding");
  out->source_width = w;
  out->source_height = h;
  int tw = w, th = h;
  if (limits.max_side > 0 && (w > limits.max_side || h > limits.max_side)) {
    const double scale = std::min((double)limits.max_side / w, (double)limits.max_side / h);
    tw = std::max(1, (int)(w * scale));
    th = std::max(1, (int)(h * scale));
  }
  out->width = tw;
  out->height = th;
  out->rgba.resize((size_t)tw * th * 4);
  if (tw == w && th == h) {
    std::memcpy(out->rgba.data(), pixels, out->rgba.size());
  } else {
    BoxDownscale(pixels, w, h, out->rgba.data(), tw, th);
  }
  return true;
}

bool ReadImageSize(std::string_view bytes, int* width, int* height, std::string* error) {
  int channels = 0;
  if (Sniff(bytes) == Format::Unknown) {
    if (error) *error = kUnknownFormat;
    return false;
  }
  if (bytes.size() > (size_t)INT32_MAX ||
      !stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), (int)bytes.size(), width,
                             height, &channels)) {
    const char* r = stbi_failure_reason();
    if (error) *error = std::string("unreadable image header (") + (r ? r : "unknown") + ")";
    return false;
  }
  return true;
}

// [SECTION] Texture
Texture Texture::Create(Backend& backend, const DecodedImage& image, std::string* error) {
  Texture t;
  if (image.rgba.size() != (size_t)image.width * image.height * 4 || image.rgba.empty()) {
    if (error) *error = "no image to upload";
    return t;
  }
  t.id_ = backend.CreateTexture(image.rgba.data(), image.width, image.height, error);
  if (t.id_ != ImTextureID{}) {
    t.backend_ = &backend;
    t.width_ = image.width;
    t.height_ = image.height;
  }
  return t;
}

Texture& Texture::operator=(Texture&& other) noexcept {
  if (this != &other) {
    Reset();
    backend_ = other.backend_;
    id_ = other.id_;
    width_ = other.width_;
    height_ = other.height_;
    other.backend_ = nullptr;
    other.id_ = ImTextureID{};
    other.width_ = other.height_ = 0;
  }
  return *this;
}

void Texture::Reset() {
  if (backend_ && id_ != ImTextureID{}) backend_->DestroyTexture(id_);
  backend_ = nullptr;
  id_ = ImTextureID{};
  width_ = height_ = 0;
}

// [SECTION] TextureCache
namespace {
int CurrentFrame() { return ImGui::GetCurrentContext() ? ImGui::GetFrameCount() : -1; }
}  // namespace

void TextureCache::Touch(std::list<Entry>::iterator it) {
  it->frame = CurrentFrame();
  entries_.splice(entries_.begin(), entries_, it);
}

const Texture* TextureCache::Find(const std::string& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  Touch(it->second);
  return &it->second->texture;
}

const Texture* TextureCache::Load(const std::string& key, std::string_view bytes, ImageLimits limits,
                                  std::string* error) {
  if (const Texture* t = Find(key)) return t;
  auto failed = failed_.find(key);
  if (failed != failed_.end()) {
    if (error) *error = failed->second;
    return nullptr;
  }
  if (limits.max_side <= 0) limits.max_side = backend_.MaxTextureSize();
  else limits.max_side = std::min(limits.max_side, backend_.MaxTextureSize());
  DecodedImage image;
  std::string why;
  Texture texture;
  if (DecodeImage(bytes, limits, &image, &why)) texture = Texture::Create(backend_, image, &why);
  if (!texture) {
    failed_[key] = why;
    if (error) *error = why;
    return nullptr;
  }
  return Insert(key, std::move(texture));
}

const Texture* TextureCache::Insert(const std::string& key, Texture texture) {
  Forget(key);
  failed_.erase(key);
  bytes_ += texture.Bytes();
  entries_.push_front(Entry{key, std::move(texture), CurrentFrame()});
  index_[key] = entries_.begin();
  Trim();
  return &entries_.front().texture;
}

void TextureCache::Trim() {
  // Oldest first; never the newest entry (just inserted: the caller holds a pointer to
  // it) nor one drawn in this frame.
  const int frame = CurrentFrame();
  auto it = entries_.end();
  while (bytes_ > budget_ && entries_.size() > 1) {
    --it;
    if (it == entries_.begin()) break;
    if (frame >= 0 && it->frame == frame) continue;
    bytes_ -= it->texture.Bytes();
    index_.erase(it->key);
    it = entries_.erase(it);
    ++evictions_;
  }
}

void TextureCache::Forget(const std::string& key) {
  failed_.erase(key);
  auto it = index_.find(key);
  if (it == index_.end()) return;
  bytes_ -= it->second->texture.Bytes();
  entries_.erase(it->second);
  index_.erase(it);
}

void TextureCache::Clear() {
  entries_.clear();
  index_.clear();
  failed_.clear();
  bytes_ = 0;
}

}  // namespace touchui
