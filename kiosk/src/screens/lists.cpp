// kiosk/screens/lists.cpp: the lists a citizen browses: procedures and questions by field
// (lĩnh vực, with counts), news newest first with pictures, and the quizzes.
#include <algorithm>
#include <map>

#include "content.hpp"
#include "screens/screens.hpp"

namespace kiosk {
namespace {

// Fields with counts; with a field chosen (route.field), that field's items. One field
// (or none named) needs no field list: straight to the items.
class FieldListScreen final : public PageScreen {
 public:
  struct Kind {
    pack::ItemType type;
    const char* screen;      // this list's route name ("procedures", "faq")
    const char* title_key;   // the section's title
    const char* count_key;   // "{count} thủ tục"
  };
  FieldListScreen(const Kind& kind, const Route& route) : kind_(kind), field_(route.field) {}
  void Dump(nlohmann::json& state) const override { state["list"] = shown_; }

  void Draw(Ui& ui, int64_t) override {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    ContentService& c = ui.Content();
    std::vector<const pack::FieldCount*> fields;
    for (const pack::FieldCount& fc : c.Fields())
      if (fc.type == kind_.type) fields.push_back(&fc);
    const bool list_items = !field_.empty() || fields.size() <= 1;
    // A field named " " is the items without one ("Lĩnh vực khác").
    const std::string title = field_.empty() ? ui.S(kind_.title_key) : field_ == " " ? ui.S("list.other_field") : field_;
    const float top = ui.Header(title.c_str());
    BeginPage(ui, top, "##fieldlist");
    shown_.clear();
    if (!list_items) {
      ui.Text(ui.S("list.choose_field"), f.body, p.muted);
      ImGui::Dummy(ImVec2(1, 8.f * ui.Scale()));
      for (const pack::FieldCount* fc : fields) {
        ImGui::SetCursorPosX(ui.Margin());
        const std::string name = fc->field.empty() ? ui.S("list.other_field") : fc->field;
        if (ui.ListRow("field:" + fc->field, name, ui.Fill(kind_.count_key, "count", std::to_string(fc->count))))
          ui.Nav().Push(Route{kind_.screen, "", "", fc->field.empty() ? std::string(" ") : fc->field});
      }
    } else {
      const std::string field = field_ == " " ? std::string() : field_;
      const auto& items = c.Items(kind_.type, field);
      if (items.empty()) ui.Text(ui.S("list.empty"), f.body, p.text);
      for (const pack::ItemSummary& it : items) {
        ImGui::SetCursorPosX(ui.Margin());
        shown_.push_back(it.id);
        if (ui.ListRow("item:" + it.id, it.title, field_.empty() ? it.field : std::string()))
          ui.Nav().Push(RouteForItem(it));
      }
    }
    EndPage(ui);
  }

 private:
  Kind kind_;
  std::string field_;
  std::vector<std::string> shown_;  // item ids in the order shown (the dump's "list")
};

// Tin tức: newest first, each with its picture, date and summary.
class NewsScreen final : public PageScreen {
 public:
  void Dump(nlohmann::json& state) const override { state["list"] = shown_; }
  void Draw(Ui& ui, int64_t) override {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float top = ui.Header(ui.S("section.news.title"));
    BeginPage(ui, top, "##news");
    const auto& articles = ui.Content().Articles();
    if (articles.empty()) ui.Text(ui.S("list.empty"), f.body, p.text);
    shown_.clear();
    for (const auto& a : articles) {
      ImGui::SetCursorPosX(ui.Margin());
      shown_.push_back(a.summary.id);
      if (ArticleRow(ui, a)) ui.Nav().Push(RouteForItem(a.summary));
    }
    EndPage(ui);
  }

