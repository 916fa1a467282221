// kiosk/screens/admin.cpp: the technician's screens: the PIN pad (reached by holding the
// top-left corner), the admin screen (device and versions, the pack, the settings file's
// problems, the log tail, text size/contrast toggles, exit when allowed) and a touch test
// pattern. Sync controls come with Screens II.
#include <sys/utsname.h>

#include <algorithm>

#include "content.hpp"
#include "screens/screens.hpp"

#ifndef KIOSK_APP_VERSION
#define KIOSK_APP_VERSION "0.0.0"
#endif

namespace kiosk {
namespace {

// Digits are shown as dots. While the pad is locked (admin_lock.hpp) the keys are greyed
// and the remaining time counts down once a second.
class PinScreen final : public Screen {
 public:
  void Dump(nlohmann::json& state) const override {
    state["admin"]["pin_digits"] = entry_.size();
    state["admin"]["message"] = message_;
  }

  void Draw(Ui& ui, int64_t now_ms) override {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    const ImVec2 display = ui.Display();
    const float top = ui.Header(ui.S("pin.title"));
    ImDrawList* d = ImGui::GetWindowDrawList();
    AdminLock& lock = ui.Lock();
    const bool locked = lock.IsLocked();

    const float key = std::min({150.f * s * std::max(1.f, f.body_px / (30.f * s)), (display.y - top) / 7.2f,
                                (display.x - 2 * ui.Margin()) / 3.4f});
    const float gap = 20.f * s;
    const float pad_w = key * 3 + gap * 2;
    const float x0 = (display.x - pad_w) * 0.5f;
    float y = top + 30.f * s;
    y += touchui::DrawCenteredText(d, f.heading, f.heading->FontSize, ImVec2(0, y),
                                   ImVec2(display.x, y + f.heading->FontSize * 1.3f), p.text, ui.S("pin.prompt"));
    const size_t places = std::max<size_t>(4, entry_.size());
    const float r = 14.f * s, step = 44.f * s;
    const float dots_x = display.x * 0.5f - step * (float)(places - 1) * 0.5f;
    y += 30.f * s;
    for (size_t i = 0; i < places; ++i) {
      const ImVec2 c(dots_x + step * (float)i, y + r);
      if (i < entry_.size()) d->AddCircleFilled(c, r, p.text);
      else d->AddCircle(c, r, p.muted, 0, 3.f * s);
    }
    y += r * 2 + 20.f * s;
    std::string message = message_;
    if (locked) {
      message = ui.Fill("pin.locked", "seconds", std::to_string(lock.RemainingSeconds()));
      ui.RequestFrameAt(now_ms + 1000);  // the displayed second changes
    }
    const float msg_h = f.bold->CalcTextSizeA(f.bold->FontSize, FLT_MAX, display.x - 2 * ui.Margin(), message.c_str()).y;
    touchui::DrawCenteredText(d, f.bold, f.bold->FontSize, ImVec2(ui.Margin(), y),
                              ImVec2(display.x - ui.Margin(), y + std::max(msg_h, f.bold->FontSize * 1.4f)), p.danger,
                              message.c_str());
    y += std::max(msg_h, f.bold->FontSize * 1.4f) + f.bold->FontSize * 0.4f;

    const char* keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"};
    if (locked) ImGui::BeginDisabled();
    for (int i = 0; i < 12; ++i) {
      const int row = i / 3, col = i % 3;
      ImGui::SetCursorScreenPos(ImVec2(x0 + (float)col * (key + gap), y + (float)row * (key * 0.8f + gap)));
      const std::string target = std::string("pin:") + keys[i];
      const char* label = i == 9 ? ui.S("pin.clear") : i == 11 ? ui.S("pin.ok") : keys[i];
      const touchui::ButtonKind kind = i == 11 ? touchui::ButtonKind::Primary : touchui::ButtonKind::Surface;
      ImFont* font = i == 9 || i == 11 ? f.bold : f.title;
      if (ui.Button(target, label, ImVec2(key, key * 0.8f), kind, font)) {
        if (i == 9) entry_.clear();
        else if (i == 11) Submit(ui);
        else if (entry_.size() < 12) entry_ += keys[i];
        if (i != 11) message_.clear();
      }
    }
    if (locked) ImGui::EndDisabled();
  }

