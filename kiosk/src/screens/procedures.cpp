// kiosk/screens/procedures.cpp: thủ tục hành chính (the lists are in lists.cpp): one
// procedure in clear sections: what to bring, steps, time,
// fee, where, requirements, legal basis (links into the document reader), and a QR code
// of where to do it online.
#include <algorithm>

#include "content.hpp"
#include "screens/screens.hpp"
#include "screens/speak_button.hpp"
#include "speech/markdown_speech.hpp"
#include "touch-ui/image_viewer.hpp"
#include "touch-ui/qr_code.hpp"

namespace kiosk {
namespace {

// "dieu-16-khoan-1-diem-a" -> "Điều 16, khoản 1, điểm a": what a citizen reads on a link.
std::string UnitLabel(const std::string& anchor) {
  static const std::pair<const char*, const char*> kParts[] = {
      {"phan", "Phần"}, {"chuong", "Chương"}, {"muc", "Mục"}, {"tieu-muc", "Tiểu mục"},
      {"dieu", "Điều"}, {"khoan", "khoản"}, {"diem", "điểm"}};
  std::string out;
  size_t at = 0;
  while (at < anchor.size()) {
    bool matched = false;
    for (const auto& [key, word] : kParts) {
      const std::string k = std::string(key) + "-";
      if (anchor.compare(at, k.size(), k) != 0) continue;
      size_t end = anchor.find('-', at + k.size());
      if (end == std::string::npos) end = anchor.size();
      if (!out.empty()) out += ", ";
      out += std::string(word) + " " + anchor.substr(at + k.size(), end - at - k.size());
      at = end + 1;
      matched = true;
      break;
    }
    if (!matched) return anchor;  // not a shape we know: show it as is
  }
  return out;
}

class ProcedureScreen final : public PageScreen {
 public:
  explicit ProcedureScreen(const Route& route) : id_(route.item) {}

  bool Moving() const override { return scroll_.IsMoving(); }

  void Dump(nlohmann::json& state) const override {
    state["item"] = {{"id", id_}, {"type", "procedure"}, {"title", title_}};
    if (!online_url_.empty()) state["online_url"] = online_url_;
  }

