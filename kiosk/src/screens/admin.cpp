// kiosk/screens/admin.cpp: the technician's screens: the PIN pad (reached by holding the
// top-left corner), the admin screen (sync now, roll back, install from USB, network
// check; the pack, the sync state and the next scheduled run, free disk, the device, the
// settings file's problems, the log's newest lines; text size/contrast for this view,
// exit when allowed) and a touch test pattern. docs/kiosk-shell.md, "Admin screen".
#include <sys/utsname.h>

#include <algorithm>

#include "admin_tasks.hpp"
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
    state["admin"]["pin_keys_enabled"] = keys_enabled_;
    state["admin"]["pin_message_shown"] = message_shown_;
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
      message = ui.Fill("pin.locked", "wait", WaitText(ui, lock.RemainingSeconds()));
      ui.RequestFrameAt(now_ms + 1000);  // the displayed second changes
    }
    message_shown_ = message;
    const float msg_h = f.bold->CalcTextSizeA(f.bold->FontSize, FLT_MAX, display.x - 2 * ui.Margin(), message.c_str()).y;
    touchui::DrawCenteredText(d, f.bold, f.bold->FontSize, ImVec2(ui.Margin(), y),
                              ImVec2(display.x - ui.Margin(), y + std::max(msg_h, f.bold->FontSize * 1.4f)), p.danger,
                              message.c_str());
    y += std::max(msg_h, f.bold->FontSize * 1.4f) + f.bold->FontSize * 0.4f;

    const char* keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"};
    for (int i = 0; i < 12; ++i) {
      const int row = i / 3, col = i % 3;
      const ImVec2 at(x0 + (float)col * (key + gap), y + (float)row * (key * 0.8f + gap));
      const ImVec2 size(key, key * 0.8f);
      const std::string target = std::string("pin:") + keys[i];
      const char* label = i == 9 ? ui.S("pin.clear") : i == 11 ? ui.S("pin.ok") : keys[i];
      ImFont* font = i == 9 || i == 11 ? f.bold : f.title;
      if (locked) {
        // Locked: flat grey keys that do not react (no button under them), so nobody
        // presses on and wonders why nothing happens; the message above says how long.
        const ImVec2 end(at.x + size.x, at.y + size.y);
        d->AddRectFilled(at, end, p.background, p.rounding);
        d->AddRect(at, end, p.border, p.rounding, 0, p.border_width);
        touchui::DrawCenteredText(d, font, font->FontSize, at, end, (p.muted & 0x00FFFFFF) | 0x80000000, label);
        ui.TargetRectNow(target, at, end);  // scripts may still tap it: nothing happens
        continue;
      }
      ImGui::SetCursorScreenPos(at);
      const touchui::ButtonKind kind = i == 11 ? touchui::ButtonKind::Primary : touchui::ButtonKind::Surface;
      if (ui.Button(target, label, size, kind, font)) {
        if (i == 9) entry_.clear();
        else if (i == 11) Submit(ui);
        else if (entry_.size() < 12) entry_ += keys[i];
        if (i != 11) message_.clear();
      }
    }
    keys_enabled_ = !locked;
  }

  // "45 giây", "4 phút 10 giây", "2 giờ 5 phút".
  static std::string WaitText(const Ui& ui, int64_t seconds) {
    std::string text;
    if (seconds < 60) return ui.Fill("pin.wait_seconds", "n", std::to_string(seconds));
    if (seconds < 3600) {
      text = ui.Fill("pin.wait_minutes", "m", std::to_string(seconds / 60));
      const std::string slot = "{s}";
      const size_t at = text.find(slot);
      if (at != std::string::npos) text.replace(at, slot.size(), std::to_string(seconds % 60));
      return text;
    }
    text = ui.Fill("pin.wait_hours", "h", std::to_string(seconds / 3600));
    const std::string slot = "{m}";
    const size_t at = text.find(slot);
    if (at != std::string::npos) text.replace(at, slot.size(), std::to_string(seconds % 3600 / 60));
    return text;
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
  std::string message_shown_;  // what the pad says this frame (the lock's wait included)
  bool keys_enabled_ = true;
};

