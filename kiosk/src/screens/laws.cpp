// kiosk/screens/laws.cpp: văn bản pháp luật: the list of documents (number, kind, issuer,
// dates, a status badge), and the reader: the text as one long scroll with a table of
// contents (Phần, Chương, Mục, Điều), previous/next article, and deep links that land
// on an Điều, Khoản or Điểm with the target marked.
//
// The reader lays a document out once per width and text size into blocks (a heading,
// an article title, a clause, a point) with measured heights, and draws only the blocks
// on screen, so a 500-article law scrolls as smoothly as a short one.
#include <algorithm>
#include <unordered_map>

#include "content.hpp"
#include "screens/screens.hpp"

namespace kiosk {
namespace {

bool InForce(const std::string& status) {
  // "Còn hiệu lực" is in force; "Hết hiệu lực", "Hết hiệu lực một phần", "Chưa có hiệu lực"
  // are not (wholly).
  return status.find("Còn hiệu lực") != std::string::npos || status.find("còn hiệu lực") != std::string::npos;
}

// "Luật số 60/2014/QH13 — Quốc hội" and "Ban hành …; hiệu lực từ …": the list row and
// the reader's heading say the same.
std::pair<std::string, std::string> DocumentFacts(const Ui& ui, const pack::Document& d) {
  std::string kind = d.kind;
  if (!d.number.empty()) kind += (kind.empty() ? "" : " ") + std::string(ui.S("laws.number")) + " " + d.number;
  if (!d.issuer.empty()) kind += " \xE2\x80\x94 " + d.issuer;
  std::string dates;
  if (!d.issued.empty()) dates += ui.Fill("laws.issued", "date", d.issued);
  if (!d.effective.empty()) dates += (dates.empty() ? "" : "; ") + ui.Fill("laws.effective", "date", d.effective);
  return {kind, dates};
}

class LawsScreen final : public PageScreen {
 public:
  void Draw(Ui& ui, int64_t) override {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float top = ui.Header(ui.S("section.laws.title"));
    BeginPage(ui, top, "##laws");
    const auto& docs = ui.Content().Documents();
    if (docs.empty()) ui.Text(ui.S("list.empty"), f.body, p.text);
    const ImU32 in_force = touchui::HighContrast() ? p.primary : IM_COL32(0x1E, 0x7F, 0x4E, 255);
    for (const auto& d : docs) {
      const auto [line1, line2] = DocumentFacts(ui, d.document);
      const std::string badge = d.document.status;
      ImGui::SetCursorPosX(ui.Margin());
      if (ui.ListRow("item:" + d.summary.id, d.summary.title, line1, line2, badge,
                     InForce(badge) ? in_force : p.danger))
        ui.Nav().Push(Route{"document", d.summary.id, "", ""});
    }
    EndPage(ui);
  }
};

struct Block {
  size_t unit = 0;          // index into the units
  int style = 0;            // 0 structure heading, 1 article title, 2 body text
  float indent = 0;         // in body-font em
  std::string text;
  float y = 0, h = 0;       // laid out
  int article = -1;         // index (into articles_) of the article it belongs to
  bool marked = false;      // inside the deep link's target
};

class DocumentScreen final : public Screen {
 public:
  explicit DocumentScreen(const Route& route) : id_(route.item), anchor_(route.anchor), jump_anchor_(route.anchor) {}

  bool Moving() const override { return scroll_.IsMoving() || toc_scroll_.IsMoving(); }
  const touchui::TouchScroller* PageScroller() const override { return &scroll_; }

  void Dump(nlohmann::json& state) const override {
    state["item"] = {{"id", id_}, {"type", "document"}, {"title", title_}};
    state["unit"] = top_anchor_;
    state["toc_open"] = toc_open_;
  }

