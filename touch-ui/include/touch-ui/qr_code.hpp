// touch-ui/qr_code.hpp: a QR code a phone camera reads off the screen (libqrencode).
//
// "Quét mã để làm trực tuyến": a procedure's online_url as a QR code. Encoded once
// (error correction M, the smallest version that holds the text), drawn as dark modules
// on a white square with the standard 4-module quiet zone, each module a whole number of
// pixels at whole-pixel positions, so neither a camera nor zbarimg sees blurred edges.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace touchui {

constexpr int kQrQuietZone = 4;  // modules of white around the code (ISO/IEC 18004)

class QrCode {
 public:
  // Encodes TEXT (UTF-8 bytes as they are). False with ERROR naming the cause when the
  // text is empty, holds a NUL byte, or is too long for any QR version at level M (about
  // 2,300 bytes; a URL is far shorter); the previous code is then cleared.
  bool Encode(std::string_view text, std::string* error);
  bool Empty() const { return modules_ == 0; }
  const std::string& Text() const { return text_; }
  int Version() const { return version_; }       // 1..40, 0 when empty
  int Modules() const { return modules_; }       // per side, quiet zone excluded (21..177)
  bool Dark(int x, int y) const { return dark_[(size_t)y * modules_ + x] != 0; }

  // Pixels per module for a square of MAX_SIDE pixels (quiet zone included); 0 when not
  // even one pixel a module fits.
  int ModulePixels(float max_side) const;
  // Side in pixels of the drawn square for MAX_SIDE: ModulePixels * (Modules + 8).
  int Side(float max_side) const;
  // Draws the code with its top-left at POS (rounded to whole pixels), as large as fits
  // MAX_SIDE. Returns the side drawn (0: empty or too small, nothing drawn).
  int Draw(ImDrawList* draw, ImVec2 pos, float max_side) const;

 private:
  std::string text_;
  int version_ = 0;
  int modules_ = 0;
  std::vector<unsigned char> dark_;  // row-major, 1 = dark
};

// A QR code as an item at the ImGui cursor (MAX_SIDE square, the code centred in it),
// with ID so the kiosk can name it as a touch target ("qr"). Returns true when tapped.
bool QrCodeItem(const char* id, const QrCode& code, float max_side);

}  // namespace touchui