// The technician's screen. Actions first (sync now, roll back, USB, network check), then
// what the job is doing or did, the pack and the sync state, the device, and the log's
// newest lines in a panel fixed at the bottom (never scrolled away). Long work runs in
// AdminTasks (admin_tasks.hpp): a kiosk-sync child polled each frame, so no frame waits.
// The text size and contrast buttons act on this view; leaving the screen resets the
// session (app.cpp), so they never reach a citizen.
class AdminScreen final : public Screen {
 public:
  bool Moving() const override { return scroll_.IsMoving(); }
  bool Busy() const override { return tasks_ && tasks_->Busy(); }
  const touchui::TouchScroller* PageScroller() const override { return &scroll_; }

  void Dump(nlohmann::json& state) const override {
    nlohmann::json& a = state["admin"];
    a["pack"] = pack_summary_;
    a["pack_id"] = pack_id_;
    a["pack_version"] = pack_version_;
    a["pack_created"] = pack_created_;
    a["counts"] = counts_json_;
    a["free_bytes"] = free_bytes_;
    a["next_run"] = next_run_;
    a["log_lines_shown"] = log_shown_;
    a["log_newest"] = log_tail_.empty() ? std::string() : log_tail_.back();
    if (tasks_) {
      const nlohmann::json t = tasks_->Dump();
      a["job"] = t["job"];
      a["usb"] = t["usb"];
      a["sync"] = t["status"];
    }
    a["message"] = message_;
  }

  void Draw(Ui& ui, int64_t now_ms) override {
    if (!entered_) Enter(ui);
    AdminTasks& tasks = *tasks_;
    const bool changed = tasks.Poll();
    const std::vector<AdminTasks::JournalLine> journal = tasks.TakeJournal();
    for (const AdminTasks::JournalLine& line : journal) {
      if (line.warn) ui.Logger().Warn(line.text);
      else ui.Logger().Info(line.text);
    }
    for (const AdminTasks::JournalLine& line : journal) log_tail_.push_back(line.text);
    if (log_tail_.size() > 30) log_tail_.erase(log_tail_.begin(), log_tail_.end() - 30);
    if (changed) AfterJob(ui);
    if (tasks.Busy()) ui.RequestFrameAt(now_ms + AdminTasks::kPollMs);

    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    const ImVec2 display = ui.Display();
    const float margin = ui.Margin();
    const float top = ui.Header(ui.S("admin.title"));
    // The log panel: at least four lines, about a quarter of the screen.
    const float line_h = f.body->FontSize * 1.25f;
    const float log_h = std::max(line_h * 5.5f, (display.y - top) * 0.27f);
    ImGui::SetCursorScreenPos(ImVec2(0, top));
    ui.BeginScroll(scroll_, "##admin", ImVec2(display.x, display.y - top - log_h));
    ImGui::SetCursorPos(ImVec2(margin, ImGui::GetCursorPosY() + margin * 0.5f));

    // [actions]
    const bool running = tasks.Job().running;
    const std::vector<Ui::RowButton> actions = {
        {"admin:sync", ui.S("admin.sync_now"), touchui::ButtonKind::Primary},
        {"admin:rollback", ui.S("admin.rollback"), touchui::ButtonKind::Surface},
        {"admin:usb", ui.S("admin.usb"), touchui::ButtonKind::Surface},
        {"admin:network", ui.S("admin.network"), touchui::ButtonKind::Surface},
    };
    const int action = ui.ButtonRow(actions, 300.f * s);
    if (action >= 0 && running) {
      message_ = ui.S("admin.busy");
    } else if (action >= 0) {
      message_.clear();
      static const char* kNames[] = {"sync now", "roll back", "install from USB", "network check"};
      ui.Logger().Info(std::string("admin: ") + kNames[action] + " started");
      const bool started = action == 0   ? tasks.StartSync()
                           : action == 1 ? tasks.StartRollback()
                           : action == 2 ? tasks.StartUsbInstall()
                                         : tasks.StartNetworkCheck();
      if (!started) ui.Logger().Error(std::string("admin: ") + kNames[action] + ": " + tasks.Job().error);
      ui.RequestFrame(2);
    }
    if (!message_.empty()) ui.Text(message_, f.bold, p.danger);

    // [the job]
    DrawJob(ui, tasks);

    // [pack and sync]
    ui.SectionHeading(ui.S("admin.section_pack"));
    ui.Facts({{ui.S("admin.pack_id"), pack_id_},
              {ui.S("admin.pack_version"), pack_version_ ? std::to_string(pack_version_) : std::string()},
              {ui.S("admin.pack_created"), pack_created_},
              {ui.S("admin.pack_counts"), counts_},
              {ui.S("admin.pack_file"), pack_file_},
              {ui.S("admin.no_pack"), pack_error_}});
    ui.SectionHeading(ui.S("admin.section_sync"));
    ui.Facts(SyncFacts(ui, tasks.Status(), tasks.StatusLoading()));

    // [this view]
    ui.SectionHeading(ui.S("admin.section_device"));
    std::vector<Ui::RowButton> view = {
        {"admin:text_size", ui.S("admin.text_size"), touchui::ButtonKind::Surface},
        {"admin:contrast", ui.S("admin.contrast"), touchui::ButtonKind::Surface},
        {"admin:touch_test", ui.S("admin.touch_test"), touchui::ButtonKind::Surface},
    };
    if (ui.Config().allow_exit) view.push_back({"admin:exit", ui.S("admin.exit"), touchui::ButtonKind::Primary});
    const int pressed = ui.ButtonRow(view, 300.f * s);
    SessionStyle& st = ui.Style();
    if (pressed == 0) {
      st.text_size = st.text_size == touchui::TextSize::Normal  ? touchui::TextSize::Large
                     : st.text_size == touchui::TextSize::Large ? touchui::TextSize::ExtraLarge
                                                                : touchui::TextSize::Normal;
      st.changed = true;
    }
    if (pressed == 1) {
      st.high_contrast = !st.high_contrast;
      st.changed = true;
    }
    if (pressed == 2) ui.Nav().Push(Route{"touch_test", "", "", ""});
    if (pressed == 3) {
      ui.Logger().Info("exit from the admin screen");
      ui.RequestQuit();
    }
    ui.Facts(DeviceFacts(ui));
    if (!ui.Lock().StorageProblem().empty()) {
      ui.Text(ui.S("admin.lock_storage"), f.heading, p.danger);
      ui.Text(ui.Lock().StorageProblem(), f.body, p.danger);
    }
    if (!ui.Config().problems.empty()) {
      ui.Text(ui.S("admin.problems"), f.heading, p.danger);
      for (const std::string& problem : ui.Config().problems) ui.Text(problem, f.body, p.danger);
    }
    ImGui::Dummy(ImVec2(1, margin));
    ui.EndScroll();

    DrawLog(ui, ImVec2(0, display.y - log_h), ImVec2(display.x, display.y));
  }