  void Draw(Ui& ui, int64_t) override {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    const ImVec2 display = ui.Display();
    const float margin = ui.Margin();
    ContentService& c = ui.Content();
    const pack::Item* item = c.GetItem(id_);
    const std::vector<pack::LegalUnit>* units = c.Units(id_);
    const float top = ui.Header(ui.S("section.laws.title"));
    if (!item || !units) {
      ImGui::SetCursorScreenPos(ImVec2(0, top + margin));
      ui.Text(ui.S("item.missing"), f.body, p.text);
      return;
    }
    title_ = item->summary.title;
    units_ = units;

    // The toolbar: table of contents, previous and next article.
    // With room for the contents beside the text they are always shown; else a button
    // opens them over the text.
    const bool side_toc = display.x >= 1500.f * s;
    ImGui::SetCursorScreenPos(ImVec2(0, top + 12.f * s));
    std::vector<Ui::RowButton> tools = {{"unit:prev", ui.S("document.prev"), touchui::ButtonKind::Surface},
                                        {"unit:next", ui.S("document.next"), touchui::ButtonKind::Surface}};
    if (!side_toc)
      tools.insert(tools.begin(), {"doc:toc", toc_open_ ? ui.S("document.close_toc") : ui.S("document.toc"),
                                   toc_open_ ? touchui::ButtonKind::Primary : touchui::ButtonKind::Surface});
    int pressed = ui.ButtonRow(tools, 220.f * s);
    if (side_toc && pressed >= 0) ++pressed;  // the same numbers as with the contents button
    const float body_top = ImGui::GetCursorScreenPos().y - 12.f * s;
    const float toc_w = side_toc ? std::min(display.x * 0.34f, 640.f * s) : display.x;
    const bool show_toc = toc_open_ || side_toc;
    const float text_x = side_toc ? toc_w : 0;
    const float text_w = display.x - text_x;
    const float view_h = display.y - body_top;

    Layout(ui, item, *units, text_w - 2 * margin);
    if (pressed == 0) toc_open_ = !toc_open_;
    if (pressed == 1) JumpToArticle(-1);
    if (pressed == 2) JumpToArticle(+1);

    if (show_toc) DrawToc(ui, ImVec2(0, body_top), ImVec2(toc_w, view_h));
    // In portrait the contents cover the text while open; `unit` keeps its last value.
    if (!toc_open_ || side_toc) DrawText(ui, ImVec2(text_x, body_top), ImVec2(text_w, view_h));
    side_toc_ = side_toc;
  }

  // A contents entry while the contents are closed: a finger would open them first.
  bool Reveal(const std::string& id) override {
    if (id.rfind("toc:", 0) != 0 || toc_open_ || side_toc_) return false;
    toc_open_ = true;
    return true;
  }

