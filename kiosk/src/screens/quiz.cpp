// kiosk/screens/quiz.cpp: a quiz (câu hỏi tìm hiểu pháp luật), one question at a time.
//
// Big answer buttons (answer:N); a tap answers at once: the right choice turns green, a
// wrong one red, and the explanation shows with its legal basis as a link into the
// document reader. "Câu tiếp theo" (quiz:next) moves on; after the last question the
// score, and "Làm lại" (quiz:again) starts over. The answers live in this screen only, so
// the idle reset, home or back forgets them with it.
#include <algorithm>

#include "content.hpp"
#include "screens/screens.hpp"

namespace kiosk {
namespace {

class QuizScreen final : public PageScreen {
 public:
  explicit QuizScreen(const Route& route) : id_(route.item) {}

  void Dump(nlohmann::json& state) const override {
    state["item"] = {{"id", id_}, {"type", "quiz"}, {"title", title_}};
    const bool finished = total_ > 0 && index_ >= total_;
    state["quiz"] = {{"index", index_},
                     {"total", total_},
                     {"answered", !finished && index_ < (int)chosen_.size() && chosen_[(size_t)index_] >= 0},
                     {"score", Score()},
                     {"finished", finished},
                     {"answers", chosen_}};
  }

  void Draw(Ui& ui, int64_t) override {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    const float top = ui.Header(ui.S("section.learn.title"));
    BeginPage(ui, top, "##quiz");
    const pack::Item* item = ui.Content().GetItem(id_);
    if (!item || item->questions.empty()) {
      ui.Text(ui.S("item.missing"), f.body, p.text);
      EndPage(ui);
      return;
    }
    title_ = item->summary.title;
    total_ = (int)item->questions.size();
    correct_.clear();
    for (const pack::QuizQuestion& q : item->questions) correct_.push_back(q.answer);
    if ((int)chosen_.size() != total_) chosen_.assign((size_t)total_, -1);
    ui.Text(item->summary.title, f.bold, p.muted);
    ImGui::Dummy(ImVec2(1, 4.f * s));
    if (index_ >= total_) DrawResult(ui);
    else DrawQuestion(ui, *item, item->questions[(size_t)index_]);
    EndPage(ui);
  }

 private:
  int Score() const {
    int score = 0;
    for (size_t i = 0; i < chosen_.size() && i < correct_.size(); ++i)
      if (chosen_[i] == correct_[i]) ++score;
    return score;
  }

  void DrawQuestion(Ui& ui, const pack::Item& item, const pack::QuizQuestion& q) {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    const float width = ui.Display().x - 2 * ui.Margin();
    ui.Text(ui.Fill("quiz.progress", {{"n", std::to_string(index_ + 1)}, {"total", std::to_string(total_)}}), f.body,
            p.muted);
    ui.Text(q.question, f.heading, p.text);
    ImGui::Dummy(ImVec2(1, 10.f * s));
    const int chosen = chosen_[(size_t)index_];
    const bool answered = chosen >= 0;
    const bool hc = touchui::HighContrast();
    const ImU32 right = hc ? p.primary : IM_COL32(0x1E, 0x7F, 0x4E, 255);
    for (size_t i = 0; i < q.choices.size(); ++i) {
      const std::string target = "answer:" + std::to_string(i);
      const std::string label = std::string(1, (char)('A' + std::min<size_t>(i, 25))) + ". " + q.choices[i];
      // Colour after answering: the right choice green, a wrong pick red, the rest quiet.
      ImU32 fill = p.surface, text = p.text, border = p.border;
      if (answered && (int)i == q.answer) fill = right, text = p.primary_text, border = right;
      else if (answered && (int)i == chosen) fill = p.danger, text = p.primary_text, border = p.danger;
      else if (answered) text = p.muted;
      if (ChoiceButton(ui, target, label, width, fill, text, border, !answered)) {
        chosen_[(size_t)index_] = (int)i;
        reveal_feedback_ = true;  // the verdict may be below the fold: bring it up next frame
        ui.RequestFrame(3);
        ui.Logger().Info("quiz " + id_ + ": question " + std::to_string(index_ + 1) + " answered");
      }
    }
    if (!answered) return;
    ImGui::Dummy(ImVec2(1, 6.f * s));
    const float feedback_top = ImGui::GetCursorPosY();
    const bool correct = chosen == q.answer;
    const std::string answer_letter(1, (char)('A' + std::clamp(q.answer, 0, 25)));
    ui.Text(correct ? std::string(ui.S("quiz.right")) : ui.Fill("quiz.wrong", "answer", answer_letter), f.heading,
            correct ? right : p.danger);
    if (!q.explain.empty()) {
      // The explanation is Markdown: its legal basis links into the document reader.
      if (explain_index_ != index_) {
        explain_index_ = index_;
        std::string error;
        if (!explain_.Parse(q.explain, &error)) ui.Logger().Warn("quiz " + id_ + ": explain: " + error);
      }
      ImGui::SetCursorPosX(ui.Margin());
      explain_view_.SetMinTouchPx(ui.Backend().MmToPx(12.f));
      explain_view_.Draw(explain_, width, touchui::MarkdownFonts::From(ui.Fonts()), ui.MarkdownLinks(item.links));
      ui.MarkdownTargets(explain_view_);
    }
    ImGui::Dummy(ImVec2(1, 10.f * s));
    const bool last = index_ + 1 >= total_;
    if (ui.ButtonRow({{"quiz:next", ui.S(last ? "quiz.see_score" : "quiz.next"), touchui::ButtonKind::Primary}},
                     420.f * s) == 0) {
      ++index_;
      scroll_.Reset();
    }
    if (reveal_feedback_) {
      // Show the verdict and the next button; never scroll the verdict's top out of view.
      reveal_feedback_ = false;
      const float top_offset = scroll_.Offset();
      scroll_.EnsureVisible(feedback_top, ImGui::GetCursorPosY());
      if (scroll_.Offset() > feedback_top && scroll_.Offset() > top_offset) scroll_.EnsureVisible(feedback_top, feedback_top);
    }
  }

