// kiosk/tools/kiosk_speak.cpp: `kiosk-speak`, the command line of reading aloud
// (kiosk/src/speech/): what a text is read as, the audio itself as a WAV file, and a
// technician's sound check on the kiosk's own device.
//
//   kiosk-speak --verbalize TEXT          the words TEXT is read as, on stdout
//   kiosk-speak --markdown FILE           the words a Markdown file is read as
//   kiosk-speak --wav OUT.wav TEXT        TEXT read aloud into a WAV file (16-bit mono)
//   kiosk-speak --play TEXT               TEXT read aloud on the sound device, to the end
// TEXT "-" reads standard input. Exit 0, 1 on a failure (named on stderr), 2 on usage.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>

#include "speech/markdown_speech.hpp"
#include "speech/speech.hpp"
#include "speech/verbalize_vi.hpp"

namespace {

const char* kUsage =
    "usage: kiosk-speak --verbalize TEXT\n"
    "       kiosk-speak --markdown FILE\n"
    "       kiosk-speak --wav OUT.wav TEXT\n"
    "       kiosk-speak --play TEXT\n"
    "TEXT '-' reads standard input.\n";

constexpr size_t kMaxInputBytes = 16u << 20;

bool ReadInput(const std::string& arg, std::string* out) {
  if (arg != "-") {
    *out = arg;
    return true;
  }
  std::ostringstream s;
  s << std::cin.rdbuf();
  *out = s.str();
  return out->size() <= kMaxInputBytes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "%s", kUsage);
    return 2;
  }
  const std::string mode = argv[1];
  std::string text;
  if (mode == "--verbalize" && argc == 3) {
    if (!ReadInput(argv[2], &text)) {
      std::fprintf(stderr, "kiosk-speak: standard input is over %zu bytes\n", kMaxInputBytes);
      return 1;
    }
    std::printf("%s\n", kiosk::speech::VerbalizeVi(text).c_str());
    return 0;
  }
  if (mode == "--markdown" && argc == 3) {
    std::ifstream in(argv[2], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "kiosk-speak: cannot read %s: %s\n", argv[2], std::strerror(errno));
      return 1;
    }
    std::string md((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::printf("%s\n", kiosk::speech::VerbalizeVi(kiosk::speech::MarkdownToSpeechText(md)).c_str());
    return 0;
  }
  if (mode == "--wav" && argc == 4) {
    if (!ReadInput(argv[3], &text)) {
      std::fprintf(stderr, "kiosk-speak: standard input is over %zu bytes\n", kMaxInputBytes);
      return 1;
    }
    const std::string words = kiosk::speech::VerbalizeVi(text);
    auto audio = kiosk::speech::SynthesizeVi(words);
    if (!audio) {
      std::fprintf(stderr, "kiosk-speak: %s\n", audio.error().c_str());
      return 1;
    }
    std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
    const std::string wav = kiosk::speech::WavBytes(*audio);
    out.write(wav.data(), (std::streamsize)wav.size());
    out.close();
    if (!out) {
      std::fprintf(stderr, "kiosk-speak: cannot write %s\n", argv[2]);
      return 1;
    }
    std::printf("%s: %.2f s, %zu samples at %d Hz\n", argv[2], audio->Seconds(), audio->samples.size(),
                audio->sample_rate);
    return 0;
  }
  if (mode == "--play" && argc == 3) {
    if (!ReadInput(argv[2], &text)) {
      std::fprintf(stderr, "kiosk-speak: standard input is over %zu bytes\n", kMaxInputBytes);
      return 1;
    }
    kiosk::speech::Speech speech;
    std::fprintf(stderr, "kiosk-speak: %s\n", speech.Describe().c_str());
    if (!speech.Available()) return 1;
    if (!speech.Speak(kiosk::speech::VerbalizeVi(text))) {
      std::fprintf(stderr, "kiosk-speak: nothing to say\n");
      return 1;
    }
    while (speech.Speaking()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return 0;
  }
  std::fprintf(stderr, "%s", kUsage);
  return 2;
}