 private:
  // A card: the picture on the left (above the text on a narrow screen), then the title,
  // the date and the summary. The whole card is one target, item:ID.
  static bool ArticleRow(Ui& ui, const pack::PackReader::ArticleEntry& a) {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    const float width = ui.Display().x - 2 * ui.Margin();
    const float pad = 24.f * s;
    const touchui::Texture* t = a.article.image ? ui.PackImage(a.article.image) : nullptr;
    const bool narrow = width < f.body->FontSize * 26.f;
    float pic_w = 0, pic_h = 0;
    if (t) {
      pic_w = narrow ? width - 2 * pad : std::min(320.f * s, width * 0.3f);
      pic_h = std::min(pic_w * (float)t->Height() / (float)std::max(1, t->Width()), narrow ? 360.f * s : 240.f * s);
      pic_w = std::min(pic_w, pic_h * (float)t->Width() / (float)std::max(1, t->Height()));
    }
    const float text_x = (t && !narrow) ? pad + pic_w + pad : pad;
    const float text_w = width - text_x - pad;
    const std::string date = ShowDate(a.article.date);
    const float gap = f.body->FontSize * 0.3f;
    const float h1 = TextHeight(f.bold, a.summary.title, text_w);
    const float h2 = TextHeight(f.body, date, text_w);
    const float h3 = TextHeight(f.body, a.article.summary, text_w);
    const float text_h = h1 + (h2 > 0 ? gap + h2 : 0) + (h3 > 0 ? gap + h3 : 0);
    const float pic_block = t ? (narrow ? pic_h + pad : 0) : 0;
    const float h = std::max({96.f * s, text_h + pic_block + 2 * pad, t && !narrow ? pic_h + 2 * pad : 0.f});
    const std::string target = "item:" + a.summary.id;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(("##" + target).c_str(), ImVec2(width, h));
    ui.Target(target);
    const bool held = ImGui::IsItemActive();
    const ImVec2 end(pos.x + width, pos.y + h);
    if (ImGui::IsRectVisible(pos, end)) {
      ImDrawList* d = ImGui::GetWindowDrawList();
      d->AddRectFilled(pos, end, held ? p.surface_down : p.surface, p.rounding);
      d->AddRect(pos, end, p.border, p.rounding, 0, p.border_width);
      float y = pos.y + pad;
      if (t) {
        const ImVec2 pa(pos.x + pad, pos.y + pad);
        d->AddImage(t->Id(), pa, ImVec2(pa.x + pic_w, pa.y + pic_h));
        if (narrow) y += pic_h + pad;
      }
      const float x = pos.x + text_x;
      d->AddText(f.bold, f.bold->FontSize, ImVec2(x, y), p.text, a.summary.title.c_str(), nullptr, text_w);
      y += h1 + gap;
      if (h2 > 0) {
        d->AddText(f.body, f.body->FontSize, ImVec2(x, y), p.muted, date.c_str(), nullptr, text_w);
        y += h2 + gap;
      }
      if (h3 > 0) d->AddText(f.body, f.body->FontSize, ImVec2(x, y), p.text, a.article.summary.c_str(), nullptr, text_w);
    }
    ImGui::Dummy(ImVec2(1, 14.f * s));
    return pressed;
  }
  std::vector<std::string> shown_;
};

// Tìm hiểu pháp luật: the pack's quizzes, each with its number of questions.
class LearnScreen final : public PageScreen {
 public:
  void Dump(nlohmann::json& state) const override { state["list"] = shown_; }
  void Draw(Ui& ui, int64_t) override {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float top = ui.Header(ui.S("section.learn.title"));
    BeginPage(ui, top, "##learn");
    const auto& quizzes = ui.Content().Items(pack::ItemType::Quiz);
    if (quizzes.empty()) {
      ui.Text(ui.S("learn.empty"), f.body, p.text);
    } else {
      ui.Text(ui.S("learn.intro"), f.body, p.muted);
      ImGui::Dummy(ImVec2(1, 8.f * ui.Scale()));
    }
    shown_.clear();
    for (const pack::ItemSummary& q : quizzes) {
      shown_.push_back(q.id);
      // Counted once per screen: GetItem every frame would thrash the item cache when a
      // pack has more quizzes than it holds.
      auto counted = counts_.find(q.id);
      if (counted == counts_.end()) {
        const pack::Item* item = ui.Content().GetItem(q.id);
        counted = counts_.emplace(q.id, item ? ui.Fill("learn.count", "count", std::to_string(item->questions.size()))
                                             : std::string()).first;
      }
      const std::string& count = counted->second;
      ImGui::SetCursorPosX(ui.Margin());
      if (ui.ListRow("item:" + q.id, q.title, count, q.field)) ui.Nav().Push(RouteForItem(q));
    }
    EndPage(ui);
  }

 private:
  std::vector<std::string> shown_;
  std::map<std::string, std::string> counts_;  // quiz id -> "15 câu hỏi"
};

}  // namespace

std::unique_ptr<Screen> MakeProceduresScreen(const Route& route) {
  static const FieldListScreen::Kind kKind{pack::ItemType::Procedure, "procedures", "section.procedures.title",
                                           "procedures.count"};
  return std::make_unique<FieldListScreen>(kKind, route);
}
std::unique_ptr<Screen> MakeFaqListScreen(const Route& route) {
  static const FieldListScreen::Kind kKind{pack::ItemType::Faq, "faq", "section.faq.title", "faq.count"};
  return std::make_unique<FieldListScreen>(kKind, route);
}
std::unique_ptr<Screen> MakeNewsScreen() { return std::make_unique<NewsScreen>(); }
std::unique_ptr<Screen> MakeLearnScreen() { return std::make_unique<LearnScreen>(); }

}  // namespace kiosk