  void Draw(Ui& ui, int64_t) override {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    const pack::Item* item = ui.Content().GetItem(id_);
    if (!item || !item->procedure) {
      const float top = ui.Header(ui.S("section.procedures.title"));
      BeginPage(ui, top, "##procedure");
      ui.Text(ui.S("item.missing"), f.body, p.text);
      EndPage(ui);
      return;
    }
    const pack::Procedure& pr = *item->procedure;
    title_ = item->summary.title;
    online_url_ = pr.online_url;
    const float top = ui.Header(ui.S("section.procedures.title"));
    BeginPage(ui, top, "##procedure");
    ui.Text(item->summary.title, f.title, p.text);
    ImGui::Dummy(ImVec2(1, 6.f * s));

    // The facts a citizen asks first, as a card of label: value lines.
    struct Fact { const char* key; const std::string* value; };
    const Fact facts[] = {{"procedure.processing_time", &pr.processing_time}, {"procedure.fee", &pr.fee},
                          {"procedure.agency", &pr.agency}, {"procedure.level", &pr.level},
                          {"procedure.applicants", &pr.applicants}, {"procedure.result", &pr.result},
                          {"procedure.code", &pr.code}};
    std::vector<std::pair<std::string, std::string>> rows;
    for (const Fact& fact : facts) rows.push_back({ui.S(fact.key), *fact.value});
    if (speech_body_.empty()) speech_body_ = SpeechBody(ui, *item, rows);
    SpeakButton(ui, item->summary.title, speech_body_);
    ui.Facts(rows);
    if (!pr.online_url.empty()) DrawOnline(ui, pr.online_url);

    if (!pr.documents.empty()) {
      ui.SectionHeading(ui.S("procedure.documents"));
      int n = 1;
      for (const pack::ProcedureDocument& doc : pr.documents) {
        std::string line = std::to_string(n++) + ". " + doc.name;
        if (!doc.copies.empty()) line += " (" + doc.copies + ")";
        ui.Text(line, f.body, p.text);
        if (!doc.form.empty() && !doc.form_image)
          ui.Text(ui.Fill("procedure.form_named", "form", doc.form), f.body, p.muted);
        if (doc.form_image) DrawFormThumb(ui, doc.form_image, n - 2);
      }
    }
    if (!pr.steps.empty()) {
      ui.SectionHeading(ui.S("procedure.steps"));
      int n = 1;
      for (const std::string& step : pr.steps) ui.Text(ui.Fill("procedure.step_n", "n", std::to_string(n++)) + " " + step, f.body, p.text);
    }
    if (!pr.channels.empty()) {
      ui.SectionHeading(ui.S("procedure.channels"));
      for (const pack::ProcedureChannel& ch : pr.channels) {
        ui.Text(ch.how, f.bold, p.text);
        for (const std::string* v : {&ch.time, &ch.fee, &ch.note})
          if (!v->empty()) ui.Text(*v, f.body, p.muted);
      }
    }
    if (!pr.requirements.empty()) {
      ui.SectionHeading(ui.S("procedure.requirements"));
      for (const std::string& r : pr.requirements) ui.Text("\xE2\x80\xA2 " + r, f.body, p.text);
    }
    if (!pr.legal_basis.empty()) {
      ui.SectionHeading(ui.S("procedure.legal_basis"));
      for (size_t i = 0; i < pr.legal_basis.size(); ++i) {
        const pack::LegalBasis& b = pr.legal_basis[i];
        const std::string target = "basis:" + std::to_string(i);
        if (b.document_id.empty()) {
          ui.Text("\xE2\x80\xA2 " + b.text, f.body, p.text);
          continue;
        }
        // A link into the reader: the document's title, then where in it.
        const std::string& doc = b.document_id;
        const std::string& anchor = b.anchor;
        std::string label = b.text;
        // A bare id reads as the document's title (and where in it).
        if (auto sum = ui.Content().Summary(doc); sum && (label == doc || label == doc + "#" + anchor)) label = sum->title;
        ImGui::SetCursorPosX(ui.Margin());
        const std::string where = anchor.empty() ? std::string(ui.S("procedure.open_document"))
                                                 : ui.Fill("procedure.open_unit", "unit", UnitLabel(anchor));
        if (ui.ListRow(target, label, where))
          ui.Nav().Push(Route{"document", doc, anchor, ""});
      }
    }
    if (!item->body.empty()) {
      ui.SectionHeading(ui.S("procedure.more"));
      if (!body_parsed_) {
        body_parsed_ = true;
        std::string error;
        if (!body_.Parse(item->body, &error)) ui.Logger().Warn("procedure " + id_ + ": body: " + error);
      }
      ImGui::SetCursorPosX(ui.Margin());
      body_view_.SetMinTouchPx(ui.Backend().MmToPx(12.f));
      body_view_.Draw(body_, ui.Display().x - 2 * ui.Margin(), touchui::MarkdownFonts::From(ui.Fonts()),
                      ui.MarkdownLinks(item->links));
    }
    EndPage(ui);
  }

