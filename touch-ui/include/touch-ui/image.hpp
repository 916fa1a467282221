// touch-ui/image.hpp: images from bytes to GPU textures, safely.
//
// Images come out of a content pack (forms, biểu mẫu; photos in news), and every byte
// from outside is hostile, so DecodeImage (stb_image) checks before it spends memory:
//   - only PNG and JPEG are accepted (by their signature), nothing else stb could read;
//   - the dimensions are read from the header first (stbi_info) and an image above the
//     pixel cap (16 Mpx) is refused before anything is decoded;
//   - a PNG's compressed data is inflated into a buffer of the size its header promises
//     (+1/8 + 4 KiB for the stray bytes some encoders leave) before stb decodes it, so a
//     decompression bomb (a small image whose data inflates to gigabytes) is refused
//     without allocating more than about the image itself;
//   - truncated or corrupt data fails with stb's reason, never a crash.
// A decoded image larger than the texture limit (GL_MAX_TEXTURE_SIZE, or the caller's
// own limit) is scaled down, keeping its aspect ratio.
//
// Texture owns a GPU texture (Backend::CreateTexture/DestroyTexture); TextureCache keeps
// textures by the caller's key within a byte budget, least recently used out first, so
// browsing a thousand screens of images does not grow GPU memory.
#pragma once
#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <imgui.h>

namespace touchui {

class Backend;

struct ImageLimits {
  int64_t max_pixels = 16 * 1024 * 1024;  // = 16 Mpx: larger images are refused
  size_t max_bytes = 64u << 20;           // = 64 MiB of encoded data at most
  int max_side = 0;                       // > 0: scale down so neither side exceeds it
};

struct DecodedImage {
  int width = 0, height = 0;            // after any downscale
  int source_width = 0, source_height = 0;
  std::vector<unsigned char> rgba;      // width * height * 4 bytes, straight alpha
};

// Decodes BYTES (PNG or JPEG) into RGBA under LIMITS. False with ERROR naming the cause
// (unsupported format, too many pixels, bomb, truncated or corrupt data).
bool DecodeImage(std::string_view bytes, const ImageLimits& limits, DecodedImage* out,
                 std::string* error);

// The size of a PNG or JPEG from its header only (cheap: nothing is decoded), e.g. for a
// Markdown layout before the picture is needed. False with ERROR as DecodeImage would.
bool ReadImageSize(std::string_view bytes, int* width, int* height, std::string* error);

// A GPU texture, destroyed with its owner. Move-only.
class Texture {
 public:
  Texture() = default;
  // Uploads IMAGE through BACKEND; an empty Texture with ERROR set on failure.
  static Texture Create(Backend& backend, const DecodedImage& image, std::string* error);
  ~Texture() { Reset(); }
  Texture(Texture&& other) noexcept { *this = std::move(other); }
  Texture& operator=(Texture&& other) noexcept;
  Texture(const Texture&) = delete;
  Texture& operator=(const Texture&) = delete;
  void Reset();
  explicit operator bool() const { return id_ != ImTextureID{}; }
  ImTextureID Id() const { return id_; }
  int Width() const { return width_; }
  int Height() const { return height_; }
  size_t Bytes() const { return (size_t)width_ * (size_t)height_ * 4; }

 private:
  Backend* backend_ = nullptr;
  ImTextureID id_{};
  int width_ = 0, height_ = 0;
};

// Textures by key (e.g. a pack's image path) within a byte budget (LRU). A texture used
// in the current ImGui frame (found or inserted since the last ImGui::NewFrame) is never
// evicted, since the frame's draw data still refers to it; the budget may then be
// exceeded until the next frame's first insert.
class TextureCache {
 public:
  TextureCache(Backend& backend, size_t budget_bytes = 64u << 20)
      : backend_(backend), budget_(budget_bytes) {}
  // The texture for KEY (marked as used now), or null.
  const Texture* Find(const std::string& key);
  // Decodes BYTES under LIMITS (max_side defaults to the backend's texture limit),
  // uploads and keeps it under KEY. Null with ERROR on failure; the failure is
  // remembered, so a broken image is not decoded again every frame (Forget() clears).
  const Texture* Load(const std::string& key, std::string_view bytes, ImageLimits limits,
                      std::string* error);
  // Keeps TEXTURE under KEY (replacing any), then trims to the budget.
  const Texture* Insert(const std::string& key, Texture texture);
  bool Failed(const std::string& key) const { return failed_.count(key) != 0; }
  void Forget(const std::string& key);
  void Clear();
  size_t Bytes() const { return bytes_; }
  size_t Count() const { return entries_.size(); }
  size_t Budget() const { return budget_; }
  size_t Evictions() const { return evictions_; }

 private:
  struct Entry {
    std::string key;
    Texture texture;
    int frame = -1;  // ImGui frame it was last used in
  };
  void Touch(std::list<Entry>::iterator it);
  void Trim();
  Backend& backend_;
  size_t budget_;
  size_t bytes_ = 0;
  size_t evictions_ = 0;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::unordered_map<std::string, std::string> failed_;  // key -> error
};

}  // namespace touchui
