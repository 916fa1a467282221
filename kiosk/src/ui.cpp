// kiosk/ui.cpp: the screens' shared context and pieces (see ui.hpp).
#include "ui.hpp"

#include "content.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>

namespace kiosk {

float TextHeight(ImFont* font, const std::string& text, float width) {
  if (text.empty()) return 0;
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, width, text.c_str()).y;
}

std::string ShowDate(const std::string& iso) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 ||
      d < 1 || d > 31)
    return iso;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d, m, y);
  return buf;
}


std::string Ui::Fill(const char* key, const std::string& name, const std::string& value) const {
  return Fill(key, {{name, value}});
}

std::string Ui::Fill(const char* key, std::initializer_list<std::pair<std::string, std::string>> values) const {
  std::string text = S(key);
  for (const auto& [name, value] : values) {
    const std::string slot = "{" + name + "}";
    for (size_t at = text.find(slot); at != std::string::npos; at = text.find(slot, at + value.size()))
      text.replace(at, slot.size(), value);
  }
  return text;
}

float Ui::Margin() const {
  // Narrow (portrait) screens keep more of their width for text.
  return (Portrait() ? 32.f : 48.f) * Scale();
}

void Ui::Target(const std::string& name) {
  TargetRectNow(name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

void Ui::TargetRectNow(const std::string& name, ImVec2 a, ImVec2 b) {
  TargetRect t;
  t.rect = ImVec4(a.x, a.y, b.x, b.y);
  if (scroller_) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    t.scroller = scroller_;
    t.local_top = a.y - w->Pos.y + w->Scroll.y;
    t.local_bottom = b.y - w->Pos.y + w->Scroll.y;
    t.clip = ImVec4(w->InnerClipRect.Min.x, w->InnerClipRect.Min.y, w->InnerClipRect.Max.x,
                    w->InnerClipRect.Max.y);
  }
  targets_[name] = t;
}

void Ui::MarkdownTargets(const touchui::MarkdownView& view) {
  for (const touchui::MarkdownTarget& t : view.Targets()) {
    if (t.kind != touchui::MarkdownTarget::Kind::Link) continue;
    const std::string name = "link:" + std::to_string(t.index);
    if (!targets_.count(name)) TargetRectNow(name, t.min, t.max);
  }
}

void Ui::BeginScroll(touchui::TouchScroller& scroller, const char* id, ImVec2 size) {
  scroller.Begin(id, size, *d_.input);
  scroller_ = &scroller;
}

void Ui::EndScroll() {
  scroller_->End();
  scroller_ = nullptr;
}

float Ui::Header(const char* title, bool home_screen) {
  const touchui::Palette& p = P();
  const touchui::FontSet& f = Fonts();
  const float s = Scale();
  const ImVec2 display = Display();
  const float margin = Margin();
  const float pad = 14.f * s;
  const float button_h = std::max(84.f * s, f.bold->FontSize * 2.4f);
  const float bar_h = button_h + 2 * pad;
  float title_x = margin;
  float y_end = bar_h;
  ImDrawList* draw = ImGui::GetWindowDrawList();

  // Buttons first, then decide where the title fits.
  const std::string back = std::string("\xE2\x86\x90  ") + S("nav.back");
  const std::string home = S("nav.home");
  float back_w = 0, home_w = 0;
  if (!home_screen) {
    back_w = HeaderButtonWidth(back);
    home_w = HeaderButtonWidth(home);
    title_x = margin + back_w + home_w + 2 * pad + margin * 0.5f;
  }
  std::string title_text = title ? title : "";
  ImFont* tf = f.heading;
  const float avail = display.x - title_x - margin;
  // The longest word must fit, and the title in two lines; else it takes its own row.
  float longest_word = 0;
  {
    size_t start = 0;
    while (start < title_text.size()) {
      size_t end = title_text.find(' ', start);
      if (end == std::string::npos) end = title_text.size();
      longest_word = std::max(longest_word, tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0,
                                                              title_text.c_str() + start,
                                                              title_text.c_str() + end).x);
      start = end + 1;
    }
  }
  const float title_h_inline = TextHeight(tf, title_text, std::max(1.f, avail));
  const bool own_row = !home_screen && !title_text.empty() &&
                       (avail < longest_word || title_h_inline > bar_h - pad);
  float title_row_h = 0;
  if (own_row) title_row_h = TextHeight(tf, title_text, display.x - 2 * margin) + 2 * pad;
  y_end = bar_h + title_row_h;

  draw->AddRectFilled(ImVec2(0, 0), ImVec2(display.x, y_end), p.header);
  const float stripe = 6.f * s;
  draw->AddRectFilled(ImVec2(0, y_end), ImVec2(display.x, y_end + stripe), p.stripe);
  if (!touchui::HighContrast())
    draw->AddRectFilled(ImVec2(0, y_end + stripe), ImVec2(display.x, y_end + stripe * 1.6f),
                        IM_COL32(0xE8, 0xB9, 0x2F, 0xFF));

  if (!home_screen) {
    ImGui::SetCursorScreenPos(ImVec2(margin, pad));
    if (Button("nav:back", back.c_str(), ImVec2(back_w, button_h), touchui::ButtonKind::Surface, f.bold))
      Nav().Back();
    ImGui::SetCursorScreenPos(ImVec2(margin + back_w + pad * 2, pad));
    if (Button("nav:home", home.c_str(), ImVec2(home_w, button_h), touchui::ButtonKind::Surface, f.bold))
      Nav().Home();
  }
  if (!title_text.empty()) {
    if (own_row) {
      draw->AddText(tf, tf->FontSize, ImVec2(margin, bar_h + pad), p.header_text, title_text.c_str(),
                    nullptr, display.x - 2 * margin);
    } else {
      draw->AddText(tf, tf->FontSize, ImVec2(title_x, (bar_h - title_h_inline) * 0.5f), p.header_text,
                    title_text.c_str(), nullptr, std::max(1.f, avail));
    }
  }
  const float top = y_end + stripe * 1.6f;
  ImGui::SetCursorScreenPos(ImVec2(0, top));
  return top;
}

