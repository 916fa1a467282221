// touch-ui/src/qr_code.cpp: QR codes with libqrencode (see qr_code.hpp).
#include "touch-ui/qr_code.hpp"

#include <imgui_internal.h>
#include <qrencode.h>

#include <cerrno>
#include <cmath>
#include <cstring>

namespace touchui {

bool QrCode::Encode(std::string_view text, std::string* error) {
  text_.clear();
  version_ = modules_ = 0;
  dark_.clear();
  auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return false;
  };
  if (text.empty()) return fail("QR code: nothing to encode (empty text)");
  if (text.find('\0') != std::string_view::npos)
    return fail("QR code: the text holds a NUL byte");
  const std::string copy(text);
  errno = 0;
  QRcode* qr = QRcode_encodeString(copy.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!qr) {
    if (errno == ERANGE)
      return fail("QR code: text too long for a QR code at error correction M (" +
                  std::to_string(text.size()) + " bytes)");
    return fail(std::string("QR code: libqrencode failed: ") + std::strerror(errno ? errno : EINVAL));
  }
  text_ = copy;
  version_ = qr->version;
  modules_ = qr->width;
  dark_.resize((size_t)modules_ * modules_);
  for (size_t i = 0; i < dark_.size(); ++i) dark_[i] = qr->data[i] & 1;
  QRcode_free(qr);
  return true;
}

int QrCode::ModulePixels(float max_side) const {
  if (modules_ == 0 || !(max_side > 0)) return 0;
  return (int)std::floor(max_side / (float)(modules_ + 2 * kQrQuietZone));
}

int QrCode::Side(float max_side) const {
  return ModulePixels(max_side) * (modules_ + 2 * kQrQuietZone);
}

int QrCode::Draw(ImDrawList* draw, ImVec2 pos, float max_side) const {
  const int m = ModulePixels(max_side);
  if (m == 0) return 0;
  const int side = m * (modules_ + 2 * kQrQuietZone);
  const float x0 = std::round(pos.x), y0 = std::round(pos.y);
  // Square corners, no anti-aliased fringe: AddRectFilled without rounding is exact.
  draw->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + side, y0 + side), IM_COL32(255, 255, 255, 255));
  const ImU32 ink = IM_COL32(0, 0, 0, 255);
  const float ox = x0 + kQrQuietZone * m, oy = y0 + kQrQuietZone * m;
  for (int y = 0; y < modules_; ++y) {
    // One rectangle per run of dark modules: a fraction of the vertices.
    int x = 0;
    while (x < modules_) {
      if (!Dark(x, y)) { ++x; continue; }
      int e = x;
      while (e < modules_ && Dark(e, y)) ++e;
      draw->AddRectFilled(ImVec2(ox + (float)(x * m), oy + (float)(y * m)),
                          ImVec2(ox + (float)(e * m), oy + (float)((y + 1) * m)), ink);
      x = e;
    }
  }
  return side;
}

bool QrCodeItem(const char* id, const QrCode& code, float max_side) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool pressed = ImGui::InvisibleButton(id, ImVec2(max_side, max_side));
  const float side = (float)code.Side(max_side);
  const float inset = std::floor((max_side - side) * 0.5f);
  code.Draw(ImGui::GetWindowDrawList(), ImVec2(pos.x + inset, pos.y + inset), max_side);
  return pressed;
}

}  // namespace touchui
