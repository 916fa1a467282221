// kiosk/screens/search.cpp: the search screen: the field being typed into, results that
// update on every key press (grouped by type, matches marked), and the on-screen
// keyboard.
//
// The field sits at the top; results scroll between it and the keyboard. "Tìm kiếm" (enter)
// only folds the keyboard away so more results show; the field brings it back. A query
// with no letters shows nothing and says nothing, so a cleared field never shows a stale
// message.
#include <utf8proc.h>

#include <algorithm>
#include <map>

#include "content.hpp"
#include "screens/screens.hpp"
#include "touch-ui/keyboard.hpp"

namespace kiosk {
namespace {
constexpr int64_t kCaretBlinkMs = 530;
constexpr int64_t kCaretBlinkForMs = 10000;  // then a steady caret: no frames while idle
constexpr int kResultLimit = 30;

// Shown in this order, each type under its own heading.
constexpr pack::ItemType kGroupOrder[] = {pack::ItemType::Procedure, pack::ItemType::Faq,
    pack::ItemType::Document, pack::ItemType::Article, pack::ItemType::Quiz, pack::ItemType::Announcement};

bool HasWordCharacter(const std::string& text) {
  for (unsigned char c : text)
    if (std::isalnum(c) || c >= 0x80) return true;
  return false;
}

std::vector<TextMark> Marks(const std::vector<pack::Highlight>& hs) {
  std::vector<TextMark> out;
  for (const auto& h : hs) out.push_back({h.begin, h.end});
  return out;
}

class SearchScreen final : public Screen {
 public:
  bool Dirty() const override { return true; }
  bool Moving() const override { return scroll_.IsMoving(); }
  bool WantsKeys() const override { return true; }
  const touchui::TouchScroller* PageScroller() const override { return &scroll_; }

  bool KeyCenter(const std::string& id, float* x, float* y) const override {
    if (!keyboard_shown_) return false;
    auto c = keyboard_.KeyCenter(id);
    if (!c) return false;
    *x = c->x;
    *y = c->y;
    return true;
  }

  void OnKey(const touchui::InputEvent& event, int64_t now_ms) override {
    // A physical keyboard (development, or a kiosk with one): the same composer.
    if (event.kind == touchui::InputEvent::Kind::Text) {
      const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(event.text.data());
      utf8proc_ssize_t left = (utf8proc_ssize_t)event.text.size();
      while (left > 0) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n <= 0) { n = 1; cp = 0xFFFD; }
        keyboard_.TypeCodepoint((char32_t)cp);
        p += n;
        left -= n;
      }
    } else if (event.key == "backspace") {
      keyboard_.PressKey("backspace");
    } else if (event.key == "enter") {
      if (HasWordCharacter(keyboard_.Text())) keyboard_shown_ = false;
    }
    caret_epoch_ms_ = now_ms;
  }

  void Dump(nlohmann::json& state) const override {
    state["input"] = keyboard_.Text();
    state["keyboard_visible"] = keyboard_shown_;
    state["input_method"] = std::string(touchui::InputMethodName(keyboard_.Method()));
    nlohmann::json results = nlohmann::json::array();
    for (const pack::SearchHit* h : shown_) {
      nlohmann::json r = {{"id", h->item_id}, {"type", std::string(pack::ItemTypeName(h->type))}, {"title", h->title},
                          {"strength", std::string(pack::SearchStrengthName(h->strength))}};
      if (!h->anchor.empty()) r["anchor"] = h->anchor;
      results.push_back(r);
    }
    state["results"] = results;
    state["search"] = {{"query", query_}, {"match", MatchName()}, {"corrected", result_.corrected_query},
                       {"best_strength", std::string(pack::SearchStrengthName(result_.best_strength))},
                       {"not_here", NotHere()}};
  }