 private:
  // [SECTION] layout
  void Layout(Ui& ui, const pack::Item* item, const std::vector<pack::LegalUnit>& units, float width) {
    const touchui::FontSet& f = ui.Fonts();
    if (width == laid_width_ && f.body->FontSize == laid_font_ && !blocks_.empty()) return;
    laid_width_ = width;
    laid_font_ = f.body->FontSize;
    blocks_.clear();
    articles_.clear();
    toc_.clear();
    // Who is inside the deep link's target.
    int64_t target_id = 0;
    for (const auto& u : units)
      if (!anchor_.empty() && u.anchor == anchor_) target_id = u.id;
    std::unordered_map<int64_t, int64_t> parent;
    for (const auto& u : units) parent[u.id] = u.parent;
    auto inside_target = [&](int64_t id) {
      for (int guard = 0; id && guard < 16; ++guard, id = parent[id])
        if (id == target_id) return true;
      return false;
    };
    // The document's facts first.
    const pack::Document* d = item->document ? &*item->document : nullptr;
    header_lines_.clear();
    header_lines_.push_back(item->summary.title);
    if (d) {
      auto [facts, dates] = DocumentFacts(ui, *d);
      header_lines_.push_back(facts);
      if (!d->status.empty()) dates += (dates.empty() ? "" : ". ") + d->status;
      header_lines_.push_back(dates);
    }
    int current_article = -1;
    for (size_t i = 0; i < units.size(); ++i) {
      const pack::LegalUnit& u = units[i];
      const bool marked = target_id && inside_target(u.id);
      switch (u.kind) {
        case pack::UnitKind::Part: case pack::UnitKind::Chapter:
        case pack::UnitKind::Section: case pack::UnitKind::Subsection: {
          current_article = -1;
          blocks_.push_back({i, 0, 0, u.title.empty() ? u.label : u.label + "\n" + u.title, 0, 0, -1, marked});
          toc_.push_back({i, 0, 0, u.title.empty() ? u.label : u.label + ". " + u.title, 0, 0, -1, false});
          if (!u.text.empty()) blocks_.push_back({i, 2, 0, u.text, 0, 0, -1, marked});
          break;
        }
        case pack::UnitKind::Article: {
          current_article = (int)articles_.size();
          articles_.push_back(blocks_.size());
          const std::string heading = u.title.empty() ? u.label : u.label + ". " + u.title;
          blocks_.push_back({i, 1, 0, heading, 0, 0, current_article, marked});
          toc_.push_back({i, 1, 0, heading, 0, 0, current_article, false});
          if (!u.text.empty()) blocks_.push_back({i, 2, 0, u.text, 0, 0, current_article, marked});
          break;
        }
        case pack::UnitKind::Clause:
          blocks_.push_back({i, 2, 0, u.label + ". " + u.text, 0, 0, current_article, marked});
          break;
        case pack::UnitKind::Point:
          blocks_.push_back({i, 2, 1.5f, u.label + ") " + u.text, 0, 0, current_article, marked});
          break;
      }
    }
    // Measure.
    const float s = ui.Scale();
    float y = 0;
    header_h_ = 0;
    for (size_t k = 0; k < header_lines_.size(); ++k) {
      ImFont* font = k == 0 ? f.heading : f.body;
      header_h_ += font->CalcTextSizeA(font->FontSize, FLT_MAX, width, header_lines_[k].c_str()).y + 8.f * s;
    }
    y = header_h_ + 24.f * s;
    for (Block& b : blocks_) {
      ImFont* font = b.style == 0 ? f.heading : b.style == 1 ? f.bold : f.body;
      const float indent = b.indent * f.body->FontSize;
      const float before = b.style == 0 ? 28.f * s : b.style == 1 ? 22.f * s : 8.f * s;
      y += before;
      b.y = y;
      b.h = font->CalcTextSizeA(font->FontSize, FLT_MAX, width - indent, b.text.c_str()).y;
      y += b.h;
    }
    total_h_ = y + 80.f * s;
    units_ = &units;
  }

  // Where the jump lands: the block of ANCHOR, or nothing.
  int BlockOfAnchor(const std::string& anchor) const {
    for (size_t i = 0; i < blocks_.size(); ++i)
      if ((*units_)[blocks_[i].unit].anchor == anchor) return (int)i;
    return -1;
  }

  // The scroll offset that puts block B at the top (a little air above it).
  float OffsetOf(size_t b) const { return blocks_[b].y - top_air_; }

  int TopBlock() const {
    const float off = scroll_.Offset() + top_air_ + 2.f;
    auto it = std::upper_bound(blocks_.begin(), blocks_.end(), off,
                               [](float v, const Block& b) { return v < b.y + b.h; });
    if (it == blocks_.end()) return blocks_.empty() ? -1 : (int)blocks_.size() - 1;
    return (int)(it - blocks_.begin());
  }

  void JumpToArticle(int direction) {
    if (articles_.empty()) return;
    const int top = TopBlock();
    const int cur = top >= 0 ? blocks_[(size_t)top].article : -1;
    int target = 0;
    if (direction > 0) {
      if (cur < 0) {
        // Before the first article, or in a chapter heading: the next article below.
        target = (int)articles_.size() - 1;
        for (size_t a = 0; a < articles_.size(); ++a)
          if (OffsetOf(articles_[a]) > scroll_.Offset() + 2.f) { target = (int)a; break; }
      } else {
        target = std::min(cur + 1, (int)articles_.size() - 1);
      }
    } else {
      if (cur < 0) {
        target = 0;
        for (size_t a = 0; a < articles_.size(); ++a)
          if (OffsetOf(articles_[a]) < scroll_.Offset() - 2.f) target = (int)a;
      } else {
        // Inside an article: first back to its start, then to the one before.
        const bool at_start = scroll_.Offset() <= OffsetOf(articles_[(size_t)cur]) + 4.f;
        target = at_start ? std::max(0, cur - 1) : cur;
      }
    }
    jump_block_ = (int)articles_[(size_t)target];
  }