float Ui::HeaderButtonWidth(const std::string& label) const {
  const ImFont* bold = Fonts().bold;
  return std::max(200.f * Scale(), bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, label.c_str()).x + bold->FontSize * 1.6f);
}

bool Ui::Button(const std::string& target, const char* label, ImVec2 size, touchui::ButtonKind kind,
                ImFont* font) {
  const std::string id = std::string(label) + "##" + target;
  const bool pressed = touchui::TouchButton(id.c_str(), size, kind, font);
  Target(target);
  return pressed;
}

bool Ui::ListRow(const std::string& target, const std::string& title, const std::string& line1,
                 const std::string& line2, const std::string& badge, ImU32 badge_color, float width) {
  const touchui::Palette& p = P();
  const touchui::FontSet& f = Fonts();
  const float s = Scale();
  if (width <= 0) width = Display().x - 2 * Margin();
  const float pad = 24.f * s;
  float badge_w = 0, badge_h = 0;
  if (!badge.empty()) {
    const ImVec2 bs = f.body->CalcTextSizeA(f.body->FontSize, FLT_MAX, 0, badge.c_str());
    badge_w = std::min(bs.x + f.body->FontSize, width * 0.4f);
    badge_h = TextHeight(f.body, badge, badge_w - f.body->FontSize * 0.8f) + f.body->FontSize * 0.5f;
  }
  // The badge sits on the right of a wide row, and below the title of a narrow one.
  const bool badge_below = !badge.empty() && width < 900.f * s;
  const float text_w = width - 2 * pad - (badge.empty() || badge_below ? 0 : badge_w + pad);
  const float gap = f.body->FontSize * 0.25f;
  const float h1 = TextHeight(f.bold, title, text_w);
  const float h2 = TextHeight(f.body, line1, text_w);
  const float h3 = TextHeight(f.body, line2, text_w);
  float content_h = h1 + (h2 > 0 ? gap + h2 : 0) + (h3 > 0 ? gap + h3 : 0);
  if (badge_below) content_h += gap * 2 + badge_h;
  const float h = std::max(std::max(96.f * s, f.bold->FontSize * 2.6f), content_h + 2 * pad);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool pressed = ImGui::InvisibleButton(("##row" + target).c_str(), ImVec2(width, h));
  Target(target);
  const bool held = ImGui::IsItemActive();
  ImDrawList* d = ImGui::GetWindowDrawList();
  const ImVec2 end(pos.x + width, pos.y + h);
  if (ImGui::IsRectVisible(pos, end)) {
    d->AddRectFilled(pos, end, held ? p.surface_down : p.surface, p.rounding);
    d->AddRect(pos, end, p.border, p.rounding, 0, p.border_width);
    float y = pos.y + (h - content_h) * 0.5f;
    const float x = pos.x + pad;
    d->AddText(f.bold, f.bold->FontSize, ImVec2(x, y), p.text, title.c_str(), nullptr, text_w);
    y += h1;
    if (h2 > 0) {
      y += gap;
      d->AddText(f.body, f.body->FontSize, ImVec2(x, y), p.muted, line1.c_str(), nullptr, text_w);
      y += h2;
    }
    if (h3 > 0) {
      y += gap;
      d->AddText(f.body, f.body->FontSize, ImVec2(x, y), p.muted, line2.c_str(), nullptr, text_w);
      y += h3;
    }
    if (!badge.empty()) {
      const ImVec2 ba = badge_below ? ImVec2(x, y + gap * 2)
                                    : ImVec2(end.x - pad - badge_w, pos.y + (h - badge_h) * 0.5f);
      const ImVec2 bb(ba.x + badge_w, ba.y + badge_h);
      d->AddRectFilled(ba, bb, badge_color ? badge_color : p.muted, p.rounding * 0.5f);
      d->AddText(f.body, f.body->FontSize, ImVec2(ba.x + f.body->FontSize * 0.4f, ba.y + f.body->FontSize * 0.25f),
                 p.primary_text, badge.c_str(), nullptr, badge_w - f.body->FontSize * 0.8f);
    }
  }
  ImGui::Dummy(ImVec2(1, 14.f * s));
  return pressed;
}