 private:
  // The only I/O of the admin screen outside AdminTasks: once when it opens, and once
  // after each job (the pack's counts are a cached query of the open pack).
  void Enter(Ui& ui) {
    entered_ = true;
    if (!g_tasks) g_tasks = std::make_unique<AdminTasks>(ui.Config());
    tasks_ = g_tasks.get();
    ContentService& c = ui.Content();
    if (c.HasPack()) {
      const pack::PackMeta& m = c.Reader()->Meta();
      pack_summary_ = m.id + " v" + std::to_string(m.version) + " (" + m.created + ")  " + c.Path();
      pack_id_ = m.id;
      pack_version_ = m.version;
      pack_created_ = m.created;
      pack_file_ = c.Path();
      counts_.clear();
      counts_json_ = nlohmann::json::object();
      if (auto counts = c.Reader()->CountsByType(); counts.ok()) {
        for (const auto& [type, n] : *counts) {
          const std::string name(pack::ItemTypeName(type));
          counts_json_[name] = n;
          counts_ += (counts_.empty() ? "" : ", ") + std::string(ItemTypeLabel(ui, name)) + ": " + std::to_string(n);
        }
      } else {
        counts_ = counts.error();
      }
    } else {
      pack_summary_ = std::string(ui.S("admin.no_pack")) + ": " + c.Error();
      pack_error_ = c.Error();
    }
    if (!tasks_->Busy()) tasks_->RefreshStatus();
    AfterJob(ui);
  }

  void AfterJob(Ui& ui) {
    log_tail_ = ui.Logger().Tail(30);
    free_bytes_ = FreeBytes(ui.Config().data_dir);
    next_run_ = NextSyncWindow(ui.Clock().WallSeconds(), ui.Config().sync_time_minutes, ui.Config().sync_window_minutes);
  }