  // [SECTION] drawing
  void DrawText(Ui& ui, ImVec2 pos, ImVec2 size) {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    const float margin = ui.Margin();
    const float width = size.x - 2 * margin;
    ImGui::SetCursorScreenPos(pos);
    ui.BeginScroll(scroll_, "##text", size);
    const float base_y = ImGui::GetCursorPosY();  // window padding + overscroll shift
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* d = ImGui::GetWindowDrawList();
    {
      float y = origin.y;
      for (size_t k = 0; k < header_lines_.size(); ++k) {
        ImFont* font = k == 0 ? f.heading : f.body;
        d->AddText(font, font->FontSize, ImVec2(origin.x + margin, y), k == 0 ? p.text : p.muted,
                   header_lines_[k].c_str(), nullptr, width);
        y += font->CalcTextSizeA(font->FontSize, FLT_MAX, width, header_lines_[k].c_str()).y + 8.f * s;
      }
    }
    const float view_top = scroll_.Offset() - 200.f * s, view_bottom = scroll_.Offset() + size.y + 200.f * s;
    auto first = std::upper_bound(blocks_.begin(), blocks_.end(), view_top,
                                  [](float v, const Block& b) { return v < b.y + b.h; });
    const ImU32 mark_fill = touchui::HighContrast() ? IM_COL32(0x40, 0x40, 0x00, 255) : IM_COL32(0xFF, 0xF4, 0xC2, 255);
    for (auto it = first; it != blocks_.end() && it->y < view_bottom; ++it) {
      const Block& b = *it;
      ImFont* font = b.style == 0 ? f.heading : b.style == 1 ? f.bold : f.body;
      const float indent = b.indent * f.body->FontSize;
      const ImVec2 at(origin.x + margin + indent, origin.y + b.y);
      if (b.marked) {
        d->AddRectFilled(ImVec2(origin.x + margin * 0.5f, at.y - 6.f * s), ImVec2(origin.x + size.x - margin * 0.5f, at.y + b.h + 6.f * s),
                         mark_fill);
        d->AddRectFilled(ImVec2(origin.x + margin * 0.5f, at.y - 6.f * s), ImVec2(origin.x + margin * 0.5f + 8.f * s, at.y + b.h + 6.f * s),
                         p.stripe);
      }
      const ImU32 color = b.style == 0 ? (touchui::HighContrast() ? p.primary : p.header) : p.text;
      d->AddText(font, font->FontSize, at, color, b.text.c_str(), nullptr, width - indent);
    }
    ImGui::SetCursorPosY(base_y + total_h_);
    ImGui::Dummy(ImVec2(1, 1));
    ui.EndScroll();

    // A jump (deep link, contents, previous/next) once the content's height is known.
    if (!jump_anchor_.empty()) {
      jump_block_ = BlockOfAnchor(jump_anchor_);
      jump_anchor_.clear();
    }
    top_air_ = 12.f * s - ImGui::GetStyle().WindowPadding.y;
    if (jump_block_ >= 0) {
      const float y = OffsetOf((size_t)jump_block_);
      scroll_.EnsureVisible(y, y + size.y);
      jump_block_ = -1;
      ui.RequestFrame(2);
    }
    const int topb = TopBlock();
    top_anchor_ = topb >= 0 ? (*units_)[blocks_[(size_t)topb].unit].anchor : std::string();
    top_article_ = topb >= 0 ? blocks_[(size_t)topb].article : -1;
  }

