// kiosk/screens/speak_button.cpp: the read-aloud button (speak_button.hpp).
#include "screens/speak_button.hpp"

#include <imgui_internal.h>

#include <algorithm>

#include "speech/markdown_speech.hpp"
#include "speech/speech.hpp"
#include "speech/verbalize_vi.hpp"

namespace kiosk {
namespace {

// "Dừng đọc" (target speak:stop), in the page or floating: a tap stops the reading.
void StopButton(Ui& ui, speech::Speech& speech, ImVec2 size, touchui::ButtonKind kind) {
  if (ui.Button("speak:stop", ui.S("speak.stop"), size, kind, ui.Fonts().bold)) {
    speech.Stop();
    ui.Logger().Info("read aloud: stopped by the citizen");
  }
}

}  // namespace

void SpeakButton(Ui& ui, const std::string& title, const std::string& markdown_body) {
  speech::Speech* speech = ui.Speaker();
  if (!speech || !speech->Available()) return;
  const touchui::FontSet& f = ui.Fonts();
  const bool speaking = speech->Speaking();
  const char* start = ui.S("speak.start");
  const char* stop = ui.S("speak.stop");
  // One width for both labels, so the button does not jump when it changes.
  const float width = std::min(ui.Display().x - 2 * ui.Margin(),
                               std::max(ui.HeaderButtonWidth(start), ui.HeaderButtonWidth(stop)) + 40.f * ui.Scale());
  const float height = FloatingSpeakStopHeight(ui);
  ImGui::SetCursorPosX(ui.Margin());
  if (speaking) {
    StopButton(ui, *speech, ImVec2(width, height), touchui::ButtonKind::Quiet);
    // Wholly scrolled away (the page goes on for minutes of reading): float a copy.
    const ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
    ui.SetSpeakStopHidden(ImGui::GetItemRectMax().y <= clip.Min.y || ImGui::GetItemRectMin().y >= clip.Max.y);
  } else if (ui.Button("speak", start, ImVec2(width, height), touchui::ButtonKind::Primary, f.bold)) {
    const std::string words =
        speech::VerbalizeVi(title + "\n" + speech::MarkdownToSpeechText(markdown_body));
    if (speech->Speak(words))
      ui.Logger().Info("read aloud: " + std::to_string(words.size()) + " bytes of words");
  }
  ImGui::Dummy(ImVec2(1, 8.f * ui.Scale()));
}

float FloatingSpeakStopHeight(const Ui& ui) {
  return std::max(96.f * ui.Scale(), ui.Fonts().bold->FontSize * 2.6f);
}

void FloatingSpeakStop(Ui& ui) {
  if (!ui.TakeSpeakStopHidden()) return;
  speech::Speech* speech = ui.Speaker();
  if (!speech || !speech->Speaking()) return;
  const float width =
      std::min(ui.Display().x - 2 * ui.Margin(), ui.HeaderButtonWidth(ui.S("speak.stop")) + 40.f * ui.Scale());
  const float height = FloatingSpeakStopHeight(ui);
  const float r = 16.f * ui.Scale(), dx = 4.f * ui.Scale(), dy = 6.f * ui.Scale();
  const ImVec2 at(ui.Display().x - ui.Margin() - width, ui.Display().y - ui.Margin() - height);
  // A window of its own, begun after the page's: above it, for drawing and for touches.
  ImGui::SetCursorScreenPos(at);
  ImGui::BeginChild("##speak_floating", ImVec2(width + dx, height + dy), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                        ImGuiWindowFlags_NoBackground);
  // A shadow, so it reads as lying above the page.
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x + dx, at.y + dy), ImVec2(at.x + width + dx, at.y + height + dy),
                                            IM_COL32(0, 0, 0, 70), r);
  ImGui::SetCursorScreenPos(at);
  StopButton(ui, *speech, ImVec2(width, height), touchui::ButtonKind::Primary);
  ImGui::EndChild();
}

std::string SpeechFacts(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::string md;
  for (const auto& [label, value] : rows) {
    if (value.empty()) continue;
    md += "- " + speech::EscapeMarkdown(label) + ": " + speech::EscapeMarkdown(value) + "\n";
  }
  return md;
}

}  // namespace kiosk
