// kiosk/speech/speech.hpp: reading aloud: espeak-ng's Vietnamese voice through SDL audio.
//
// Speech owns one background thread. Speak() hands it the words (VerbalizeVi's output);
// the thread synthesises them with libespeak-ng in synchronous mode, a chunk at a time,
// into a small buffer (about half a second of audio: synthesis waits while it is full,
// so a long page costs no memory) that the SDL audio device's callback plays. The
// device is opened when reading starts and closed when it ends, so an idle kiosk has no
// audio thread and burns no CPU. Stop() is immediate: the buffer is emptied (the device
// plays silence from its next period, ~46 ms) and synthesis is abandoned at its next
// chunk.
//
// Available() is decided once, by a probe the thread runs first (so the kiosk's first
// frame does not wait for it): SDL's audio subsystem starts, a device opens (SDL's "dummy"
// driver counts as none: it plays nothing), espeak-ng starts and has the "vi" voice.
// Available(), Describe(), Speak() and Stop() wait for the probe; Ready() does not. When it is false the kiosk hides its "Nghe đọc" button. Tests use
// SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=PATH (real audio bytes in a file, at real-time
// pace) and SDL_AUDIODRIVER=none or dummy for "no device" (docs/read-aloud.md).
//
// espeak-ng is one global engine per process: Speech and SynthesizeVi() share it behind
// a lock, one synthesis at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "content-pack/expected.hpp"

namespace kiosk::speech {

constexpr int kSpeechRateWpm = 150;  // espeak-ng's rate (its default 175 is fast for a kiosk)

// Mono 16-bit samples at SAMPLE_RATE (espeak-ng's 22,050 Hz).
struct SpeechAudio {
  std::vector<int16_t> samples;
  int sample_rate = 0;
  double Seconds() const { return sample_rate ? (double)samples.size() / sample_rate : 0.0; }
};

// WORDS (what to say, e.g. VerbalizeVi's output) synthesised into memory with the
// Vietnamese voice, no audio device involved. Fails naming the cause when libespeak-ng
// cannot start or has no "vi" voice (package espeak-ng-data).
pack::Expected<SpeechAudio> SynthesizeVi(std::string_view words);

// AUDIO as a 16-bit mono PCM WAV file's bytes.
std::string WavBytes(const SpeechAudio& audio);

// What Speech asks the sound device for; 0 / false: espeak-ng's own format (S16 mono,
// 22,050 Hz), which SDL converts to the device's if it must. A device that grants
// something else gets audio converted with SDL_AudioStream (tests ask for 48 kHz stereo
// float to exercise that path).
struct SpeechDevice {
  int rate = 0;
  int channels = 0;
  bool float_samples = false;
};

class Speech {
 public:
  explicit Speech(SpeechDevice device = {});  // probes the device and the voice (see above); never throws
  ~Speech();  // stops reading and joins the thread
  Speech(const Speech&) = delete;
  Speech& operator=(const Speech&) = delete;

  bool Ready() const;      // the probe is done (never waits)
  bool Available() const;
  // Why reading aloud is unavailable (for the journal), or what plays it when it is.
  const std::string& Describe() const;
  // Starts reading WORDS (replacing anything being read); false when unavailable or
  // WORDS is empty. Text beyond kMaxWordsBytes is cut at a word boundary.
  bool Speak(std::string words);
  void Stop();             // silence now; nothing more of the current text is played
  // True from Speak() until the last sample has been played (or Stop()).
  bool Speaking() const;

  static constexpr size_t kMaxWordsBytes = 256 * 1024;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::speech
