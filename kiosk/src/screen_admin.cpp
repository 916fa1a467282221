// kiosk/screen_admin.cpp: the technician's screen: device and versions, the pack, the
// settings file's problems, the log tail, a touch test pattern, text size/contrast
// toggles and (when allow_exit) exit. Sync and pack controls come later.
#include <sys/utsname.h>

#include <algorithm>

#include "app.hpp"
#include "touch-ui/theme.hpp"
#include "touch-ui/widgets.hpp"

#ifdef KIOSK_HAVE_CONTENT_PACK
#include "content-pack/pack_reader.hpp"
#endif

#ifndef KIOSK_APP_VERSION
#define KIOSK_APP_VERSION "0.0.0"
#endif

namespace kiosk {

// The only I/O of the admin screen happens here, once, when it opens.
void KioskApp::EnterAdmin() {
#ifdef KIOSK_HAVE_CONTENT_PACK
  auto reader = pack::PackReader::Open(settings_->pack);
  if (reader.ok()) {
    const pack::PackMeta& m = (*reader)->Meta();
    pack_summary_ = m.id + " v" + std::to_string(m.version) + " (" + m.created + ")  " + settings_->pack;
  } else {
    pack_summary_ = std::string(S("admin.no_pack")) + ": " + reader.error();
  }
#else
  pack_summary_ = std::string(S("admin.no_pack")) + ": " + settings_->pack;
#endif
  log_tail_ = log_->Tail(30);
  admin_scroll_.Reset();
}

void KioskApp::DrawAdmin(int64_t now_ms) {
  (void)now_ms;
  const touchui::Palette& p = touchui::CurrentPalette();
  const float s = Scale();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float margin = 56.f * s;
  DrawHeader(S("admin.title"), true);
  const float top = ImGui::GetCursorScreenPos().y;
  admin_scroll_.Begin("##admin", ImVec2(display.x, display.y - top), *input_);
  ImGui::SetCursorPos(ImVec2(margin, ImGui::GetCursorPosY() + margin * 0.5f));

  // Actions first: the technician came to do something.
  const ImVec2 bsize(std::max(330.f * s, fonts_->bold->FontSize * 10.f), fonts_->bold->FontSize * 2.6f);
  if (Button("admin:touch_test", S("admin.touch_test"), bsize, (int)touchui::ButtonKind::Surface, fonts_->bold)) {
    touch_trail_.clear();
    Go(Screen::TouchTest);
  }
  ImGui::SameLine();
  if (Button("admin:text_size", S("home.text_size"), bsize, (int)touchui::ButtonKind::Surface, fonts_->bold)) {
    text_size_ = text_size_ == touchui::TextSize::Normal  ? touchui::TextSize::Large
                 : text_size_ == touchui::TextSize::Large ? touchui::TextSize::ExtraLarge
                                                          : touchui::TextSize::Normal;
    style_changed_ = true;
  }
  ImGui::SameLine();
  if (Button("admin:contrast", S("home.contrast"), bsize, (int)touchui::ButtonKind::Surface, fonts_->bold)) {
    high_contrast_ = !high_contrast_;
    style_changed_ = true;
  }
  if (settings_->allow_exit) {
    ImGui::SameLine();
    if (Button("admin:exit", S("admin.exit"), bsize, (int)touchui::ButtonKind::Primary, fonts_->bold)) {
      log_->Info("exit from the admin screen");
      quit_ = true;
    }
  }

  // Facts, as label: value rows.
  struct utsname u{};
  uname(&u);
  const std::string os = std::string(u.sysname) + " " + u.release + " " + u.machine;
  char display_text[160];
  std::snprintf(display_text, sizeof display_text, "%dx%d, %.0f dpi%s, %s; %s", backend_->Width(),
                backend_->Height(), backend_->Dpi(), backend_->DpiMeasured() ? "" : " (assumed)",
                backend_->DriverName().c_str(), backend_->GlRenderer().c_str());
  const std::pair<const char*, std::string> rows[] = {
      {"admin.app_version", KIOSK_APP_VERSION},
      {"admin.pack", pack_summary_},
      {"admin.os", os},
      {"admin.display", display_text},
      {"admin.settings", settings_->path.empty() ? std::string("(built-in defaults)") : settings_->path},
      {"admin.commune", settings_->commune.empty() ? std::string("(commune = )") : settings_->commune},
  };
  ImGui::SetCursorPos(ImVec2(margin, ImGui::GetCursorPosY() + 12.f * s));
  const float label_w = fonts_->bold->FontSize * 9.f;
  ImGui::PushTextWrapPos(display.x - margin);
  for (const auto& [key, value] : rows) {
    ImGui::SetCursorPosX(margin);
    touchui::Paragraph(S(key), fonts_->bold, p.muted);
    ImGui::SameLine(margin + label_w);
    touchui::Paragraph(value.c_str(), fonts_->body, p.text);
  }
  if (!settings_->problems.empty()) {
    ImGui::SetCursorPosX(margin);
    touchui::Paragraph(S("admin.problems"), fonts_->heading, p.danger);
    for (const std::string& problem : settings_->problems) {
      ImGui::SetCursorPosX(margin);
      touchui::Paragraph(problem.c_str(), fonts_->body, p.danger);
    }
  }
  ImGui::SetCursorPosX(margin);
  touchui::Paragraph(S("admin.log"), fonts_->heading, p.text);
  ImGui::PushFont(fonts_->body);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8.f * s, 4.f * s));
  for (const std::string& line : log_tail_) {
    ImGui::SetCursorPosX(margin);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.muted));
    ImGui::TextUnformatted(line.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PopStyleVar();
  ImGui::PopFont();
  ImGui::PopTextWrapPos();
  ImGui::Dummy(ImVec2(1, margin));
  admin_scroll_.End();
}