 private:
  void Submit(Ui& ui) {
    AdminLock& lock = ui.Lock();
    const AdminLock::Outcome outcome = lock.Try(entry_, ui.Config().admin_pin_hash);
    entry_.clear();
    switch (outcome) {
      case AdminLock::Outcome::Accepted:
        ui.Logger().Info("admin PIN accepted");
        message_.clear();
        ui.Nav().Replace(Route{"admin", "", "", ""});
        break;
      case AdminLock::Outcome::Wrong:
        ui.Logger().Warn("wrong admin PIN (" + std::to_string(lock.Failures()) + " in a row)");
        message_ = ui.S("pin.wrong");
        break;
      case AdminLock::Outcome::Locked:
        message_.clear();
        break;
      case AdminLock::Outcome::NoPinSet:
        ui.Logger().Warn("admin PIN pad used but admin_pin_hash is not set");
        message_ = ui.S("pin.not_set");
        break;
      case AdminLock::Outcome::Error:
        ui.Logger().Error("admin PIN: " + lock.LastError());
        message_ = ui.S("pin.error");
        break;
    }
    ui.RequestFrame(2);
  }

  std::string entry_;
  std::string message_;
};

class AdminScreen final : public PageScreen {
 public:
  void Dump(nlohmann::json& state) const override { state["admin"]["pack"] = pack_summary_; }

  void Draw(Ui& ui, int64_t) override {
    if (!entered_) Enter(ui);
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    const ImVec2 display = ui.Display();
    const float margin = ui.Margin();
    const float top = ui.Header(ui.S("admin.title"));
    BeginPage(ui, top, "##admin");

    // Actions first: the technician came to do something.
    std::vector<Ui::RowButton> buttons = {
        {"admin:touch_test", ui.S("admin.touch_test"), touchui::ButtonKind::Surface},
        {"admin:text_size", ui.S("home.text_size"), touchui::ButtonKind::Surface},
        {"admin:contrast", ui.S("home.contrast"), touchui::ButtonKind::Surface},
    };
    if (ui.Config().allow_exit) buttons.push_back({"admin:exit", ui.S("admin.exit"), touchui::ButtonKind::Primary});
    const int pressed = ui.ButtonRow(buttons, 330.f * s);
    SessionStyle& st = ui.Style();
    if (pressed == 0) ui.Nav().Push(Route{"touch_test", "", "", ""});
    if (pressed == 1) {
      st.text_size = st.text_size == touchui::TextSize::Normal  ? touchui::TextSize::Large
                     : st.text_size == touchui::TextSize::Large ? touchui::TextSize::ExtraLarge
                                                                : touchui::TextSize::Normal;
      st.changed = true;
    }
    if (pressed == 2) {
      st.high_contrast = !st.high_contrast;
      st.changed = true;
    }
    if (pressed == 3) {
      ui.Logger().Info("exit from the admin screen");
      ui.RequestQuit();
    }

    // Facts, as label: value rows (label above value on a narrow screen).
    struct utsname u{};
    uname(&u);
    const std::string os = std::string(u.sysname) + " " + u.release + " " + u.machine;
    touchui::Backend& b = ui.Backend();
    char display_text[240];
    char turned[48] = "";
    if (b.Rotation() != 0) std::snprintf(turned, sizeof turned, " (rotation %d)", b.Rotation());
    std::snprintf(display_text, sizeof display_text, "%dx%d%s, %.0f dpi%s, %s; %s", b.Width(), b.Height(), turned,
                  b.Dpi(), b.DpiMeasured() ? "" : " (assumed)", b.DriverName().c_str(), b.GlRenderer().c_str());
    const std::pair<const char*, std::string> rows[] = {
        {"admin.app_version", KIOSK_APP_VERSION},
        {"admin.pack", pack_summary_},
        {"admin.os", os},
        {"admin.display", display_text},
        {"admin.settings", ui.Config().path.empty() ? std::string("(built-in defaults)") : ui.Config().path},
        {"admin.commune", ui.Config().commune.empty() ? std::string("(commune = )") : ui.Config().commune},
    };
    const float label_w = f.bold->FontSize * 9.f;
    const bool side_by_side = display.x - 2 * margin > label_w * 2.5f;
    ImGui::PushTextWrapPos(display.x - margin);
    for (const auto& [key, value] : rows) {
      ImGui::SetCursorPosX(margin);
      touchui::Paragraph(ui.S(key), f.bold, p.muted);
      if (side_by_side) ImGui::SameLine(margin + label_w);
      else ImGui::SetCursorPosX(margin);
      touchui::Paragraph(value.c_str(), f.body, p.text);
    }
    ImGui::PopTextWrapPos();
    if (!ui.Lock().StorageProblem().empty()) {
      ui.Text(ui.S("admin.lock_storage"), f.heading, p.danger);
      ui.Text(ui.Lock().StorageProblem(), f.body, p.danger);
    }
    if (!ui.Config().problems.empty()) {
      ui.Text(ui.S("admin.problems"), f.heading, p.danger);
      for (const std::string& problem : ui.Config().problems) ui.Text(problem, f.body, p.danger);
    }
    ui.Text(ui.S("admin.log"), f.heading, p.text);
    for (const std::string& line : log_tail_) ui.Text(line, f.body, p.muted);
    EndPage(ui);
  }

