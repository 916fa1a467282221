// kiosk/speech/speech.cpp: espeak-ng synthesis and SDL playback (speech.hpp).
//
// [SECTION] Engine: the process's one espeak-ng, behind a lock
// [SECTION] SynthesizeVi and WAV
// [SECTION] Speech: probe, worker thread, audio callback
//
// Locking: Impl::mu guards the request (text, generation), the play buffer and the
// flags; SDL's audio callback takes it briefly. No SDL device call (open, pause, close)
// is ever made while holding it, because SDL holds the device's own lock while it runs
// the callback.
#include "speech/speech.hpp"

#include <SDL.h>
#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <mutex>
#include <thread>

namespace kiosk::speech {
namespace {

// [SECTION] Engine

using Sink = std::function<bool(const int16_t* samples, int count)>;

class Engine {
 public:
  static Engine& Get() {
    static Engine engine;
    return engine;
  }

  // Starts espeak-ng once; the error (or "") of that start.
  const std::string& Start() {
    std::lock_guard<std::mutex> lock(mu_);
    StartLocked();
    return error_;
  }
  int SampleRate() const { return rate_; }

  // Synthesises WORDS, handing SINK each chunk of samples; SINK returns false to abandon
  // the rest. False with ERROR when espeak-ng is unusable or fails.
  bool Synthesize(std::string_view words, const Sink& sink, std::string* error) {
    std::lock_guard<std::mutex> lock(mu_);
    StartLocked();
    if (!error_.empty()) {
      *error = error_;
      return false;
    }
    const std::string text(words);  // espeak-ng wants a terminating NUL
    sink_ = &sink;
    const espeak_ERROR r = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                        espeakCHARS_UTF8 | espeakENDPAUSE, nullptr, nullptr);
    sink_ = nullptr;
    if (r != EE_OK) {
      *error = "espeak-ng could not synthesise the text (espeak_Synth error " + std::to_string((int)r) + ")";
      return false;
    }
    return true;
  }

 private:
  Engine() = default;
  ~Engine() {
    if (rate_ > 0) espeak_Terminate();
  }

  void StartLocked() {
    if (started_) return;
    started_ = true;
    // Synchronous: espeak_Synth returns when done, calling back with each chunk (about
    // 100 ms of audio); no audio output of its own (libpcaudio stays unused).
    rate_ = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, nullptr, espeakINITIALIZE_DONT_EXIT);
    if (rate_ <= 0) {
      rate_ = 0;
      error_ = "espeak-ng did not start (its data folder espeak-ng-data is missing or unreadable)";
      return;
    }
    if (espeak_SetVoiceByName("vi") != EE_OK) {
      error_ = "espeak-ng has no Vietnamese voice \"vi\" (package espeak-ng-data)";
      return;
    }
    espeak_SetParameter(espeakRATE, kSpeechRateWpm, 0);
    espeak_SetSynthCallback(&Engine::Callback);
  }

  static int Callback(short* wav, int count, espeak_EVENT*) {
    const Sink* sink = Get().sink_;
    if (!sink || !wav || count <= 0) return 0;
    return (*sink)(wav, count) ? 0 : 1;  // 1: abandon the rest
  }

  std::mutex mu_;
  bool started_ = false;
  int rate_ = 0;
  std::string error_;
  const Sink* sink_ = nullptr;
};

// A byte FIFO in one vector: append at the back, read from HEAD, compacted as it drains.
class ByteQueue {
 public:
  size_t Size() const { return data_.size() - head_; }
  bool Empty() const { return Size() == 0; }
  void Clear() { data_.clear(); head_ = 0; }
  void Push(const uint8_t* p, size_t n) {
    if (head_ > 0 && head_ >= data_.size() / 2) {
      data_.erase(data_.begin(), data_.begin() + (std::ptrdiff_t)head_);
      head_ = 0;
    }
    data_.insert(data_.end(), p, p + n);
  }
  size_t Pop(uint8_t* out, size_t n) {
    n = std::min(n, Size());
    std::memcpy(out, data_.data() + head_, n);
    head_ += n;
    if (head_ == data_.size()) Clear();
    return n;
  }

 private:
  std::vector<uint8_t> data_;
  size_t head_ = 0;
};

}  // namespace

// [SECTION] SynthesizeVi and WAV

pack::Expected<SpeechAudio> SynthesizeVi(std::string_view words) {
  Engine& engine = Engine::Get();
  if (const std::string& e = engine.Start(); !e.empty()) return pack::Expected<SpeechAudio>::Fail(e);
  SpeechAudio audio;
  audio.sample_rate = engine.SampleRate();
  std::string error;
  const Sink sink = [&](const int16_t* s, int n) {
    audio.samples.insert(audio.samples.end(), s, s + n);
    return true;
  };
  if (!engine.Synthesize(words, sink, &error)) return pack::Expected<SpeechAudio>::Fail(error);
  return audio;
}