void Ui::SectionHeading(const char* text) {
  const touchui::Palette& p = P();
  const float s = Scale();
  ImGui::Dummy(ImVec2(1, 18.f * s));
  ImGui::SetCursorPosX(Margin());
  ImGui::PushTextWrapPos(Display().x - Margin());
  touchui::Paragraph(text, Fonts().heading, touchui::HighContrast() ? p.primary : p.header);
  ImGui::PopTextWrapPos();
  const ImVec2 a = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(Margin(), a.y), ImVec2(Margin() + 120.f * s, a.y + 5.f * s),
                                            p.stripe);
  ImGui::Dummy(ImVec2(1, 14.f * s));
}

void Ui::Facts(const std::vector<std::pair<std::string, std::string>>& rows) {
  const touchui::Palette& p = P();
  const touchui::FontSet& f = Fonts();
  const float s = Scale();
  const float margin = Margin();
  const float width = Display().x - 2 * margin;
  const float pad = 24.f * s;
  const float label_w = std::min(width * 0.3f, f.bold->FontSize * 9.f);
  const bool beside = width - label_w - 3 * pad > f.body->FontSize * 14.f;
  const float value_w = beside ? width - label_w - 3 * pad : width - 2 * pad;
  const float gap = 14.f * s;
  float h = pad;
  std::vector<std::pair<float, float>> heights;  // label, value
  for (const auto& [label, value] : rows) {
    if (value.empty()) { heights.push_back({0, 0}); continue; }
    const float lh = TextHeight(f.bold, label, beside ? label_w : value_w);
    const float vh = TextHeight(f.body, value, value_w);
    heights.push_back({lh, vh});
    h += (beside ? std::max(lh, vh) : lh + vh + 4.f * s) + gap;
  }
  h += pad - gap;
  ImGui::SetCursorPosX(margin);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, h));
  ImDrawList* d = ImGui::GetWindowDrawList();
  d->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), p.surface, p.rounding);
  d->AddRect(pos, ImVec2(pos.x + width, pos.y + h), p.border, p.rounding, 0, p.border_width);
  float y = pos.y + pad;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& [label, value] = rows[i];
    if (value.empty()) continue;
    const auto [lh, vh] = heights[i];
    d->AddText(f.bold, f.bold->FontSize, ImVec2(pos.x + pad, y), p.muted, label.c_str(), nullptr,
               beside ? label_w : value_w);
    const float vx = beside ? pos.x + 2 * pad + label_w : pos.x + pad;
    const float vy = beside ? y : y + lh + 4.f * s;
    d->AddText(f.body, f.body->FontSize, ImVec2(vx, vy), p.text, value.c_str(), nullptr, value_w);
    y += (beside ? std::max(lh, vh) : lh + vh + 4.f * s) + gap;
  }
}