  void Draw(Ui& ui, int64_t now_ms) override {
    if (!started_) {
      started_ = true;
      keyboard_.SetMethod(ui.Config().input_method);
      keyboard_.SetToneStyle(ui.Config().tone_style);
      caret_epoch_ms_ = now_ms;
    }
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    const ImVec2 display = ui.Display();
    const float margin = ui.Margin();
    const float top = ui.Header(ui.S("search.title"));
    const float kb_h = keyboard_shown_ ? touchui::OnScreenKeyboard::PreferredHeight(display.x, display.y) : 0;
    const float kb_top = display.y - kb_h;

    // The keyboard first: a key pressed in this frame is searched and drawn in this frame.
    if (keyboard_shown_) {
      touchui::KeyboardLabels labels;
      labels.enter = ui.S("keyboard.enter");
      labels.space = ui.S("keyboard.space");
      labels.mode_telex = ui.S("keyboard.telex");
      labels.mode_vni = ui.S("keyboard.vni");
      labels.mode_plain = ui.S("keyboard.plain");
      labels.clear = ui.S("keyboard.clear");
      touchui::KeyboardFonts kf{f.heading, f.bold};
      const std::string before = keyboard_.Text();
      const touchui::InputMethod method_before = keyboard_.Method();
      const bool enter = keyboard_.Draw(ImVec2(0, kb_top), ImVec2(display.x, kb_h), labels, kf);
      // Enter on an empty field does nothing; otherwise the keyboard folds away.
      if (enter && HasWordCharacter(keyboard_.Text())) keyboard_shown_ = false;
      if (enter || keyboard_.Text() != before || keyboard_.Method() != method_before) {
        caret_epoch_ms_ = now_ms;
        ui.RequestFrame(2);
      }
    }
    Refresh(ui);

    // The field, fixed under the header.
    const float field_h = std::max(96.f * s, f.heading->FontSize * 2.0f);
    const float field_y = top + margin * 0.4f;
    const float width = display.x - 2 * margin;
    DrawField(ui, ImVec2(margin, field_y), ImVec2(width, field_h), now_ms);
    const float list_top = field_y + field_h + margin * 0.3f;

    ImGui::SetCursorScreenPos(ImVec2(0, list_top));
    ui.BeginScroll(scroll_, "##results", ImVec2(display.x, std::max(1.f, kb_top - list_top)));
    ImGui::SetCursorPos(ImVec2(margin, ImGui::GetCursorPosY() + 8.f * s));
    if (!HasWordCharacter(query_)) {
      const char* hint = keyboard_.Method() == touchui::InputMethod::Telex ? ui.S("search.hint_telex")
                         : keyboard_.Method() == touchui::InputMethod::Vni ? ui.S("search.hint_vni")
                                                                          : ui.S("search.hint_plain");
      ui.Text(ui.S("search.empty"), f.body, p.text);
      ui.Text(hint, f.body, p.muted);
    } else {
      // No answer (nothing holds the words in a title or keywords): the topic is not in
      // the kiosk as such; say so and where to ask, then what merely mentions it.
      if (NotHere()) DrawNothingFound(ui);
      DrawResults(ui);
    }
    ImGui::Dummy(ImVec2(1, margin * 0.5f));
    ui.EndScroll();

  }

 private:
  const char* MatchName() const {
    switch (result_.match) {
      case pack::SearchMatch::Exact: return "exact";
      case pack::SearchMatch::Corrected: return "corrected";
      case pack::SearchMatch::Partial: return "partial";
      case pack::SearchMatch::None: return "none";
    }
    return "none";
  }

  bool NotHere() const {
    if (!HasWordCharacter(query_)) return false;
    for (const Group& g : groups_)
      if (!g.mentions) return false;
    return true;
  }

  // Runs the search when the typed text changed since the last frame.
  void Refresh(Ui& ui) {
    const std::string text = keyboard_.Text();
    if (text == query_ && searched_once_) return;
    searched_once_ = true;
    query_ = text;
    shown_.clear();
    groups_.clear();
    if (!HasWordCharacter(query_)) {
      result_ = {};
      return;
    }
    result_ = ui.Content().Search(query_, kResultLimit);
    // Answers (the content words in a title or keywords) by type; then, under a quieter
    // heading, the items that only mention them.
    auto answer = [](const pack::SearchHit& h) {
      return h.strength == pack::SearchStrength::Title || h.strength == pack::SearchStrength::Keyword;
    };
    for (pack::ItemType type : kGroupOrder) {
      size_t first = shown_.size();
      for (const pack::SearchHit& h : result_.hits)
        if (h.type == type && answer(h)) shown_.push_back(&h);
      if (shown_.size() > first) groups_.push_back({type, first, shown_.size(), false});
    }
    const size_t first_mention = shown_.size();
    for (const pack::SearchHit& h : result_.hits)
      if (!answer(h)) shown_.push_back(&h);
    if (shown_.size() > first_mention) groups_.push_back({pack::ItemType::Faq, first_mention, shown_.size(), true});
    scroll_.Reset();
  }

