// kiosk/screens/screens.hpp: one factory per screen (one file per screen), and what
// several screens share: a page that scrolls.
#pragma once

#include <memory>

#include "screen.hpp"
#include "screens/speak_button.hpp"
#include "touch-ui/touch_scroller.hpp"
#include "ui.hpp"

namespace kiosk {

std::unique_ptr<Screen> MakeHomeScreen();
std::unique_ptr<Screen> MakeSearchScreen();
std::unique_ptr<Screen> MakeProceduresScreen(const Route& route);   // fields, or one field's list
std::unique_ptr<Screen> MakeProcedureScreen(const Route& route);    // one procedure
std::unique_ptr<Screen> MakeFormScreen(const Route& route);         // a form, zoomable
std::unique_ptr<Screen> MakeLawsScreen(const Route& route);         // legal documents
std::unique_ptr<Screen> MakeDocumentScreen(const Route& route);     // the document reader
std::unique_ptr<Screen> MakeFaqListScreen(const Route& route);      // questions by field
std::unique_ptr<Screen> MakeReadingScreen(const Route& route);      // an answer, article or announcement
std::unique_ptr<Screen> MakeNewsScreen();                           // articles, newest first
std::unique_ptr<Screen> MakeLearnScreen();                          // the quizzes
std::unique_ptr<Screen> MakeQuizScreen(const Route& route);         // one quiz, a question at a time
std::unique_ptr<Screen> MakeGuideScreen();
std::unique_ptr<Screen> MakeMaintenanceScreen();
std::unique_ptr<Screen> MakePinScreen();
std::unique_ptr<Screen> MakeAdminScreen();
std::unique_ptr<Screen> MakeTouchTestScreen();

// A screen whose page scrolls under the header.
class PageScreen : public Screen {
 public:
  bool Moving() const override { return scroll_.IsMoving(); }
  const touchui::TouchScroller* PageScroller() const override { return &scroll_; }

 protected:
  // Starts the page below the header at TOP; End with EndPage().
  void BeginPage(Ui& ui, float top, const char* id) {
    ImGui::SetCursorScreenPos(ImVec2(0, top));
    ui.BeginScroll(scroll_, id, ImVec2(ui.Display().x, ui.Display().y - top));
    ImGui::SetCursorPos(ImVec2(ui.Margin(), ImGui::GetCursorPosY() + ui.Margin() * 0.5f));
  }
  void EndPage(Ui& ui) {
    // Room under the last line for the floating "Dừng đọc", so it never covers the end.
    ImGui::Dummy(ImVec2(1, ui.Margin() + (ui.SpeakStopHidden() ? FloatingSpeakStopHeight(ui) + ui.Margin() : 0.f)));
    ui.EndScroll();
    FloatingSpeakStop(ui);  // "Dừng đọc" in reach when reading has scrolled it away
  }
  touchui::TouchScroller scroll_;
};

}  // namespace kiosk