 private:
  // The only I/O of the admin screen happens here, once, when it opens.
  void Enter(Ui& ui) {
    entered_ = true;
    ContentService& c = ui.Content();
    if (c.HasPack()) {
      const pack::PackMeta& m = c.Reader()->Meta();
      pack_summary_ = m.id + " v" + std::to_string(m.version) + " (" + m.created + ")  " + c.Path();
    } else {
      pack_summary_ = std::string(ui.S("admin.no_pack")) + ": " + c.Error();
    }
    log_tail_ = ui.Logger().Tail(30);
  }

  bool entered_ = false;
  std::string pack_summary_;
  std::vector<std::string> log_tail_;
};

class TouchTestScreen final : public Screen {
 public:
  void Draw(Ui& ui, int64_t) override {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    const ImVec2 display = ui.Display();
    touchui::Backend& b = ui.Backend();
    touchui::TouchInput& in = ui.Input();
    ImDrawList* d = ImGui::GetWindowDrawList();
    // A grid every 2 cm: lines that bend under a finger show a miscalibrated panel.
    const float step = std::max(40.f, b.MmToPx(20.f));
    for (float x = 0; x < display.x; x += step) d->AddLine(ImVec2(x, 0), ImVec2(x, display.y), p.border, 1.f);
    for (float y = 0; y < display.y; y += step) d->AddLine(ImVec2(0, y), ImVec2(display.x, y), p.border, 1.f);
    touchui::DrawCenteredText(d, f.heading, f.heading->FontSize, ImVec2(ui.Margin(), 0),
                              ImVec2(display.x - ui.Margin(), display.y * 0.3f), p.text, ui.S("touch.hint"));
    if (in.IsDown()) {
      if (trail_.empty() || trail_.back().x != in.Pos().x || trail_.back().y != in.Pos().y) trail_.push_back(in.Pos());
      if (trail_.size() > 4000) trail_.erase(trail_.begin(), trail_.begin() + 1000);
    }
    if (trail_.size() > 1) d->AddPolyline(trail_.data(), (int)trail_.size(), p.primary, 0, 5.f * s);
    if (in.IsDown()) {
      const ImVec2 c = in.Pos();
      d->AddCircle(c, b.MmToPx(8.f), p.danger, 0, 4.f * s);
      d->AddLine(ImVec2(c.x, 0), ImVec2(c.x, display.y), p.danger, 2.f * s);
      d->AddLine(ImVec2(0, c.y), ImVec2(display.x, c.y), p.danger, 2.f * s);
    }
    const ImVec2 size(std::max(260.f * s, f.bold->FontSize * 7.f), f.bold->FontSize * 2.6f);
    ImGui::SetCursorScreenPos(ImVec2(display.x - size.x - 40.f * s, 40.f * s));
    if (ui.Button("touch:done", ui.S("touch.done"), size, touchui::ButtonKind::Primary, f.bold)) ui.Nav().Back();
  }

 private:
  std::vector<ImVec2> trail_;
};

}  // namespace

std::unique_ptr<Screen> MakePinScreen() { return std::make_unique<PinScreen>(); }
std::unique_ptr<Screen> MakeAdminScreen() { return std::make_unique<AdminScreen>(); }
std::unique_ptr<Screen> MakeTouchTestScreen() { return std::make_unique<TouchTestScreen>(); }

}  // namespace kiosk