 private:
  // "Làm trực tuyến": a QR code of online_url that a phone camera reads off the screen,
  // beside (or, on a narrow screen, above) what to do with it.
  void DrawOnline(Ui& ui, const std::string& url) {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    if (qr_.Text() != url && !qr_failed_) {
      std::string error;
      if (!qr_.Encode(url, &error)) {
        qr_failed_ = true;
        ui.Logger().Warn("procedure " + id_ + ": online_url cannot be a QR code: " + error);
      }
    }
    ui.SectionHeading(ui.S("procedure.online_title"));
    if (qr_.Empty()) {
      ui.Text(url, f.body, p.text);
      return;
    }
    const float margin = ui.Margin();
    const float width = ui.Display().x - 2 * margin;
    const float side = std::min(360.f * s, width);
    const float text_x = side + 32.f * s;
    const bool beside = width - text_x > f.body->FontSize * 12.f;
    ImGui::SetCursorPosX(margin);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    touchui::QrCodeItem("##qr", qr_, side);
    ui.Target("qr");
    const float qr_bottom = ImGui::GetCursorPosY();
    const float tw = beside ? width - text_x : width;
    ImDrawList* d = ImGui::GetWindowDrawList();
    const ImVec2 at = beside ? ImVec2(top.x + text_x, top.y + 8.f * s) : ImGui::GetCursorScreenPos();
    const std::string caption = ui.S("procedure.online");
    const float ch = f.heading->CalcTextSizeA(f.heading->FontSize, FLT_MAX, tw, caption.c_str()).y;
    d->AddText(f.heading, f.heading->FontSize, at, p.text, caption.c_str(), nullptr, tw);
    const float uh = f.body->CalcTextSizeA(f.body->FontSize, FLT_MAX, tw, url.c_str()).y;
    d->AddText(f.body, f.body->FontSize, ImVec2(at.x, at.y + ch + 10.f * s), p.muted, url.c_str(), nullptr, tw);
    if (!beside) ImGui::Dummy(ImVec2(1, ch + uh + 20.f * s));
    else ImGui::SetCursorPosY(std::max(qr_bottom, ImGui::GetCursorPosY()));
  }

  // What "Nghe đọc" reads after the title: the facts, then every section as shown (the
  // legal basis by its words: document numbers are read as a listener understands them).
  static std::string SpeechBody(const Ui& ui, const pack::Item& item,
                                const std::vector<std::pair<std::string, std::string>>& facts) {
    using speech::EscapeMarkdown;
    const pack::Procedure& pr = *item.procedure;
    std::string md = SpeechFacts(facts);
    auto heading = [&](const char* key) { md += "\n## " + EscapeMarkdown(ui.S(key)) + "\n\n"; };
    if (!pr.documents.empty()) {
      heading("procedure.documents");
      int n = 1;
      for (const pack::ProcedureDocument& doc : pr.documents) {
        md += std::to_string(n++) + ". " + EscapeMarkdown(doc.name);
        if (!doc.copies.empty()) md += " \\(" + EscapeMarkdown(doc.copies) + "\\)";
        md += "\n";
      }
    }
    if (!pr.steps.empty()) {
      heading("procedure.steps");
      for (const std::string& step : pr.steps) md += "1. " + EscapeMarkdown(step) + "\n";
    }
    if (!pr.channels.empty()) {
      heading("procedure.channels");
      for (const pack::ProcedureChannel& ch : pr.channels) {
        md += "- " + EscapeMarkdown(ch.how);
        for (const std::string* v : {&ch.time, &ch.fee, &ch.note})
          if (!v->empty()) md += ". " + EscapeMarkdown(*v);
        md += "\n";
      }
    }
    if (!pr.requirements.empty()) {
      heading("procedure.requirements");
      for (const std::string& r : pr.requirements) md += "- " + EscapeMarkdown(r) + "\n";
    }
    if (!pr.legal_basis.empty()) {
      heading("procedure.legal_basis");
      for (const pack::LegalBasis& b : pr.legal_basis) {
        std::string label = b.text;  // a bare id reads as the document's title, as on screen
        if (!b.document_id.empty() && (label == b.document_id || label == b.document_id + "#" + b.anchor))
          if (auto sum = ui.Content().Summary(b.document_id)) label = sum->title;
        md += "- " + EscapeMarkdown(label) + "\n";
      }
    }
    if (!item.body.empty()) {
      heading("procedure.more");
      md += item.body;
    }
    return md;
  }