  static std::string Mb(int64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", (double)bytes / 1e6);
    return text;
  }

  void DrawJob(Ui& ui, const AdminTasks& tasks) {
    const JobView& job = tasks.Job();
    if (job.kind.empty()) return;
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    const char* title = job.kind == "sync"       ? ui.S("admin.sync_now")
                        : job.kind == "rollback" ? ui.S("admin.rollback")
                        : job.kind == "usb"      ? ui.S("admin.usb")
                                                 : ui.S("admin.network");
    ui.SectionHeading(title);
    if (job.kind == "usb" && !tasks.Usb().path.empty())
      ui.Text(ui.Fill("admin.usb_found", "path", tasks.Usb().path), f.body, p.text);
    if (job.running) {
      const char* stage = job.stage == "search"     ? ui.S("admin.stage_search")
                          : job.stage == "check"    ? ui.S("admin.stage_check")
                          : job.stage == "manifest" ? ui.S("admin.stage_manifest")
                          : job.stage == "download" ? ui.S("admin.stage_download")
                          : job.stage == "rebuild"  ? ui.S("admin.stage_rebuild")
                          : job.stage == "install"  ? ui.S("admin.stage_install")
                                                    : ui.S("admin.stage_start");
      std::string line = stage;
      if (job.total > 0) line += "  " + Mb(job.done) + " / " + Mb(job.total);
      ui.Text(line, f.bold, p.text);
      // A bar for the download; a full bar stays empty until bytes flow.
      const float w = ui.Display().x - 2 * ui.Margin(), h = 18.f * s;
      ImGui::SetCursorPosX(ui.Margin());
      const ImVec2 a = ImGui::GetCursorScreenPos();
      ImGui::Dummy(ImVec2(w, h));
      ImDrawList* d = ImGui::GetWindowDrawList();
      d->AddRectFilled(a, ImVec2(a.x + w, a.y + h), p.surface, h * 0.5f);
      if (job.total > 0)
        d->AddRectFilled(a, ImVec2(a.x + w * std::clamp((float)job.done / (float)job.total, 0.f, 1.f), a.y + h), p.primary,
                         h * 0.5f);
      d->AddRect(a, ImVec2(a.x + w, a.y + h), p.border, h * 0.5f, 0, p.border_width);
      if (!job.last_log.empty()) ui.Text(job.last_log, f.body, p.muted);
      return;
    }
    const bool ok = job.result == "updated" || job.result == "current" || job.result == "rollback" || job.result == "ok";
    std::string headline;
    if (job.result == "updated") headline = ui.Fill("admin.result_updated", "version", std::to_string(job.to_version));
    else if (job.result == "current") headline = ui.S("admin.result_current");
    else if (job.result == "rollback") headline = ui.Fill("admin.result_rollback", "version", std::to_string(job.to_version));
    else if (job.result == "ok") headline = ui.S("admin.result_network_ok");
    else if (job.result == "none") headline = ui.S("admin.result_no_usb");
    else if (job.kind == "usb") headline = ui.S("admin.result_usb_refused");
    else if (job.kind == "network") headline = ui.S("admin.result_network_failed");
    else headline = ui.S("admin.result_failed");
    ui.Text(headline, f.heading, ok ? p.text : p.danger);
    for (const CheckLineView& c : job.checks) {
      const char* name = c.check == "dns" ? ui.S("admin.check_dns") : c.check == "clock" ? ui.S("admin.check_clock")
                                                                                         : ui.S("admin.check_portal");
      ui.Text(std::string(c.ok ? ui.S("admin.pass") : ui.S("admin.fail")) + "  " + name +
                  (c.target.empty() ? "" : " " + c.target) + ": " + c.detail,
              c.ok ? f.body : f.bold, c.ok ? p.text : p.danger);
    }
    if (!job.error.empty()) ui.Text(job.error, f.body, p.danger);
    else if (!job.note.empty()) ui.Text(job.note, f.body, p.muted);
  }

