// kiosk/screens/simple_pages.cpp: the pages with no pack content of their own: the "how to
// use" guide, and the calm maintenance screen shown when no pack opens.
#include "content.hpp"
#include "screens/screens.hpp"

namespace kiosk {
namespace {

class GuideScreen final : public PageScreen {
 public:
  void Draw(Ui& ui, int64_t) override {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float top = ui.Header(ui.S("section.guide.title"));
    BeginPage(ui, top, "##guide");
    // "# " starts a heading; everything else is a paragraph.
    for (const std::string& para : ui.Strings().GetList("guide.paragraphs")) {
      if (para.rfind("# ", 0) == 0) {
        ImGui::Dummy(ImVec2(1, 8.f * ui.Scale()));
        ui.Text(para.substr(2), f.heading, touchui::HighContrast() ? p.primary : p.header);
      } else {
        ui.Text(para, f.body, p.text);
      }
    }
    ImGui::Dummy(ImVec2(1, ui.Margin() * 0.25f));
    if (ui.ButtonRow({{"guide:home", ui.S("nav.home"), touchui::ButtonKind::Primary}}, 420.f * ui.Scale()) == 0)
      ui.Nav().Home();
    EndPage(ui);
  }
};

class MaintenanceScreen final : public Screen {
 public:
  bool Dirty() const override { return false; }
  void Draw(Ui& ui, int64_t) override {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const ImVec2 display = ui.Display();
    const float margin = ui.Margin() * 2;
    ImDrawList* d = ImGui::GetWindowDrawList();
    d->AddRectFilled(ImVec2(0, 0), display, p.background);
    const std::string commune = ui.Config().commune.empty() ? ui.S("home.commune_default") : ui.Config().commune;
    std::string contact = ui.Config().technician_contact.empty()
                              ? std::string(ui.S("maintenance.ask_staff"))
                              : ui.Fill("maintenance.contact", "contact", ui.Config().technician_contact);
    float y = display.y * 0.22f;
    y += touchui::DrawCenteredText(d, f.heading, f.heading->FontSize, ImVec2(margin, y),
                                   ImVec2(display.x - margin, y + f.heading->FontSize * 1.5f), p.muted, commune.c_str());
    y += 40.f * ui.Scale();
    y += touchui::DrawCenteredText(d, f.title, f.title->FontSize, ImVec2(margin, y),
                                   ImVec2(display.x - margin, y + f.title->FontSize * 1.4f), p.text, ui.S("maintenance.title"));
    y += 40.f * ui.Scale();
    const float body_h = f.body->CalcTextSizeA(f.body->FontSize, FLT_MAX, display.x - 2 * margin, ui.S("maintenance.body")).y;
    y += touchui::DrawCenteredText(d, f.body, f.body->FontSize, ImVec2(margin, y),
                                   ImVec2(display.x - margin, y + body_h), p.text, ui.S("maintenance.body"));
    y += 30.f * ui.Scale();
    const float contact_h = f.bold->CalcTextSizeA(f.bold->FontSize, FLT_MAX, display.x - 2 * margin, contact.c_str()).y;
    touchui::DrawCenteredText(d, f.bold, f.bold->FontSize, ImVec2(margin, y), ImVec2(display.x - margin, y + contact_h),
                              p.text, contact.c_str());
  }
  void Dump(nlohmann::json& state) const override { (void)state; }
};

}  // namespace

std::unique_ptr<Screen> MakeGuideScreen() { return std::make_unique<GuideScreen>(); }
std::unique_ptr<Screen> MakeMaintenanceScreen() { return std::make_unique<MaintenanceScreen>(); }

}  // namespace kiosk
