// kiosk/screens/screens.cpp: route name -> screen.
#include "screens/screens.hpp"

namespace kiosk {

std::unique_ptr<Screen> MakeScreen(const Route& route) {
  const std::string& n = route.screen;
  if (n == "search") return MakeSearchScreen();
  if (n == "procedures") return MakeProceduresScreen(route);
  if (n == "procedure") return MakeProcedureScreen(route);
  if (n == "form") return MakeFormScreen(route);
  if (n == "laws") return MakeLawsScreen(route);
  if (n == "document") return MakeDocumentScreen(route);
  if (n == "faq") return route.item.empty() ? MakeFaqListScreen(route) : MakeReadingScreen(route);
  if (n == "article") return MakeReadingScreen(route);
  if (n == "news") return MakeNewsScreen();
  if (n == "learn") return MakeLearnScreen();
  if (n == "quiz") return MakeQuizScreen(route);
  if (n == "guide") return MakeGuideScreen();
  if (n == "maintenance") return MakeMaintenanceScreen();
  if (n == "pin") return MakePinScreen();
  if (n == "admin") return MakeAdminScreen();
  if (n == "touch_test") return MakeTouchTestScreen();
  return MakeHomeScreen();
}

}  // namespace kiosk