  void DrawResult(Ui& ui) {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    const int score = Score();
    ui.Text(ui.S("quiz.done"), f.title, p.text);
    ImGui::Dummy(ImVec2(1, 6.f * s));
    ui.Text(ui.Fill("quiz.score", {{"score", std::to_string(score)}, {"total", std::to_string(total_)}}), f.heading,
            p.text);
    const char* verdict = score * 10 >= total_ * 8 ? "quiz.verdict_good"
                          : score * 2 >= total_    ? "quiz.verdict_fair"
                                                   : "quiz.verdict_try";
    ui.Text(ui.S(verdict), f.body, p.muted);
    ImGui::Dummy(ImVec2(1, 12.f * s));
    const int pressed = ui.ButtonRow({{"quiz:again", ui.S("quiz.again"), touchui::ButtonKind::Primary},
                                      {"quiz:home", ui.S("nav.home"), touchui::ButtonKind::Quiet}},
                                     420.f * s);
    if (pressed == 0) {
      index_ = 0;
      chosen_.assign((size_t)total_, -1);
      explain_index_ = -1;
      scroll_.Reset();
    }
    if (pressed == 1) ui.Nav().Home();
  }

  // A full-width answer button that wraps its text; inactive once the question is answered.
  static bool ChoiceButton(Ui& ui, const std::string& target, const std::string& label, float width, ImU32 fill,
                           ImU32 text, ImU32 border, bool active) {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    const float pad = 26.f * s;
    const float text_h = TextHeight(f.bold, label, width - 2 * pad);
    const float h = std::max(std::max(88.f * s, ui.Backend().MmToPx(12.f)), text_h + 2 * pad);
    ImGui::SetCursorPosX(ui.Margin());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(("##" + target).c_str(), ImVec2(width, h)) && active;
    ui.Target(target);
    const bool held = active && ImGui::IsItemActive();
    const ImVec2 end(pos.x + width, pos.y + h);
    ImDrawList* d = ImGui::GetWindowDrawList();
    d->AddRectFilled(pos, end, held ? p.surface_down : fill, p.rounding);
    d->AddRect(pos, end, border, p.rounding, 0, p.border_width * 1.5f);
    d->AddText(f.bold, f.bold->FontSize, ImVec2(pos.x + pad, pos.y + (h - text_h) * 0.5f), text, label.c_str(), nullptr,
               width - 2 * pad);
    ImGui::Dummy(ImVec2(1, 10.f * s));
    return pressed;
  }

  std::string id_;
  std::string title_;
  std::vector<int> correct_;          // per question: the right choice (from the pack)
  int total_ = 0;
  int index_ = 0;
  std::vector<int> chosen_;           // per question: the choice tapped, -1 not yet
  int explain_index_ = -1;
  bool reveal_feedback_ = false;
  touchui::MarkdownDocument explain_;
  touchui::MarkdownView explain_view_;
};

}  // namespace

std::unique_ptr<Screen> MakeQuizScreen(const Route& route) { return std::make_unique<QuizScreen>(route); }

}  // namespace kiosk
