// kiosk/screens/reading.cpp: one item to read: an answer (hỏi đáp), a news article or an
// announcement: its title, date, picture, and the Markdown body whose links open laws
// and procedures in the pack.
#include <algorithm>

#include "content.hpp"
#include "screens/screens.hpp"
#include "screens/speak_button.hpp"
#include "speech/markdown_speech.hpp"

namespace kiosk {
namespace {

class ReadingScreen final : public PageScreen {
 public:
  explicit ReadingScreen(const Route& route) : id_(route.item) {}

  void Dump(nlohmann::json& state) const override {
    state["item"] = {{"id", id_}, {"type", type_}, {"title", title_}};
  }

  void Draw(Ui& ui, int64_t) override {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    const pack::Item* item = ui.Content().GetItem(id_);
    const char* section = "section.news.title";
    if (item && item->summary.type == pack::ItemType::Faq) section = "section.faq.title";
    if (item && item->summary.type == pack::ItemType::Announcement) section = "type.announcement";
    const float top = ui.Header(ui.S(section));
    BeginPage(ui, top, "##reading");
    if (!item) {
      ui.Text(ui.S("item.missing"), f.body, p.text);
      EndPage(ui);
      return;
    }
    title_ = item->summary.title;
    type_ = std::string(pack::ItemTypeName(item->summary.type));

    ui.Text(item->summary.title, f.title, p.text);
    std::string meta;
    int64_t image = 0;
    if (item->article) {
      meta = ShowDate(item->article->date);
      image = item->article->image;
    } else if (item->announcement) {
      image = item->announcement->image;
      if (!item->announcement->until.empty()) meta = ui.Fill("announcement.until", "date", ShowDate(item->announcement->until));
    } else if (!item->summary.field.empty()) {
      meta = item->summary.field;
    }
    if (!meta.empty()) ui.Text(meta, f.body, p.muted);
    ImGui::Dummy(ImVec2(1, 6.f * s));
    // Nghe đọc: the title, an article's summary, then the body.
    if (speech_body_.empty()) {
      if (item->article && !item->article->summary.empty()) speech_body_ = speech::EscapeMarkdown(item->article->summary) + "\n\n";
      speech_body_ += item->body;
    }
    SpeakButton(ui, item->summary.title, speech_body_);
    if (image) DrawPicture(ui, image);
    if (item->article && !item->article->summary.empty()) {
      ui.Text(item->article->summary, f.bold, p.text);
      ImGui::Dummy(ImVec2(1, 6.f * s));
    }
    if (!body_parsed_) {
      body_parsed_ = true;
      std::string error;
      if (!body_.Parse(item->body, &error)) ui.Logger().Warn(type_ + " " + id_ + ": body: " + error);
    }
    ImGui::SetCursorPosX(ui.Margin());
    body_view_.SetMinTouchPx(ui.Backend().MmToPx(12.f));
    body_view_.Draw(body_, ui.Display().x - 2 * ui.Margin(), touchui::MarkdownFonts::From(ui.Fonts()),
                    ui.MarkdownLinks(item->links));
    ui.MarkdownTargets(body_view_);
    EndPage(ui);
  }

 private:
  // The item's picture across the page, never taller than half the screen.
  static void DrawPicture(Ui& ui, int64_t image_id) {
    const touchui::Texture* t = ui.PackImage(image_id);
    if (!t) return;
    const float width = ui.Display().x - 2 * ui.Margin();
    const float scale = std::min({width / (float)t->Width(), ui.Display().y * 0.45f / (float)t->Height(),
                                  2.f * ui.Scale()});
    const ImVec2 size((float)t->Width() * scale, (float)t->Height() * scale);
    ImGui::SetCursorPosX(ui.Margin() + (width - size.x) * 0.5f);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    ImGui::GetWindowDrawList()->AddImage(t->Id(), pos, ImVec2(pos.x + size.x, pos.y + size.y));
    ImGui::Dummy(ImVec2(1, 10.f * ui.Scale()));
  }

  std::string id_;
  std::string title_, type_;
  touchui::MarkdownDocument body_;
  touchui::MarkdownView body_view_;
  bool body_parsed_ = false;
  std::string speech_body_;
};

}  // namespace

std::unique_ptr<Screen> MakeReadingScreen(const Route& route) { return std::make_unique<ReadingScreen>(route); }

}  // namespace kiosk
