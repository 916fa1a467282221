// kiosk/screens/procedures.cpp: thủ tục hành chính: fields (lĩnh vực) with counts -> the
// procedures of a field -> one procedure in clear sections: what to bring, steps, time,
// fee, where, requirements, legal basis (links into the document reader), and a QR code
// of where to do it online.
#include <algorithm>

#include "content.hpp"
#include "screens/screens.hpp"

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

// Fields with counts; with a field chosen (route.field), its procedures.
class ProceduresScreen final : public PageScreen {
 public:
  explicit ProceduresScreen(const Route& route) : field_(route.field) {}

  void Draw(Ui& ui, int64_t) override {
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    ContentService& c = ui.Content();
    std::vector<const pack::FieldCount*> fields;
    for (const pack::FieldCount& fc : c.Fields())
      if (fc.type == pack::ItemType::Procedure) fields.push_back(&fc);
    // One field (or none named) needs no field list: straight to the procedures.
    const bool list_items = !field_.empty() || fields.size() <= 1;
    const std::string title = field_.empty() ? ui.S("section.procedures.title") : field_;
    const float top = ui.Header(title.c_str());
    BeginPage(ui, top, "##procedures");
    if (!list_items) {
      ui.Text(ui.S("procedures.choose_field"), f.body, p.muted);
      ImGui::Dummy(ImVec2(1, 8.f * ui.Scale()));
      for (const pack::FieldCount* fc : fields) {
        ImGui::SetCursorPosX(ui.Margin());
        const std::string name = fc->field.empty() ? ui.S("procedures.other_field") : fc->field;
        if (ui.ListRow("field:" + fc->field, name, ui.Fill("procedures.count", "count", std::to_string(fc->count))))
          ui.Nav().Push(Route{"procedures", "", "", fc->field.empty() ? std::string(" ") : fc->field});
      }
    } else {
      const std::string field = field_ == " " ? std::string() : field_;
      const auto& items = c.Items(pack::ItemType::Procedure, field);
      if (items.empty()) ui.Text(ui.S("list.empty"), f.body, p.text);
      for (const pack::ItemSummary& it : items) {
        ImGui::SetCursorPosX(ui.Margin());
        if (ui.ListRow("item:" + it.id, it.title, field_.empty() ? it.field : std::string()))
          ui.Nav().Push(Route{"procedure", it.id, "", ""});
      }
    }
    EndPage(ui);
  }
  bool Dirty() const override { return true; }

 private:
  std::string field_;
};

class ProcedureScreen final : public PageScreen {
 public:
  explicit ProcedureScreen(const Route& route) : id_(route.item) {}

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
    ui.Facts(rows);

    if (!pr.documents.empty()) {
      ui.SectionHeading(ui.S("procedure.documents"));
      int n = 1;
      for (const pack::ProcedureDocument& doc : pr.documents) {
        std::string line = std::to_string(n++) + ". " + doc.name;
        if (!doc.copies.empty()) line += " (" + doc.copies + ")";
        ui.Text(line, f.body, p.text);
        if (!doc.form.empty() && !doc.form_image)
          ui.Text(ui.Fill("procedure.form_named", "form", doc.form), f.body, p.muted);
        if (doc.form_image) ui.Text(ui.S("procedure.form_image"), f.body, p.muted);
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
      ui.Text(item->body, f.body, p.text);
    }
    EndPage(ui);
  }

 private:
  std::string id_;
  std::string title_;
  std::string online_url_;
};

}  // namespace

std::unique_ptr<Screen> MakeProceduresScreen(const Route& route) { return std::make_unique<ProceduresScreen>(route); }
std::unique_ptr<Screen> MakeProcedureScreen(const Route& route) { return std::make_unique<ProcedureScreen>(route); }

}  // namespace kiosk