  void DrawToc(Ui& ui, ImVec2 pos, ImVec2 size) {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    const float margin = ui.Margin();
    const float width = size.x - 2 * margin;
    // Measure once per layout.
    if (toc_width_ != width || toc_font_ != f.body->FontSize) {
      toc_width_ = width;
      toc_font_ = f.body->FontSize;
      float y = 0;
      for (Block& t : toc_) {
        ImFont* font = t.style == 0 ? f.bold : f.body;
        t.h = std::max(font->CalcTextSizeA(font->FontSize, FLT_MAX, width - 32.f * s, t.text.c_str()).y + 28.f * s,
                       std::max(72.f * s, f.body->FontSize * 2.2f));
        t.y = y;
        y += t.h + 6.f * s;
      }
      toc_total_ = y;
    }
    ImDrawList* bg = ImGui::GetWindowDrawList();
    bg->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), touchui::HighContrast() ? p.background : IM_COL32(0xEE, 0xF1, 0xF5, 255));
    ImGui::SetCursorScreenPos(pos);
    ui.BeginScroll(toc_scroll_, "##toc", size);
    const float base_y = ImGui::GetCursorPosY();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* d = ImGui::GetWindowDrawList();
    const float view_top = toc_scroll_.Offset(), view_bottom = view_top + size.y;
    for (size_t i = 0; i < toc_.size(); ++i) {
      const Block& t = toc_[i];
      const std::string& anchor = (*units_)[t.unit].anchor;
      const ImVec2 a(origin.x + margin, origin.y + t.y), b(origin.x + margin + width, origin.y + t.y + t.h);
      const bool visible = t.y + t.h >= view_top && t.y <= view_bottom;
      if (!visible) {
        // Off screen: not drawn, but still a target a script can scroll to.
        ui.TargetRectNow("toc:" + anchor, a, b);
        continue;
      }
      ImGui::SetCursorScreenPos(a);
      const bool pressed = ImGui::InvisibleButton(("##toc" + std::to_string(i)).c_str(), ImVec2(width, t.h));
      ui.Target("toc:" + anchor);
      const bool held = ImGui::IsItemActive();
      const bool current = t.article >= 0 && top_article_ == t.article;
      d->AddRectFilled(a, b, held ? p.surface_down : current ? p.surface_down : p.surface, p.rounding * 0.6f);
      d->AddRect(a, b, p.border, p.rounding * 0.6f, 0, p.border_width);
      ImFont* font = t.style == 0 ? f.bold : f.body;
      const float th = t.h - 28.f * s;
      d->AddText(font, font->FontSize, ImVec2(a.x + 16.f * s, a.y + (t.h - th) * 0.5f), t.style == 0 ? p.header : p.text,
                 t.text.c_str(), nullptr, width - 32.f * s);
      if (pressed) {
        jump_block_ = BlockOfAnchor(anchor);
        toc_open_ = false;
      }
    }
    ImGui::SetCursorPosY(base_y + toc_total_);
    ImGui::Dummy(ImVec2(1, 1));
    ui.EndScroll();
  }

  std::string id_, anchor_, jump_anchor_, title_, top_anchor_;
  touchui::TouchScroller scroll_, toc_scroll_;
  bool toc_open_ = false;
  bool side_toc_ = false;
  int jump_block_ = -1;
  int top_article_ = -1;
  const std::vector<pack::LegalUnit>* units_ = nullptr;
  std::vector<std::string> header_lines_;
  std::vector<Block> blocks_;
  std::vector<size_t> articles_;  // block index of each article's title
  std::vector<Block> toc_;
  float top_air_ = 0;  // the air above a block a jump puts at the top
  float laid_width_ = -1, laid_font_ = -1, header_h_ = 0, total_h_ = 0;
  float toc_width_ = -1, toc_font_ = -1, toc_total_ = 0;
};

}  // namespace

std::unique_ptr<Screen> MakeLawsScreen(const Route&) { return std::make_unique<LawsScreen>(); }
std::unique_ptr<Screen> MakeDocumentScreen(const Route& route) { return std::make_unique<DocumentScreen>(route); }

}  // namespace kiosk