void Ui::Text(const std::string& text, ImFont* font, ImU32 color) {
  ImGui::SetCursorPosX(Margin());
  ImGui::PushTextWrapPos(Display().x - Margin());
  touchui::Paragraph(text.c_str(), font, color);
  ImGui::PopTextWrapPos();
}

int Ui::ButtonRow(const std::vector<RowButton>& buttons, float min_width) {
  const touchui::FontSet& f = Fonts();
  const float s = Scale();
  const float margin = Margin();
  const float right = Display().x - margin;
  const float gap = 24.f * s;
  const float h = std::max(90.f * s, f.bold->FontSize * 2.6f);
  int pressed = -1;
  float x = margin;
  float y = ImGui::GetCursorPosY();
  for (size_t i = 0; i < buttons.size(); ++i) {
    const float text_w = f.bold->CalcTextSizeA(f.bold->FontSize, FLT_MAX, 0, buttons[i].label.c_str()).x;
    const float w = std::min(right - margin, std::max(min_width, text_w + f.bold->FontSize * 2.f));
    if (x > margin && x + w > right) {
      x = margin;
      y += h + gap;
    }
    ImGui::SetCursorPos(ImVec2(x, y));
    if (Button(buttons[i].target, buttons[i].label.c_str(), ImVec2(w, h), buttons[i].kind, f.bold))
      pressed = (int)i;
    x += w + gap;
  }
  ImGui::SetCursorPos(ImVec2(margin, y + h + gap));
  return pressed;
}

const touchui::Texture* Ui::PackImage(int64_t image_id) {
  if (!d_.textures || image_id <= 0 || !Content().HasPack()) return nullptr;
  // Keys name the pack too: ids are per pack.
  const std::string key = Content().Path() + "#" + std::to_string(image_id);
  if (const touchui::Texture* t = d_.textures->Find(key)) return t;
  if (d_.textures->Failed(key)) return nullptr;
  auto bytes = Content().Reader()->ImageData(image_id);
  std::string error;
  if (!bytes.ok()) {
    error = bytes.error();
  } else {
    touchui::ImageLimits limits;
    limits.max_side = Backend().MaxTextureSize();
    if (const touchui::Texture* t = d_.textures->Load(key, *bytes, limits, &error)) return t;
  }
  Logger().Warn("image " + std::to_string(image_id) + " of " + Content().Path() + ": " + error);
  return nullptr;
}

