// kiosk/screen_section.cpp: the section screens (placeholders until the content screens
// arrive with the pack) and the long "how to use" guide page.
#include "app.hpp"
#include "touch-ui/theme.hpp"
#include "touch-ui/widgets.hpp"

namespace kiosk {
namespace {
const char* SectionKey(Screen screen) {
  switch (screen) {
    case Screen::Procedures: return "section.procedures.title";
    case Screen::Laws: return "section.laws.title";
    case Screen::Faq: return "section.faq.title";
    case Screen::News: return "section.news.title";
    case Screen::Learn: return "section.learn.title";
    default: return "section.guide.title";
  }
}
}  // namespace

void KioskApp::DrawSection(int64_t now_ms) {
  (void)now_ms;
  const touchui::Palette& p = touchui::CurrentPalette();
  const float s = Scale();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float margin = 64.f * s;
  DrawHeader(S(SectionKey(screen_)), true);
  const float top = ImGui::GetCursorScreenPos().y;
  section_scroll_.Begin("##section", ImVec2(display.x, display.y - top), *input_);
  ImGui::SetCursorPos(ImVec2(margin, ImGui::GetCursorPosY() + margin));
  ImGui::PushTextWrapPos(display.x - margin);
  touchui::Paragraph(S("section.placeholder"), fonts_->body, p.text);
  ImGui::PopTextWrapPos();
  ImGui::SetCursorPos(ImVec2(margin, ImGui::GetCursorPosY() + margin * 0.5f));
  const ImVec2 size(std::max(420.f * s, fonts_->bold->FontSize * 12.f), fonts_->bold->FontSize * 3.f);
  if (Button("section:search", S("section.search_instead"), size, (int)touchui::ButtonKind::Primary, fonts_->bold))
    Go(Screen::Search);
  ImGui::SameLine(0, 28.f * s);
  if (Button("section:home", S("nav.home"), size, (int)touchui::ButtonKind::Quiet, fonts_->bold))
    Go(Screen::Home);
  section_scroll_.End();
}

void KioskApp::DrawGuide(int64_t now_ms) {
  (void)now_ms;
  const touchui::Palette& p = touchui::CurrentPalette();
  const float s = Scale();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float margin = 96.f * s;
  DrawHeader(S("section.guide.title"), true);
  const float top = ImGui::GetCursorScreenPos().y;
  guide_scroll_.Begin("##guide", ImVec2(display.x, display.y - top), *input_);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + margin * 0.5f);
  ImGui::PushTextWrapPos(display.x - margin);
  // "# " starts a heading; everything else is a paragraph.
  for (const std::string& para : strings_->GetList("guide.paragraphs")) {
    ImGui::SetCursorPosX(margin);
    if (para.rfind("# ", 0) == 0) {
      ImGui::Dummy(ImVec2(1, 8.f * s));
      ImGui::SetCursorPosX(margin);
      touchui::Paragraph(para.c_str() + 2, fonts_->heading, touchui::HighContrast() ? p.primary : p.header);
    } else {
      touchui::Paragraph(para.c_str(), fonts_->body, p.text);
    }
  }
  ImGui::PopTextWrapPos();
  ImGui::SetCursorPos(ImVec2(margin, ImGui::GetCursorPosY() + margin * 0.25f));
  const ImVec2 size(std::max(420.f * s, fonts_->bold->FontSize * 12.f), fonts_->bold->FontSize * 3.f);
  if (Button("guide:home", S("nav.home"), size, (int)touchui::ButtonKind::Primary, fonts_->bold))
    Go(Screen::Home);
  ImGui::Dummy(ImVec2(1, margin * 0.5f));
  guide_scroll_.End();
}

}  // namespace kiosk
