// tests/kiosk-speech/markdown_speech_test.cpp: what of a Markdown page is read aloud
// (MarkdownToSpeechText) and escaping plain fields into Markdown (EscapeMarkdown).
#include <doctest/doctest.h>

#include <string>

#include "speech/markdown_speech.hpp"
#include "speech/verbalize_vi.hpp"

using kiosk::speech::EscapeMarkdown;
using kiosk::speech::MarkdownToSpeechText;
using kiosk::speech::VerbalizeVi;

TEST_CASE("markdown speech: markup goes, blocks become sentences") {
  CHECK(MarkdownToSpeechText("# Đăng ký khai sinh\n\nNộp **tờ khai** và *giấy chứng sinh*.\n") ==
        "Đăng ký khai sinh\nNộp tờ khai và giấy chứng sinh.");
  // A soft line break inside a paragraph is a space, not a sentence end.
  CHECK(MarkdownToSpeechText("Người đi đăng ký\nnộp tờ khai.") == "Người đi đăng ký nộp tờ khai.");
  // Lists: one sentence per item; ordered items keep their number (from the list's start).
  CHECK(MarkdownToSpeechText("- Tờ khai\n- Giấy chứng sinh\n") == "Tờ khai\nGiấy chứng sinh");
  CHECK(MarkdownToSpeechText("3. Nộp\n4. Nhận\n") == "3, Nộp\n4, Nhận");
  CHECK(MarkdownToSpeechText("- Cha\n  - mẹ\n- con\n") == "Cha\nmẹ\ncon");
  // Tables: a row is a sentence, its cells joined by pauses (the header row too).
  CHECK(MarkdownToSpeechText("| Giấy tờ | Số bản |\n|---|---|\n| Tờ khai | 1 |\n| CCCD | 1 |\n") ==
        "Giấy tờ, Số bản\nTờ khai, 1\nCCCD, 1");
}

TEST_CASE("markdown speech: pictures, link addresses and raw HTML are not read") {
  CHECK(MarkdownToSpeechText("Xem ![mẫu tờ khai](images/to-khai.png) bên dưới.") == "Xem bên dưới.");
  CHECK(MarkdownToSpeechText("Theo [Luật Hộ tịch](luat-ho-tich#dieu-16).") == "Theo Luật Hộ tịch.");
  CHECK(MarkdownToSpeechText("Trang <https://dichvucong.gov.vn> của Chính phủ.") == "Trang của Chính phủ.");
  CHECK(MarkdownToSpeechText("Trang https://dichvucong.gov.vn của Chính phủ.") == "Trang của Chính phủ.");
  CHECK(MarkdownToSpeechText("<div>quảng cáo</div>\n\nNội dung") == "Nội dung");
  CHECK(MarkdownToSpeechText("A&amp;B &#273;&#x1ED3;ng") == "A&B đồng");
  CHECK(MarkdownToSpeechText("`mã 123`") == "mã 123");
}

TEST_CASE("markdown speech: escaped plain fields read as written, through the verbaliser") {
  const std::string field = "# 1. *Tờ khai* [mẫu] 50.000đ (bản chính)";
  const std::string md = "- " + EscapeMarkdown(field) + "\n";
  CHECK(MarkdownToSpeechText(md) == field);
  CHECK(VerbalizeVi(MarkdownToSpeechText("## Lệ phí\n\n- 50.000 đồng/bản\n- Miễn phí cho trẻ dưới 6 tuổi")) ==
        "Lệ phí. năm mươi nghìn đồng trên bản. Miễn phí cho trẻ dưới sáu tuổi");
}

TEST_CASE("markdown speech: hostile input") {
  CHECK(MarkdownToSpeechText("").empty());
  std::string deep(5000, '>');
  deep += " sâu";
  CHECK(MarkdownToSpeechText(deep) == "sâu");
  std::string nested;
  for (int i = 0; i < 2000; ++i) nested += std::string(i % 40, ' ') + "- x\n";
  CHECK_FALSE(MarkdownToSpeechText(nested).empty());
  std::string bytes;
  for (int i = 0; i < 4096; ++i) bytes += (char)(i * 37 % 256);
  (void)VerbalizeVi(MarkdownToSpeechText(bytes));  // must not crash; ASan builds check memory
}
