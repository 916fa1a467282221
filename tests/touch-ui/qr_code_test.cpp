// tests/touch-ui/qr_code_test.cpp: QR codes drawn in a real GL frame, saved as a PNG
// screenshot and read back by an independent decoder (zbarimg, Debian's zbar-tools),
// as a phone camera would read them off the screen.
#include <doctest/doctest.h>

#include <string>

#include "gl_harness.hpp"
#include "touch-ui/qr_code.hpp"

using namespace touchui;

namespace {
// The text zbarimg reads from PNG (exit status 0 and one symbol), or what went wrong.
std::string Decode(const std::string& png) {
  // zbarimg's stderr carries D-Bus noise on a machine without a system bus: kept apart.
  std::string out, err;
  const int rc = RunCommand("zbarimg --raw -q '" + png + "' 2>'" + png + ".err'", &out);
  if (rc == 127) FAIL("zbarimg missing: install zbar-tools (scripts/install-deps.sh)");
  if (rc != 0) {
    RunCommand("cat '" + png + ".err'", &err);
    return "<zbarimg exit " + std::to_string(rc) + "> " + out + err;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}
}  // namespace

TEST_CASE("qr code: a URL drawn on screen decodes with zbarimg, at several module sizes") {
  GlHarness gl(900, 700);
  ScratchDir dir;
  const std::string urls[] = {
      "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.001193",
      "https://dichvucong.haugiang.gov.vn/",
      "HTTPS://EXAMPLE.GOV.VN/A",
  };
  int index = 0;
  for (const std::string& url : urls) {
    QrCode qr;
    std::string error;
    REQUIRE_MESSAGE(qr.Encode(url, &error), error);
    CHECK(qr.Modules() == 17 + 4 * qr.Version());
    for (float box : {640.f, 260.f}) {
      CAPTURE(url);
      CAPTURE(box);
      const std::string png = (dir.path / ("qr" + std::to_string(index++) + ".png")).string();
      int drawn = 0;
      gl.Frame([&] {
        // An odd offset: the code still lands on whole pixels.
        ImGui::SetCursorScreenPos(ImVec2(33.4f, 21.7f));
        drawn = QrCode().Draw(ImGui::GetWindowDrawList(), ImVec2(0, 0), box);  // empty: nothing
        CHECK_FALSE(QrCodeItem("qr", qr, box));  // drawn, not tapped
      }, png);
      CHECK(drawn == 0);
      CHECK(qr.Side(box) % (qr.Modules() + 2 * kQrQuietZone) == 0);
      CHECK(qr.Side(box) <= box);
      CHECK(qr.ModulePixels(box) >= 2);
      CHECK(Decode(png) == url);
    }
  }
}

TEST_CASE("qr code: empty, NUL and too-long text are refused with a message") {
  QrCode qr;
  std::string error;
  CHECK_FALSE(qr.Encode("", &error));
  CHECK(error.find("empty") != std::string::npos);
  CHECK(qr.Empty());
  CHECK_FALSE(qr.Encode(std::string("ab\0cd", 5), &error));
  CHECK(error.find("NUL") != std::string::npos);
  REQUIRE(qr.Encode("https://a.vn/", &error));
  CHECK_FALSE(qr.Encode(std::string(4000, 'x'), &error));
  CHECK(error.find("too long") != std::string::npos);
  CHECK(qr.Empty());  // the old code is gone: nothing stale is shown
  CHECK(qr.Side(500) == 0);
  // The longest text version 40-M holds in 8-bit mode still encodes.
  CHECK(qr.Encode(std::string(2331, 'x'), &error));
  CHECK(qr.Version() == 40);
  // Too small a box: nothing drawn rather than a blurred code.
  CHECK(qr.ModulePixels(100) == 0);
}