  void DrawField(Ui& ui, ImVec2 pos, ImVec2 size, int64_t now_ms) {
    const touchui::Palette& p = ui.P();
    ImFont* font = ui.Fonts().heading;
    const float s = ui.Scale();
    ImGui::SetCursorScreenPos(pos);
    if (ImGui::InvisibleButton("##field", size)) {
      keyboard_shown_ = true;
      caret_epoch_ms_ = now_ms;
    }
    ui.Target("search:field");
    ImDrawList* d = ImGui::GetWindowDrawList();
    const ImVec2 end(pos.x + size.x, pos.y + size.y);
    d->AddRectFilled(pos, end, p.surface, p.rounding);
    d->AddRect(pos, end, keyboard_shown_ ? p.focus : p.border, p.rounding, 0, p.border_width * 2.f);
    const std::string text = keyboard_.Text();
    const float px = font->FontSize;
    const float pad = 28.f * s;
    const float inner_w = size.x - 2 * pad;
    const float text_w = font->CalcTextSizeA(px, FLT_MAX, 0, text.c_str()).x;
    // A long query shows its end, where the caret is.
    const float x = pos.x + pad - std::max(0.f, text_w - inner_w + px * 0.5f);
    const float y = pos.y + (size.y - px) * 0.5f;
    d->PushClipRect(ImVec2(pos.x + pad * 0.5f, pos.y), ImVec2(end.x - pad * 0.5f, end.y), true);
    if (text.empty()) d->AddText(font, px, ImVec2(x, y), p.muted, ui.S("search.placeholder"));
    else d->AddText(font, px, ImVec2(x, y), p.text, text.c_str());
    if (keyboard_shown_) {
      const int64_t since = now_ms - caret_epoch_ms_;
      bool caret_on = true;
      if (since < kCaretBlinkForMs) {
        caret_on = (since / kCaretBlinkMs) % 2 == 0;
        ui.RequestFrameAt(caret_epoch_ms_ + (since / kCaretBlinkMs + 1) * kCaretBlinkMs);
      } else if (since < kCaretBlinkForMs + kCaretBlinkMs) {
        ui.RequestFrameAt(caret_epoch_ms_ + kCaretBlinkForMs + kCaretBlinkMs);  // settle on "on"
      }
      if (caret_on) {
        const float cx = text.empty() ? x : x + text_w + 3.f * s;
        d->AddRectFilled(ImVec2(cx, y - 4.f * s), ImVec2(cx + 4.f * s, y + px + 4.f * s), p.text);
      }
    }
    d->PopClipRect();
  }