std::string WavBytes(const SpeechAudio& audio) {
  std::string out;
  auto u32 = [&](uint32_t v) { for (int i = 0; i < 4; ++i) out += (char)((v >> (8 * i)) & 0xFF); };
  auto u16 = [&](uint16_t v) { out += (char)(v & 0xFF); out += (char)(v >> 8); };
  const uint32_t data_bytes = (uint32_t)std::min<size_t>(audio.samples.size() * 2, 0xFFFFFFF0u - 36);
  out += "RIFF";
  u32(36 + data_bytes);
  out += "WAVEfmt ";
  u32(16);
  u16(1);                                  // PCM
  u16(1);                                  // mono
  u32((uint32_t)audio.sample_rate);
  u32((uint32_t)audio.sample_rate * 2);    // bytes per second
  u16(2);                                  // block align
  u16(16);                                 // bits per sample
  out += "data";
  u32(data_bytes);
  for (size_t i = 0; i < data_bytes / 2; ++i) u16((uint16_t)audio.samples[i]);
  return out;
}

// [SECTION] Speech

struct Speech::Impl {
  bool available = false;
  std::string describe;
  bool sdl_audio = false;            // we started SDL's audio subsystem
  SDL_AudioSpec want{};              // what espeak-ng gives: S16 mono at its rate
  SpeechDevice ask;                  // what to ask the device for (0: espeak-ng's format)
  std::thread worker;

  std::mutex mu;
  std::condition_variable cv;
  bool probed = false;               // Probe() has decided `available` and `describe`
  bool quit = false;
  uint64_t generation = 0;           // bumped by every Speak() and Stop()
  bool has_request = false;
  std::string request;
  std::atomic<bool> speaking{false};
  ByteQueue queue;                   // audio in the device's format, waiting to play
  size_t queue_limit = 0;            // bytes: about half a second
  bool synth_done = false;
  int drained_periods = 0;           // callbacks since the queue ran dry after synthesis

  void WaitProbed() {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return probed; });
  }

  static void AudioCallback(void* user, Uint8* stream, int len) {
    auto* self = static_cast<Impl*>(user);
    std::lock_guard<std::mutex> lock(self->mu);
    const size_t got = self->queue.Pop(stream, (size_t)len);
    if (got < (size_t)len) std::memset(stream + got, self->have.silence, (size_t)len - got);
    if (self->queue.Empty() && self->synth_done) ++self->drained_periods;
    self->cv.notify_all();
  }
  SDL_AudioSpec have{};              // what the device plays

  SDL_AudioDeviceID Open(std::string* error) {
    SDL_AudioSpec wanted = want;
    if (ask.rate > 0) wanted.freq = ask.rate;
    if (ask.channels > 0) wanted.channels = (Uint8)ask.channels;
    if (ask.float_samples) wanted.format = AUDIO_F32SYS;
    wanted.callback = &Impl::AudioCallback;
    wanted.userdata = this;
    SDL_AudioSpec got{};
    const SDL_AudioDeviceID dev = SDL_OpenAudioDevice(nullptr, 0, &wanted, &got, SDL_AUDIO_ALLOW_ANY_CHANGE);
    if (!dev) {
      *error = std::string("no sound device: ") + SDL_GetError();
      return 0;
    }
    have = got;
    return dev;
  }

  // Decides Available(): SDL audio starts, a device opens, espeak-ng has "vi". Runs on
  // the worker thread, so the kiosk's first frame does not wait for it (50-180 ms with
  // ALSA and no card on the build machine).
  void Probe() {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
      describe = std::string("reading aloud off: SDL audio did not start: ") + SDL_GetError();
      return;
    }
    sdl_audio = true;
    const char* driver = SDL_GetCurrentAudioDriver();
    const std::string driver_name = driver ? driver : "?";
    if (driver_name == "dummy") {
      describe = "reading aloud off: SDL's dummy audio driver plays nothing";
      return;
    }
    // The device first: without one, espeak-ng (about 2 MB) is never loaded.
    want.freq = 22050;  // espeak-ng's rate for every voice; corrected below if it differs
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    std::string error;
    const SDL_AudioDeviceID probe = Open(&error);
    if (!probe) {
      describe = "reading aloud off: " + error + " (SDL audio driver " + driver_name + ")";
      return;
    }
    SDL_CloseAudioDevice(probe);
    const std::string& engine_error = Engine::Get().Start();
    if (!engine_error.empty()) {
      describe = "reading aloud off: " + engine_error;
      return;
    }
    want.freq = Engine::Get().SampleRate();
    const int frame_bytes = (SDL_AUDIO_BITSIZE(have.format) / 8) * have.channels;
    queue_limit = (size_t)(have.freq / 2) * (size_t)frame_bytes;
    available = true;
    describe = "reading aloud on: espeak-ng voice vi, SDL audio driver " + driver_name + ", " +
               std::to_string(have.freq) + " Hz, " + std::to_string(have.channels) + " channel(s), " +
               std::to_string(SDL_AUDIO_BITSIZE(have.format)) + "-bit" + (SDL_AUDIO_ISFLOAT(have.format) ? " float" : "");
  }

  void Run() {
    std::unique_lock<std::mutex> lock(mu);
    SDL_AudioDeviceID dev = 0;
    while (true) {
      cv.wait(lock, [&] { return quit || has_request; });
      if (quit) break;
      std::string words = std::move(request);
      has_request = false;
      const uint64_t gen = generation;
      queue.Clear();
      synth_done = false;
      drained_periods = 0;
      lock.unlock();

      std::string error;
      if (!dev) dev = Open(&error);
      SDL_AudioStream* convert = nullptr;
      if (dev && (have.freq != want.freq || have.format != want.format || have.channels != want.channels))
        convert = SDL_NewAudioStream(want.format, want.channels, want.freq, have.format, have.channels, have.freq);
      bool playing = false;
      std::vector<uint8_t> chunk;
      auto deliver = [&](const uint8_t* bytes, size_t n) {
        std::unique_lock<std::mutex> l(mu);
        cv.wait(l, [&] { return quit || generation != gen || queue.Size() < queue_limit; });
        if (quit || generation != gen) return false;
        queue.Push(bytes, n);
        if (!playing) {
          playing = true;
          l.unlock();
          SDL_PauseAudioDevice(dev, 0);
        }
        return true;
      };
      const Sink sink = [&](const int16_t* samples, int count) {
        if (!convert) return deliver(reinterpret_cast<const uint8_t*>(samples), (size_t)count * 2);
        if (SDL_AudioStreamPut(convert, samples, count * 2) != 0) return false;
        const int avail = SDL_AudioStreamAvailable(convert);
        if (avail <= 0) return true;
        chunk.resize((size_t)avail);
        const int n = SDL_AudioStreamGet(convert, chunk.data(), avail);
        return n <= 0 || deliver(chunk.data(), (size_t)n);
      };
      if (dev && Engine::Get().Synthesize(words, sink, &error) && convert) {
        SDL_AudioStreamFlush(convert);
        const int avail = SDL_AudioStreamAvailable(convert);
        if (avail > 0) {
          chunk.resize((size_t)avail);
          const int n = SDL_AudioStreamGet(convert, chunk.data(), avail);
          if (n > 0) deliver(chunk.data(), (size_t)n);
        }
      }
      if (convert) SDL_FreeAudioStream(convert);
      if (!error.empty()) SDL_Log("kiosk speech: %s", error.c_str());

      lock.lock();
      synth_done = true;
      // Played out: the queue ran dry and two more periods went to the device (the last
      // samples left SDL's buffer). Or stopped, replaced, or nothing was ever queued.
      cv.wait(lock, [&] { return quit || generation != gen || !playing || (queue.Empty() && drained_periods >= 2); });
      if (generation == gen) speaking = false;
      if (dev && (quit || !has_request)) {
        lock.unlock();
        SDL_CloseAudioDevice(dev);  // the device's thread ends; an idle kiosk has none
        dev = 0;
        lock.lock();
      }
    }
    lock.unlock();
    if (dev) SDL_CloseAudioDevice(dev);
  }
};

