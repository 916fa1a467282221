// tests/kiosk-speech/synth_test.cpp: real espeak-ng synthesis (SynthesizeVi, WavBytes),
// real playback through SDL's disk audio driver (Speech), and bin/kiosk-speak.
//
// Durations are checked within wide bounds (what a listener would call plausible), not
// timed: speaking speed is a setting of the voice, not a performance figure.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "speech/speech.hpp"
#include "speech/verbalize_vi.hpp"

namespace fs = std::filesystem;
using namespace kiosk::speech;

namespace {

double Rms(const int16_t* s, size_t n) {
  double sum = 0;
  for (size_t i = 0; i < n; ++i) sum += (double)s[i] * s[i];
  return n ? std::sqrt(sum / (double)n) : 0;
}

size_t Syllables(const std::string& words) {
  size_t n = 0;
  bool in = false;
  for (char c : words) {
    const bool letter = c != ' ' && c != ',' && c != '.';
    if (letter && !in) ++n;
    in = letter;
  }
  return n;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// 16-bit samples in FILE (SDL's disk driver writes the device's format: S16 mono at
// 22,050 Hz as Speech asks for, which the disk driver grants).
std::vector<int16_t> Samples(const fs::path& file) {
  const std::string bytes = ReadFile(file);
  std::vector<int16_t> s(bytes.size() / 2);
  std::memcpy(s.data(), bytes.data(), s.size() * 2);
  return s;
}

// Seconds of audio in FILE louder than near-silence (in 50 ms windows).
double LoudSeconds(const fs::path& file, int rate = 22050) {
  const std::vector<int16_t> s = Samples(file);
  const size_t w = (size_t)rate / 20;
  size_t loud = 0;
  for (size_t i = 0; i + w <= s.size(); i += w)
    if (Rms(s.data() + i, w) > 300) ++loud;
  return (double)loud * 0.05;
}

struct TempDir {
  fs::path dir;
  TempDir() {
    char tmpl[] = "/tmp/kiosk-speech-test-XXXXXX";
    dir = mkdtemp(tmpl);
  }
  ~TempDir() { std::error_code ec; fs::remove_all(dir, ec); }
};

bool WaitFor(const std::function<bool()>& done, int max_ms) {
  for (int waited = 0; waited < max_ms; waited += 20) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

const std::string kSentence =
    "Đăng ký khai sinh cho trẻ em tại ủy ban nhân dân xã, lệ phí năm mươi nghìn đồng.";

}  // namespace

TEST_CASE("synthesis: a Vietnamese sentence is audible audio of a plausible length") {
  auto audio = SynthesizeVi(kSentence);
  REQUIRE_MESSAGE(audio, audio.error());
  CHECK(audio->sample_rate == 22050);
  const double seconds = audio->Seconds();
  const size_t syllables = Syllables(kSentence);
  CHECK(syllables == 19);
  MESSAGE(syllables << " syllables: " << seconds << " s");
  // A syllable takes between 0.1 s and 0.8 s when read to a listener.
  CHECK(seconds > 0.1 * (double)syllables);
  CHECK(seconds < 0.8 * (double)syllables);
  CHECK(Rms(audio->samples.data(), audio->samples.size()) > 500);
  int peak = 0;
  for (int16_t v : audio->samples) peak = std::max(peak, std::abs((int)v));
  CHECK(peak > 4000);
}

TEST_CASE("synthesis: duration grows with the text, roughly in proportion to its syllables") {
  const std::string one = VerbalizeVi("Mang theo CCCD và sổ hộ khẩu.");
  std::string three = one + " " + one + " " + one;
  std::string nine = three + " " + three + " " + three;
  auto a = SynthesizeVi(one), b = SynthesizeVi(three), c = SynthesizeVi(nine);
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(c);
  MESSAGE(Syllables(one) << " syllables " << a->Seconds() << " s; x3 " << b->Seconds() << " s; x9 " << c->Seconds()
                         << " s");
  CHECK(b->Seconds() > 2.0 * a->Seconds());
  CHECK(b->Seconds() < 4.0 * a->Seconds());
  CHECK(c->Seconds() > 2.0 * b->Seconds());
  CHECK(c->Seconds() < 4.0 * b->Seconds());
}

TEST_CASE("synthesis: no words give (almost) no audio, and hostile words do not crash") {
  auto empty = SynthesizeVi("");
  REQUIRE(empty);
  CHECK(empty->Seconds() < 1.0);
  CHECK(Rms(empty->samples.data(), empty->samples.size()) < 100);
  std::string junk;
  for (int i = 0; i < 3000; ++i) junk += (char)(i * 131 % 256);
  auto noisy = SynthesizeVi(VerbalizeVi(junk));
  CHECK(noisy);
  // SSML is not interpreted: markup is text (then mostly dropped by the voice).
  auto ssml = SynthesizeVi("<speak><break time=\"100s\"/></speak>");
  REQUIRE(ssml);
  CHECK(ssml->Seconds() < 20.0);
}

TEST_CASE("synthesis: WAV bytes have the right header and the samples") {
  SpeechAudio audio;
  audio.sample_rate = 22050;
  audio.samples = {0, 1000, -1000, 32767, -32768};
  const std::string wav = WavBytes(audio);
  REQUIRE(wav.size() == 44 + 10);
  CHECK(wav.compare(0, 4, "RIFF") == 0);
  CHECK(wav.compare(8, 8, "WAVEfmt ") == 0);
  CHECK(wav.compare(36, 4, "data") == 0);
  auto u32 = [&](size_t at) { uint32_t v; std::memcpy(&v, wav.data() + at, 4); return v; };
  CHECK(u32(4) == 36 + 10);
  CHECK(u32(24) == 22050);
  CHECK(u32(40) == 10);
  int16_t last;
  std::memcpy(&last, wav.data() + 52, 2);
  CHECK(last == -32768);
}

TEST_CASE("speech: plays real audio through SDL's disk driver until the end") {
  TempDir t;
  const fs::path file = t.dir / "audio.raw";
  setenv("SDL_AUDIODRIVER", "disk", 1);
  setenv("SDL_DISKAUDIOFILE", file.c_str(), 1);
  Speech speech;
  INFO(speech.Describe());
  REQUIRE(speech.Available());
  CHECK(speech.Describe().find("disk") != std::string::npos);
  CHECK_FALSE(speech.Speaking());
  const std::string words = VerbalizeVi("Xin chào, mời bạn đến ủy ban nhân dân xã.");
  auto expected = SynthesizeVi(words);
  REQUIRE(expected);
  CHECK(speech.Speak(words));
  CHECK(speech.Speaking());
  // Played to the end (bounded by ten times the audio's length, for a loaded machine).
  REQUIRE(WaitFor([&] { return !speech.Speaking(); }, (int)(expected->Seconds() * 10000) + 5000));
  // All of it reached the device, audibly.
  CHECK(fs::file_size(file) >= expected->samples.size() * 2);
  const double loud = LoudSeconds(file);
  MESSAGE("synthesised " << expected->Seconds() << " s, played " << loud << " s above silence");
  CHECK(loud > 0.3 * expected->Seconds());
  CHECK(loud > 0.5);
  // Nothing to say: refused.
  CHECK_FALSE(speech.Speak(""));
  CHECK_FALSE(speech.Speak(" , . "));
  CHECK_FALSE(speech.Speaking());
}

TEST_CASE("speech: a device in another format gets converted audio (48 kHz stereo float)") {
  TempDir t;
  const fs::path file = t.dir / "audio.raw";
  setenv("SDL_AUDIODRIVER", "disk", 1);
  setenv("SDL_DISKAUDIOFILE", file.c_str(), 1);
  SpeechDevice device;
  device.rate = 48000;
  device.channels = 2;
  device.float_samples = true;
  Speech speech(device);
  INFO(speech.Describe());
  REQUIRE(speech.Available());
  CHECK(speech.Describe().find("48000 Hz, 2 channel(s), 32-bit float") != std::string::npos);
  const std::string words = VerbalizeVi("Xin chào, mời bạn đến ủy ban nhân dân xã.");
  auto expected = SynthesizeVi(words);
  REQUIRE(expected);
  REQUIRE(speech.Speak(words));
  REQUIRE(WaitFor([&] { return !speech.Speaking(); }, (int)(expected->Seconds() * 10000) + 5000));
  // 48,000 frames a second of two 4-byte floats: the whole text, resampled, reached the device.
  const std::string bytes = ReadFile(file);
  const double played_seconds = (double)bytes.size() / (48000.0 * 2 * 4);
  MESSAGE("synthesised " << expected->Seconds() << " s, device got " << played_seconds << " s");
  CHECK(played_seconds >= expected->Seconds() * 0.98);
  // Both channels carry the voice, within the float range, audibly.
  std::vector<float> f(bytes.size() / 4);
  std::memcpy(f.data(), bytes.data(), f.size() * 4);
  double left = 0, right = 0;
  bool in_range = true;
  for (size_t i = 0; i + 1 < f.size(); i += 2) {
    left += (double)f[i] * f[i];
    right += (double)f[i + 1] * f[i + 1];
    in_range = in_range && std::fabs(f[i]) <= 1.1f && std::fabs(f[i + 1]) <= 1.1f;  // resampling may ring a little past full scale
  }
  CHECK(in_range);
  CHECK(std::sqrt(left / (double)(f.size() / 2)) > 0.01);
  CHECK(std::sqrt(right / (double)(f.size() / 2)) > 0.01);
}

TEST_CASE("speech: Stop silences at once and the device is closed") {
  TempDir t;
  const fs::path file = t.dir / "audio.raw";
  setenv("SDL_AUDIODRIVER", "disk", 1);
  setenv("SDL_DISKAUDIOFILE", file.c_str(), 1);
  Speech speech;
  REQUIRE(speech.Available());
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += kSentence + " ";
  REQUIRE(speech.Speak(VerbalizeVi(long_text)));
  // Wait (real time, bounded) until audible audio arrives, then stop.
  REQUIRE(WaitFor([&] { return fs::exists(file) && LoudSeconds(file) > 0.3; }, 20000));
  speech.Stop();
  CHECK_FALSE(speech.Speaking());
  // The device closes soon after; then the file stops growing.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const auto size = fs::file_size(file);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(fs::file_size(file) == size);
  // Far less than the whole text was played (about 4 minutes of it).
  CHECK(size < 22050u * 2u * 60u);
  // Speaking again works after a stop.
  CHECK(speech.Speak(VerbalizeVi("Xin chào.")));
  CHECK(speech.Speaking());
  REQUIRE(WaitFor([&] { return !speech.Speaking(); }, 30000));
}

TEST_CASE("speech: Speak, Stop and Speaking from several threads, then a clean destructor mid-sentence") {
  TempDir t;
  setenv("SDL_AUDIODRIVER", "disk", 1);
  setenv("SDL_DISKAUDIOFILE", (t.dir / "audio.raw").c_str(), 1);
  auto speech = std::make_unique<Speech>();
  REQUIRE(speech->Available());
  const std::string words = VerbalizeVi(kSentence);
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      for (int i = 0; i < 50; ++i) {
        if ((i + k) % 3 == 0) speech->Stop();
        else speech->Speak(words);
        (void)speech->Speaking();
        std::this_thread::sleep_for(std::chrono::milliseconds(3));
      }
    });
  }
  for (auto& th : threads) th.join();
  speech->Stop();
  CHECK_FALSE(speech->Speaking());
  // Destroyed while reading: the thread stops and joins (a hang fails by ctest's timeout).
  speech->Speak(words);
  speech.reset();
}