void KioskApp::DrawTouchTest(int64_t now_ms) {
  (void)now_ms;
  const touchui::Palette& p = touchui::CurrentPalette();
  const float s = Scale();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImDrawList* d = ImGui::GetWindowDrawList();
  // A grid every 2 cm: lines that bend under a finger show a miscalibrated panel.
  const float step = std::max(40.f, backend_->MmToPx(20.f));
  for (float x = 0; x < display.x; x += step) d->AddLine(ImVec2(x, 0), ImVec2(x, display.y), p.border, 1.f);
  for (float y = 0; y < display.y; y += step) d->AddLine(ImVec2(0, y), ImVec2(display.x, y), p.border, 1.f);
  touchui::DrawCenteredText(d, fonts_->heading, fonts_->heading->FontSize, ImVec2(0, 0),
                            ImVec2(display.x, display.y * 0.3f), p.text, S("touch.hint"));
  if (input_->IsDown()) {
    if (touch_trail_.empty() || touch_trail_.back().x != input_->Pos().x || touch_trail_.back().y != input_->Pos().y)
      touch_trail_.push_back(input_->Pos());
    if (touch_trail_.size() > 4000) touch_trail_.erase(touch_trail_.begin(), touch_trail_.begin() + 1000);
  }
  if (touch_trail_.size() > 1)
    d->AddPolyline(touch_trail_.data(), (int)touch_trail_.size(), p.primary, 0, 5.f * s);
  if (input_->IsDown()) {
    const ImVec2 c = input_->Pos();
    d->AddCircle(c, backend_->MmToPx(8.f), p.danger, 0, 4.f * s);
    d->AddLine(ImVec2(c.x, 0), ImVec2(c.x, display.y), p.danger, 2.f * s);
    d->AddLine(ImVec2(0, c.y), ImVec2(display.x, c.y), p.danger, 2.f * s);
  }
  const ImVec2 size(std::max(260.f * s, fonts_->bold->FontSize * 7.f), fonts_->bold->FontSize * 2.6f);
  ImGui::SetCursorScreenPos(ImVec2(display.x - size.x - 40.f * s, 40.f * s));
  if (Button("touch:done", S("touch.done"), size, (int)touchui::ButtonKind::Primary, fonts_->bold)) {
    touch_trail_.clear();
    screen_ = Screen::Admin;
    RequestFrame(2);
  }
}

}  // namespace kiosk
