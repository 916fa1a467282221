// content-pack/src/portal/zstd_files.cpp: zstd for packs and deltas, both directions.
// A delta is an ordinary zstd frame whose matches may point into a "prefix" (the raw old
// pack), which is what `zstd --patch-from=OLD` produces; so a delta can be rebuilt with
// `zstd -d --patch-from=OLD --long=31` by hand as well.
#include "zstd_files.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <thread>
#include <vector>

#include "content-pack/portal.hpp"

namespace pack::portal {

// ZSTD_WINDOWLOG_MAX without ZSTD_STATIC_LINKING_ONLY.
constexpr int kMaxWindowLog = sizeof(size_t) == 4 ? 30 : 31;

Expected<std::unique_ptr<MappedFile>> MappedFile::Open(const std::string& path) {
  using R = Expected<std::unique_ptr<MappedFile>>;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return R::Fail("cannot open " + path + ": " + std::strerror(errno));
  struct stat st{};
  if (::fstat(fd, &st) != 0) {
    int e = errno;
    ::close(fd);
    return R::Fail("cannot stat " + path + ": " + std::strerror(e));
  }
  std::unique_ptr<MappedFile> m(new MappedFile());
  m->size_ = static_cast<size_t>(st.st_size);
  if (m->size_ > 0) {
    void* p = ::mmap(nullptr, m->size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      int e = errno;
      ::close(fd);
      return R::Fail("cannot map " + path + ": " + std::strerror(e));
    }
    m->data_ = p;
  }
  ::close(fd);
  return R(std::move(m));
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(data_, size_);
}

int PatchWindowLog(size_t reference_size, size_t content_size) {
  const unsigned long long total = static_cast<unsigned long long>(reference_size) + content_size + 1;
  int log = 10;
  while (log < kMaxWindowLog && (1ULL << log) < total) ++log;
  return log;
}

Expected<std::string> CompressZstd(std::string_view content, std::string_view reference, int level) {
  using R = Expected<std::string>;
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  if (cctx == nullptr) return R::Fail("zstd: out of memory");
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 1);
  // Threads only speed up publishing (a build without them ignores this). Deltas stay
  // single-threaded: split jobs would lose matches into the reference and grow the patch.
  if (reference.empty())
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_nbWorkers, static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  if (!reference.empty()) {
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_windowLog, PatchWindowLog(reference.size(), content.size()));
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_enableLongDistanceMatching, 1);
    size_t rc = ZSTD_CCtx_refPrefix(cctx, reference.data(), reference.size());
    if (ZSTD_isError(rc)) {
      ZSTD_freeCCtx(cctx);
      return R::Fail(std::string("zstd: ") + ZSTD_getErrorName(rc));
    }
  }
  std::string out(ZSTD_compressBound(content.size()), '\0');
  size_t n = ZSTD_compress2(cctx, out.data(), out.size(), content.data(), content.size());
  ZSTD_freeCCtx(cctx);
  if (ZSTD_isError(n)) return R::Fail(std::string("zstd: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

Expected<RebuildResult> Decompress(const std::string& zst_path, const std::string& reference_path,
                                   const std::string& out_path, int64_t max_size) {
  using R = Expected<RebuildResult>;
  std::unique_ptr<MappedFile> reference;
  if (!reference_path.empty()) {
    auto ref = MappedFile::Open(reference_path);
    if (!ref.ok()) return R::Fail(ref.error());
    reference = std::move(*ref);
  }
  int in_fd = ::open(zst_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (in_fd < 0) return R::Fail("cannot open " + zst_path + ": " + std::strerror(errno));
  int out_fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out_fd < 0) {
    int e = errno;
    ::close(in_fd);
    return R::Fail("cannot create " + out_path + ": " + std::strerror(e));
  }
  ZSTD_DCtx* dctx = ZSTD_createDCtx();
  // The frame was hash-checked against the signed manifest before we get here, so its
  // window (up to the size of two packs for a delta) is trusted.
  ZSTD_DCtx_setParameter(dctx, ZSTD_d_windowLogMax, kMaxWindowLog);
  if (reference) {
    std::string_view ref = reference->View();
    ZSTD_DCtx_refPrefix(dctx, ref.data(), ref.size());
  }
  crypto_hash_sha256_state sha;
  crypto_hash_sha256_init(&sha);
  std::vector<char> in_buf(ZSTD_DStreamInSize() * 4), out_buf(ZSTD_DStreamOutSize() * 4);
  int64_t total = 0;
  std::string error;
  size_t last_rc = 1;
  bool eof = false;
  while (error.empty() && !eof) {
    ssize_t got = ::read(in_fd, in_buf.data(), in_buf.size());
    if (got < 0) {
      if (errno == EINTR) continue;
      error = "cannot read " + zst_path + ": " + std::strerror(errno);
      break;
    }
    if (got == 0) {
      eof = true;
      break;
    }
    ZSTD_inBuffer input{in_buf.data(), static_cast<size_t>(got), 0};
    while (input.pos < input.size && error.empty()) {
      ZSTD_outBuffer output{out_buf.data(), out_buf.size(), 0};
      last_rc = ZSTD_decompressStream(dctx, &output, &input);
      if (ZSTD_isError(last_rc)) {
        error = zst_path + ": corrupt zstd data (" + ZSTD_getErrorName(last_rc) + ")";
        break;
      }
      if (total + static_cast<int64_t>(output.pos) > max_size) {
        error = zst_path + ": decompresses to more than the declared " + std::to_string(max_size) + " bytes";
        break;
      }
      size_t done = 0;
      while (done < output.pos) {
        ssize_t w = ::write(out_fd, out_buf.data() + done, output.pos - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
          error = "cannot write " + out_path + ": " + std::strerror(w < 0 ? errno : EIO);
          break;
        }
        done += static_cast<size_t>(w);
      }
      crypto_hash_sha256_update(&sha, reinterpret_cast<unsigned char*>(out_buf.data()), output.pos);
      total += static_cast<int64_t>(output.pos);
      // A frame may end mid-buffer; only one frame is expected, but keep going so
      // trailing garbage is caught by the checks below rather than ignored.
    }
  }
  // Flush what the decoder still holds.
  while (error.empty() && last_rc != 0) {
    ZSTD_inBuffer input{nullptr, 0, 0};
    ZSTD_outBuffer output{out_buf.data(), out_buf.size(), 0};
    last_rc = ZSTD_decompressStream(dctx, &output, &input);
    if (ZSTD_isError(last_rc)) {
      error = zst_path + ": corrupt zstd data (" + ZSTD_getErrorName(last_rc) + ")";
      break;
    }
    if (output.pos == 0) {
      if (last_rc != 0) error = zst_path + ": truncated zstd data";
      break;
    }
    if (total + static_cast<int64_t>(output.pos) > max_size) {
      error = zst_path + ": decompresses to more than the declared " + std::to_string(max_size) + " bytes";
      break;
    }
    if (::write(out_fd, out_buf.data(), output.pos) != static_cast<ssize_t>(output.pos)) {
      error = "cannot write " + out_path + ": " + std::strerror(errno);
      break;
    }
    crypto_hash_sha256_update(&sha, reinterpret_cast<unsigned char*>(out_buf.data()), output.pos);
    total += static_cast<int64_t>(output.pos);
  }
  ZSTD_freeDCtx(dctx);
  ::close(in_fd);
  if (error.empty() && ::fsync(out_fd) != 0) error = "cannot write " + out_path + ": " + std::strerror(errno);
  if (::close(out_fd) != 0 && error.empty()) error = "cannot write " + out_path + ": " + std::strerror(errno);
  if (!error.empty()) {
    ::unlink(out_path.c_str());
    return R::Fail(error);
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&sha, digest);
  RebuildResult result;
  result.size = total;
  static const char* digits = "0123456789abcdef";
  for (unsigned char c : digest) {
    result.sha256 += digits[c >> 4];
    result.sha256 += digits[c & 15];
  }
  return result;
}

}  // namespace pack::portal