  void DrawResults(Ui& ui) {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    const float margin = ui.Margin();
    const float width = ui.Display().x - 2 * margin;
    if (result_.match == pack::SearchMatch::Corrected || result_.match == pack::SearchMatch::Partial) {
      ui.Text(ui.Fill("search.results_for", "query", result_.corrected_query), f.bold, p.text);
      ImGui::Dummy(ImVec2(1, 6.f * s));
    }
    const ImU32 mark = touchui::HighContrast() ? IM_COL32(0x80, 0x60, 0x00, 255) : IM_COL32(0xFF, 0xE0, 0x82, 255);
    for (const Group& g : groups_) {
      std::string heading;
      if (g.mentions) {
        std::string words;
        for (const std::string& w : result_.content_words) words += (words.empty() ? "" : " ") + w;
        if (words.empty()) words = query_;
        heading = ui.Fill("search.mentions", "words", words);
        ImGui::Dummy(ImVec2(1, 12.f * s));
      } else {
        heading = std::string(ItemTypeLabel(ui, std::string(pack::ItemTypeName(g.type)))) + " (" +
                  std::to_string(g.end - g.begin) + ")";
      }
      ImGui::SetCursorPosX(margin);
      ImGui::PushTextWrapPos(ui.Display().x - margin);
      touchui::Paragraph(heading.c_str(), g.mentions ? f.bold : f.heading,
                         g.mentions ? p.muted : (touchui::HighContrast() ? p.primary : p.header));
      ImGui::PopTextWrapPos();
      ImGui::Dummy(ImVec2(1, 4.f * s));
      for (size_t i = g.begin; i < g.end; ++i) {
        const pack::SearchHit& h = *shown_[i];
        ImGui::SetCursorPosX(margin);
        const float pad = 22.f * s;
        const float text_w = width - 2 * pad;
        ImDrawList* d = ImGui::GetWindowDrawList();
        const float th = MarkedText(d, f.bold, ImVec2(0, 0), text_w, h.title, {}, 0, 0, false);
        const std::string context = h.context;
        const float ch = context.empty() ? 0 : f.body->CalcTextSizeA(f.body->FontSize, FLT_MAX, text_w, context.c_str()).y;
        const float sh = MarkedText(d, f.body, ImVec2(0, 0), text_w, h.snippet, {}, 0, 0, false);
        const float gap = 6.f * s;
        const float h_total = std::max(std::max(96.f * s, f.bold->FontSize * 2.6f),
                                       th + (ch > 0 ? gap + ch : 0) + (sh > 0 ? gap + sh : 0) + 2 * pad);
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const bool pressed = ImGui::InvisibleButton(("##r" + std::to_string(i)).c_str(), ImVec2(width, h_total));
        ui.Target("result:" + std::to_string(i));
        const bool held = ImGui::IsItemActive();
        const ImVec2 end(pos.x + width, pos.y + h_total);
        if (ImGui::IsRectVisible(pos, end)) {
          d->AddRectFilled(pos, end, held ? p.surface_down : p.surface, p.rounding);
          d->AddRect(pos, end, p.border, p.rounding, 0, p.border_width);
          float y = pos.y + pad;
          MarkedText(d, f.bold, ImVec2(pos.x + pad, y), text_w, h.title, Marks(h.title_highlights), p.text, mark, true);
          y += th;
          if (ch > 0) {
            y += gap;
            d->AddText(f.body, f.body->FontSize, ImVec2(pos.x + pad, y), p.muted, context.c_str(), nullptr, text_w);
            y += ch;
          }
          if (sh > 0) {
            y += gap;
            MarkedText(d, f.body, ImVec2(pos.x + pad, y), text_w, h.snippet, Marks(h.snippet_highlights), p.muted, mark, true);
          }
        }
        if (pressed) {
          pack::ItemSummary item;
          item.id = h.item_id;
          item.type = h.type;
          ui.Nav().Push(RouteForItem(item, h.anchor));
        }
        ImGui::Dummy(ImVec2(1, 10.f * s));
      }
    }
  }

  // Nothing found: say so plainly, what to try, and where to ask.
  void DrawNothingFound(Ui& ui) {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    // The words as the pack writes them ("ly hôn"), else as typed.
    std::string words;
    for (const std::string& w : result_.content_words) words += (words.empty() ? "" : " ") + w;
    ui.Text(ui.Fill("search.no_results", "query", words.empty() ? query_ : words), f.bold, p.text);
    ui.Text(ui.S("search.try_shorter"), f.body, p.text);
    // Topics the pack does have: the procedures' fields.
    std::vector<Ui::RowButton> topics;
    std::vector<std::string> fields;
    for (const pack::FieldCount& fc : ui.Content().Fields())
      if (fc.type == pack::ItemType::Procedure && !fc.field.empty()) {
        topics.push_back({"topic:" + fc.field, fc.field, touchui::ButtonKind::Surface});
        fields.push_back(fc.field);
      }
    if (!topics.empty()) {
      ui.Text(ui.S("search.topics"), f.body, p.muted);
      ImGui::Dummy(ImVec2(1, 4.f * ui.Scale()));
      const int pressed = ui.ButtonRow(topics, 240.f * ui.Scale());
      if (pressed >= 0) ui.Nav().Push(Route{"procedures", "", "", fields[(size_t)pressed]});
    }
    ui.Text(ui.S("search.ask_desk"), f.body, p.text);
    if (!ui.Config().hotline.empty()) ui.Text(ui.Fill("search.hotline", "hotline", ui.Config().hotline), f.bold, p.text);
  }

  struct Group {
    pack::ItemType type;
    size_t begin, end;  // in shown_
    bool mentions;      // items that only mention the words (body or partial strength)
  };

  touchui::OnScreenKeyboard keyboard_;
  touchui::TouchScroller scroll_;
  bool started_ = false;
  bool keyboard_shown_ = true;
  bool searched_once_ = false;
  int64_t caret_epoch_ms_ = 0;
  std::string query_;
  pack::SearchResult result_;
  std::vector<const pack::SearchHit*> shown_;  // into result_.hits, in the order shown
  std::vector<Group> groups_;
};

}  // namespace

std::unique_ptr<Screen> MakeSearchScreen() { return std::make_unique<SearchScreen>(); }

}  // namespace kiosk
