// kiosk/screen_search.cpp: the search screen: the field being typed into, results
// (an empty list until search over the pack arrives), and the on-screen keyboard.
//
// The field sits at the top of a scroller that ends where the keyboard begins, and the
// scroller is kept so that the field is visible: the keyboard never hides it.
#include <algorithm>

#include "app.hpp"
#include "touch-ui/theme.hpp"
#include "touch-ui/widgets.hpp"

namespace kiosk {
namespace {
constexpr int64_t kCaretBlinkMs = 530;
constexpr int64_t kCaretBlinkForMs = 10000;  // then a steady caret: no frames while idle
}

void KioskApp::DrawSearch(int64_t now_ms) {
  const touchui::Palette& p = touchui::CurrentPalette();
  const float s = Scale();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float margin = 48.f * s;
  DrawHeader(S("search.title"), true);
  const float top = ImGui::GetCursorScreenPos().y;
  const float kb_h = touchui::OnScreenKeyboard::PreferredHeight(display.x, display.y);
  const float kb_top = display.y - kb_h;

  search_scroll_.Begin("##search", ImVec2(display.x, kb_top - top), *input_);
  ImGui::SetCursorPos(ImVec2(margin, ImGui::GetCursorPosY() + margin * 0.5f));
  const float field_local_y = ImGui::GetCursorPosY();
  const float field_h = std::max(96.f * s, fonts_->heading->FontSize * 2.2f);
  const float width = display.x - 2 * margin;
  {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, field_h));
    Target("search:field");
    ImDrawList* d = ImGui::GetWindowDrawList();
    const ImVec2 end(pos.x + width, pos.y + field_h);
    d->AddRectFilled(pos, end, p.surface, p.rounding);
    d->AddRect(pos, end, p.focus, p.rounding, 0, p.border_width * 2.f);
    const std::string text = keyboard_.Text();
    ImFont* f = fonts_->heading;
    const float px = f->FontSize;
    const float pad = 32.f * s;
    const float inner_w = width - 2 * pad;
    const float text_w = f->CalcTextSizeA(px, FLT_MAX, 0, text.c_str()).x;
    // A long query shows its end, where the caret is.
    const float x = pos.x + pad - std::max(0.f, text_w - inner_w + px * 0.5f);
    const float y = pos.y + (field_h - px) * 0.5f;
    d->PushClipRect(ImVec2(pos.x + pad * 0.5f, pos.y), ImVec2(end.x - pad * 0.5f, end.y), true);
    if (text.empty())
      d->AddText(f, px, ImVec2(x, y), p.muted, S("search.placeholder"));
    else
      d->AddText(f, px, ImVec2(x, y), p.text, text.c_str());
    const int64_t since = now_ms - caret_epoch_ms_;
    bool caret_on = true;
    if (since < kCaretBlinkForMs) {
      caret_on = (since / kCaretBlinkMs) % 2 == 0;
      RequestFrameAt(caret_epoch_ms_ + (since / kCaretBlinkMs + 1) * kCaretBlinkMs);
    } else if (since < kCaretBlinkForMs + kCaretBlinkMs) {
      RequestFrameAt(caret_epoch_ms_ + kCaretBlinkForMs + kCaretBlinkMs);  // settle on "on"
    }
    if (caret_on) {
      const float cx = text.empty() ? x : x + text_w + 3.f * s;
      d->AddRectFilled(ImVec2(cx, y - 4.f * s), ImVec2(cx + 4.f * s, y + px + 4.f * s), p.text);
    }
    d->PopClipRect();
  }
  search_scroll_.EnsureVisible(field_local_y - margin * 0.5f, field_local_y + field_h);

  // Which input method is on, with its shortest reminder.
  ImGui::SetCursorPosX(margin);
  const char* hint = keyboard_.Method() == touchui::InputMethod::Telex ? S("search.hint_telex")
                     : keyboard_.Method() == touchui::InputMethod::Vni ? S("search.hint_vni")
                                                                      : S("search.hint_plain");
  ImGui::PushTextWrapPos(display.x - margin);
  touchui::Paragraph(hint, fonts_->body, p.muted);
  ImGui::SetCursorPosX(margin);
  if (!searched_) {
    touchui::Paragraph(S("search.empty"), fonts_->body, p.text);
  } else if (results_.empty()) {
    touchui::Paragraph(Fill("search.no_results", "query", searched_query_).c_str(), fonts_->bold, p.text);
  }
  ImGui::PopTextWrapPos();
  search_scroll_.End();

  // The keyboard.
  touchui::KeyboardLabels labels;
  labels.enter = S("keyboard.enter");
  labels.space = S("keyboard.space");
  labels.mode_telex = S("keyboard.telex");
  labels.mode_vni = S("keyboard.vni");
  labels.mode_plain = S("keyboard.plain");
  touchui::KeyboardFonts kf{fonts_->heading, fonts_->bold};
  const std::string before = keyboard_.Text();
  const touchui::InputMethod method_before = keyboard_.Method();
  const bool enter = keyboard_.Draw(ImVec2(0, kb_top), ImVec2(display.x, kb_h), labels, kf);
  if (enter) {
    searched_ = true;
    searched_query_ = keyboard_.Text();
    results_.clear();  // search over the pack is a later issue
  }
  if (enter || keyboard_.Text() != before || keyboard_.Method() != method_before) {
    caret_epoch_ms_ = now_ms;
    RequestFrame(2);
  }
}

}  // namespace kiosk