Speech::Speech(SpeechDevice device) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.ask = device;
  m.worker = std::thread([&m] {
    m.Probe();
    {
      std::lock_guard<std::mutex> lock(m.mu);
      m.probed = true;
    }
    m.cv.notify_all();
    if (m.available) m.Run();
    SDL_TLSCleanup();  // SDL's per-thread error text: SDL frees it only for its own threads
  });
}

Speech::~Speech() {
  Impl& m = *impl_;
  if (m.worker.joinable()) {
    {
      std::lock_guard<std::mutex> lock(m.mu);
      m.quit = true;
      ++m.generation;
      m.queue.Clear();
    }
    m.cv.notify_all();
    m.worker.join();
  }
  if (m.sdl_audio) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

bool Speech::Ready() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->probed;
}
bool Speech::Available() const {
  impl_->WaitProbed();
  return impl_->available;
}
const std::string& Speech::Describe() const {
  impl_->WaitProbed();
  return impl_->describe;
}
bool Speech::Speaking() const { return impl_->speaking.load(); }

bool Speech::Speak(std::string words) {
  Impl& m = *impl_;
  if (!Available()) return false;
  if (words.size() > kMaxWordsBytes) {
    size_t cut = words.rfind(' ', kMaxWordsBytes);
    words.resize(cut == std::string::npos ? 0 : cut);
  }
  if (words.find_first_not_of(" \t\n.,") == std::string::npos) return false;
  {
    std::lock_guard<std::mutex> lock(m.mu);
    ++m.generation;
    m.request = std::move(words);
    m.has_request = true;
    m.queue.Clear();
    m.speaking = true;
  }
  m.cv.notify_all();
  return true;
}

void Speech::Stop() {
  Impl& m = *impl_;
  if (!Available()) return;
  {
    std::lock_guard<std::mutex> lock(m.mu);
    ++m.generation;
    m.has_request = false;
    m.request.clear();
    m.queue.Clear();
    m.speaking = false;
  }
  m.cv.notify_all();
}

}  // namespace kiosk::speech