TEST_CASE("speech: no device means unavailable (SDL_AUDIODRIVER=none and dummy)") {
  setenv("SDL_AUDIODRIVER", "none", 1);
  {
    Speech speech;
    CHECK_FALSE(speech.Available());
    CHECK(speech.Describe().find("reading aloud off") != std::string::npos);
    CHECK_FALSE(speech.Speak("xin chào"));
    CHECK_FALSE(speech.Speaking());
    speech.Stop();
  }
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  {
    Speech speech;
    CHECK_FALSE(speech.Available());
    CHECK(speech.Describe().find("dummy") != std::string::npos);
    CHECK_FALSE(speech.Speak("xin chào"));
  }
}

TEST_CASE("kiosk-speak: --verbalize, --wav, and failures named") {
  TempDir t;
  const std::string tool = std::string(KIOSK_BINARY_DIR) + "/bin/kiosk-speak";
  auto run = [&](const std::string& args, std::string* out) {
    const fs::path o = t.dir / "out.txt", e = t.dir / "err.txt";
    const int status = std::system((tool + " " + args + " > " + o.string() + " 2> " + e.string()).c_str());
    *out = ReadFile(o) + ReadFile(e);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  std::string out;
  CHECK(run("--verbalize '50.000 đồng'", &out) == 0);
  CHECK(out == "năm mươi nghìn đồng\n");
  const fs::path wav = t.dir / "a.wav";
  CHECK(run("--wav " + wav.string() + " 'Nghị định 23/2015/NĐ-CP'", &out) == 0);
  CHECK(out.find("22050 Hz") != std::string::npos);
  const std::string bytes = ReadFile(wav);
  REQUIRE(bytes.size() > 44 + 22050);  // more than half a second
  CHECK(bytes.compare(0, 4, "RIFF") == 0);
  CHECK(Rms(reinterpret_cast<const int16_t*>(bytes.data() + 44), (bytes.size() - 44) / 2) > 500);
  CHECK(run("--wav /nonexistent/dir/a.wav 'xin chào'", &out) == 1);
  CHECK(out.find("cannot write /nonexistent/dir/a.wav") != std::string::npos);
  CHECK(run("--markdown /nonexistent.md", &out) == 1);
  CHECK(out.find("/nonexistent.md") != std::string::npos);
  CHECK(run("--bogus x", &out) == 2);
  CHECK(out.find("usage") != std::string::npos);
  std::ofstream(t.dir / "p.md") << "# Lệ phí\n\n- 50.000đ\n";
  CHECK(run("--markdown " + (t.dir / "p.md").string(), &out) == 0);
  CHECK(out == "Lệ phí. năm mươi nghìn đồng\n");
}