touchui::MarkdownCallbacks Ui::MarkdownLinks(const std::vector<pack::ItemLink>& links) {
  touchui::MarkdownCallbacks cb;
  auto find = [links](const std::string& href) -> const pack::ItemLink* {
    for (const pack::ItemLink& l : links)
      if (l.href == href) return &l;
    return nullptr;
  };
  cb.on_link = [this, find](const std::string& href) {
    const pack::ItemLink* l = find(href);
    if (!l || l->target_item.empty()) return;  // external: a kiosk has no browser
    const size_t hash = href.find('#');
    const std::string anchor = hash == std::string::npos ? std::string() : href.substr(hash + 1);
    auto summary = Content().Summary(l->target_item);
    if (!summary) return;
    Nav().Push(RouteForItem(*summary, anchor));
  };
  cb.image = [this, find](const std::string& src) -> std::optional<touchui::MarkdownImageInfo> {
    const pack::ItemLink* l = find(src);
    if (!l || !l->target_image) return std::nullopt;
    const touchui::Texture* t = PackImage(l->target_image);
    if (!t) return std::nullopt;
    return touchui::MarkdownImageInfo{t->Id(), t->Width(), t->Height()};
  };
  return cb;
}

Route RouteForItem(const pack::ItemSummary& item, const std::string& anchor) {
  switch (item.type) {
    case pack::ItemType::Procedure: return Route{"procedure", item.id, "", ""};
    case pack::ItemType::Document: return Route{"document", item.id, anchor, ""};
    case pack::ItemType::Faq: return Route{"faq", item.id, "", ""};
    case pack::ItemType::Quiz: return Route{"quiz", item.id, "", ""};
    case pack::ItemType::Article:
    case pack::ItemType::Announcement: return Route{"article", item.id, "", ""};
  }
  return Route{"home", "", "", ""};
}

const char* ItemTypeLabel(const Ui& ui, const std::string& type) {
  const std::string key = "type." + type;
  return ui.S(key.c_str());
}

}  // namespace kiosk

namespace kiosk {

float MarkedText(ImDrawList* draw, ImFont* font, ImVec2 pos, float width, const std::string& text,
                 const std::vector<TextMark>& marks, ImU32 color, ImU32 mark_color, bool do_draw) {
  const float size = font->FontSize;
  const float line_h = size * 1.25f;
  const float space_w = font->CalcTextSizeA(size, FLT_MAX, 0, " ").x;
  float x = 0, y = 0;
  size_t i = 0;
  const char* base = text.c_str();
  bool any = false;
  while (i < text.size()) {
    if (text[i] == ' ' || text[i] == '\n') {
      if (text[i] == '\n') { x = 0; y += line_h; }
      ++i;
      continue;
    }
    size_t j = text.find_first_of(" \n", i);
    if (j == std::string::npos) j = text.size();
    const float w = font->CalcTextSizeA(size, FLT_MAX, 0, base + i, base + j).x;
    if (x > 0 && x + w > width) { x = 0; y += line_h; }
    if (do_draw) {
      const ImVec2 at(pos.x + x, pos.y + y);
      for (const TextMark& m : marks) {
        const size_t a = std::max<size_t>(m.begin, i), b = std::min<size_t>(m.end, j);
        if (a >= b) continue;
        const float x0 = font->CalcTextSizeA(size, FLT_MAX, 0, base + i, base + a).x;
        const float x1 = font->CalcTextSizeA(size, FLT_MAX, 0, base + i, base + b).x;
        draw->AddRectFilled(ImVec2(at.x + x0 - 2, at.y), ImVec2(at.x + x1 + 2, at.y + line_h), mark_color, 4.f);
      }
      draw->AddText(font, size, ImVec2(at.x, at.y + (line_h - size) * 0.5f), color, base + i, base + j);
    }
    x += w + space_w;
    any = true;
    i = j;
  }
  return any ? y + line_h : 0;
}

}  // namespace kiosk