  std::vector<std::pair<std::string, std::string>> SyncFacts(Ui& ui, const SyncStatusView& st, bool loading) {
    std::vector<std::pair<std::string, std::string>> rows;
    if (!st.loaded) {
      rows.push_back({ui.S("admin.sync_status"), loading ? ui.S("admin.loading") : st.error});
    } else {
      std::string last = ui.S("admin.never");
      if (!st.last_time.empty()) {
        last = st.last_time + "  " + st.last_result;
        if (st.last_version) last += " (v" + std::to_string(st.last_version) + ")";
        if (!st.last_detail.empty()) last += ": " + st.last_detail;
      }
      rows.push_back({ui.S("admin.last_sync"), last});
      rows.push_back({ui.S("admin.installed"), st.current_version ? "v" + std::to_string(st.current_version) : "-"});
      rows.push_back({ui.S("admin.previous"), st.previous_version ? "v" + std::to_string(st.previous_version)
                                                                  : std::string(ui.S("admin.none"))});
      rows.push_back({ui.S("admin.trusted"), "v" + std::to_string(st.trusted_version) +
                                                 (st.expires.empty() ? "" : ", " + std::string(ui.S("admin.expires")) + " " + st.expires)});
      if (st.held_version) rows.push_back({ui.S("admin.held"), "v" + std::to_string(st.held_version)});
      if (st.frozen) rows.push_back({ui.S("admin.frozen"), st.frozen_reason});
    }
    rows.push_back({ui.S("admin.next_sync"), next_run_});
    rows.push_back({ui.S("admin.free_disk"),
                    free_bytes_ < 0 ? std::string("?") : Mb(free_bytes_) + " (" + ui.Config().data_dir + ")"});
    return rows;
  }

  std::vector<std::pair<std::string, std::string>> DeviceFacts(Ui& ui) {
    struct utsname u{};
    uname(&u);
    const std::string os = std::string(u.sysname) + " " + u.release + " " + u.machine;
    touchui::Backend& b = ui.Backend();
    char display_text[200];
    std::snprintf(display_text, sizeof display_text, "%dx%d, %.0f dpi%s, %s; %s", b.Width(), b.Height(), b.Dpi(),
                  b.DpiMeasured() ? "" : " (assumed)", b.DriverName().c_str(), b.GlRenderer().c_str());
    return {{ui.S("admin.app_version"), KIOSK_APP_VERSION},
            {ui.S("admin.os"), os},
            {ui.S("admin.display"), display_text},
            {ui.S("admin.settings"), ui.Config().path.empty() ? std::string("(built-in defaults)") : ui.Config().path},
            {ui.S("admin.commune"), ui.Config().commune.empty() ? std::string("(commune = )") : ui.Config().commune}};
  }

  // The newest lines at the bottom; older ones above as far as the panel reaches.
  void DrawLog(Ui& ui, ImVec2 a, ImVec2 b) {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float margin = ui.Margin();
    ImDrawList* d = ImGui::GetWindowDrawList();
    d->AddRectFilled(a, b, p.surface);
    d->AddLine(a, ImVec2(b.x, a.y), p.border, p.border_width * 2);
    const float pad = 10.f * ui.Scale();
    d->AddText(f.bold, f.bold->FontSize, ImVec2(margin, a.y + pad), p.text, ui.S("admin.log"));
    const float text_top = a.y + pad + f.bold->FontSize * 1.3f;
    const float width = b.x - 2 * margin;
    float y = b.y - pad;
    log_shown_ = 0;
    d->PushClipRect(ImVec2(a.x, text_top), b, true);
    for (auto it = log_tail_.rbegin(); it != log_tail_.rend(); ++it) {
      const float h = f.body->CalcTextSizeA(f.body->FontSize, FLT_MAX, width, it->c_str()).y;
      if (y - h < text_top) break;
      y -= h;
      d->AddText(f.body, f.body->FontSize, ImVec2(margin, y), p.muted, it->c_str(), nullptr, width);
      ++log_shown_;
    }
    d->PopClipRect();
  }

  static inline std::unique_ptr<AdminTasks> g_tasks;  // outlives the screen: a sync keeps running
  AdminTasks* tasks_ = nullptr;
  bool entered_ = false;
  touchui::TouchScroller scroll_;
  std::string pack_summary_, pack_id_, pack_created_, pack_file_, pack_error_, counts_;
  int64_t pack_version_ = 0;
  nlohmann::json counts_json_ = nlohmann::json::object();
  int64_t free_bytes_ = -1;
  std::string next_run_;
  std::vector<std::string> log_tail_;
  int log_shown_ = 0;
  std::string message_;
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