  // A form (biểu mẫu): a thumbnail a finger opens in the zoom view.
  void DrawFormThumb(Ui& ui, int64_t image_id, int index) {
    const touchui::Texture* t = ui.PackImage(image_id);
    const float s = ui.Scale();
    const float margin = ui.Margin();
    const std::string target = "form:" + std::to_string(index);
    const std::string label = ui.S("procedure.form_image");
    ImGui::SetCursorPosX(margin + 40.f * s);
    if (!t) {
      ui.Text(label, ui.Fonts().body, ui.P().muted);
      return;
    }
    const float max_h = 260.f * s, max_w = ui.Display().x - 2 * margin - 40.f * s;
    const float scale = std::min({max_h / (float)t->Height(), max_w / (float)t->Width(), 1.f});
    const ImVec2 size((float)t->Width() * scale, (float)t->Height() * scale);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(("##" + target).c_str(), size);
    ui.Target(target);
    ImDrawList* d = ImGui::GetWindowDrawList();
    d->AddImage(t->Id(), pos, ImVec2(pos.x + size.x, pos.y + size.y));
    d->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), ui.P().border, 0, 0, ui.P().border_width);
    ImGui::SetCursorPosX(margin + 40.f * s);
    touchui::Paragraph(label.c_str(), ui.Fonts().body, ui.P().muted);
    if (pressed) ui.Nav().Push(Route{"form", id_, std::to_string(image_id), ""});
  }

  touchui::QrCode qr_;
  bool qr_failed_ = false;
  touchui::MarkdownDocument body_;
  touchui::MarkdownView body_view_;
  bool body_parsed_ = false;
  std::string speech_body_;            // Markdown of what "Nghe đọc" reads (built once)
  std::string id_;
  std::string title_;
  std::string online_url_;
};

// A form full screen: zoom with + and − (or a double tap), pan with one finger.
class FormScreen final : public Screen {
 public:
  explicit FormScreen(const Route& route) : id_(route.item), image_(std::atoll(route.anchor.c_str())) {}

  void Dump(nlohmann::json& state) const override {
    state["item"] = {{"id", id_}, {"type", "procedure"}, {"title", title_}};
    state["zoom"] = viewer_.Zoom();
  }

  void Draw(Ui& ui, int64_t now_ms) override {
    const float top = ui.Header(ui.S("form.title"));
    if (const pack::Item* item = ui.Content().GetItem(id_)) title_ = item->summary.title;
    const touchui::Texture* t = ui.PackImage(image_);
    const ImVec2 display = ui.Display();
    if (!t) {
      ImGui::SetCursorScreenPos(ImVec2(0, top + ui.Margin()));
      ui.Text(ui.S("item.missing"), ui.Fonts().body, ui.P().text);
      return;
    }
    touchui::ImageViewerLabels labels;
    labels.fit = ui.S("form.fit");
    viewer_.SetButtonSide(std::max(110.f * ui.Scale(), ui.Backend().MmToPx(14.f)));
    if (viewer_.Draw(t->Id(), t->Width(), t->Height(), ImVec2(0, top), ImVec2(display.x, display.y - top),
                     ui.Input(), now_ms, labels, ui.Fonts().heading))
      ui.RequestFrame(2);
    using B = touchui::ImageViewer::Button;
    const std::pair<B, const char*> buttons[] = {{B::ZoomIn, "zoom:in"}, {B::ZoomOut, "zoom:out"}, {B::Fit, "zoom:fit"}};
    for (const auto& [b, name] : buttons) {
      ImVec2 a, z;
      if (viewer_.ButtonRect(b, &a, &z)) ui.TargetRectNow(name, a, z);
    }
  }

 private:
  std::string id_, title_;
  int64_t image_ = 0;
  touchui::ImageViewer viewer_;
};

}  // namespace

std::unique_ptr<Screen> MakeFormScreen(const Route& route) { return std::make_unique<FormScreen>(route); }
std::unique_ptr<Screen> MakeProcedureScreen(const Route& route) { return std::make_unique<ProcedureScreen>(route); }

}  // namespace kiosk
