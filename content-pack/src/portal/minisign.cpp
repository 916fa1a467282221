// content-pack/src/portal/minisign.cpp: minisign key and signature formats on libsodium.
// See minisign.hpp for the byte layouts; they follow minisign.c (jedisct1/minisign) so
// files made here and by the `minisign` tool are interchangeable.
#include "content-pack/minisign.hpp"

#include <sodium.h>

#include <cstring>

namespace pack::minisign {
namespace {

constexpr size_t kSecretKeyFileBytes = 2 + 2 + 2 + 32 + 8 + 8 + 8 + 64 + 32;  // 158
constexpr size_t kKeynumSkBytes = 8 + 64 + 32;                                 // 104
constexpr size_t kPublicKeyFileBytes = 2 + 8 + 32;                             // 42
constexpr size_t kSignatureBytes = 2 + 8 + 64;                                 // 74

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::string Base64Encode(const uint8_t* data, size_t size) {
  std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// Decodes a base64 line that must hold exactly EXPECTED bytes.
bool Base64Decode(std::string_view text, size_t expected, std::vector<uint8_t>& out) {
  out.assign(expected + 1, 0);  // +1 so an over-long value is seen as such
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return false;
  if (end != text.data() + text.size() || len != expected) return false;
  out.resize(len);
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = nl + 1;
  }
  return lines;
}

// The base64 payload of a key file: the first line that is not a comment.
std::string_view KeyPayload(std::string_view text) {
  for (std::string_view line : Lines(text)) {
    line = Trim(line);
    if (line.empty() || line.starts_with("untrusted comment:")) continue;
    return line;
  }
  return {};
}

void SecretKeyChecksum(const uint8_t sig_alg[2], const uint8_t key_id[8], const uint8_t sk[64],
                       uint8_t chk[32]) {
  crypto_generichash_state hs;
  crypto_generichash_init(&hs, nullptr, 0, 32);
  crypto_generichash_update(&hs, sig_alg, 2);
  crypto_generichash_update(&hs, key_id, 8);
  crypto_generichash_update(&hs, sk, 64);
  crypto_generichash_final(&hs, chk, 32);
}

uint64_t LoadLe64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

void StoreLe64(uint8_t* p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}

}  // namespace

std::string PublicKey::KeyIdHex() const {
  // minisign prints the id as a little-endian 64-bit number.
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (int i = 7; i >= 0; --i) {
    out += digits[key_id[i] >> 4];
    out += digits[key_id[i] & 15];
  }
  return out;
}

std::string PublicKey::Base64() const {
  uint8_t raw[kPublicKeyFileBytes];
  raw[0] = 'E';
  raw[1] = 'd';
  std::memcpy(raw + 2, key_id.data(), 8);
  std::memcpy(raw + 10, key.data(), 32);
  return Base64Encode(raw, sizeof raw);
}

PublicKey SecretKey::Public() const {
  PublicKey pk;
  pk.key_id = key_id;
  crypto_sign_ed25519_sk_to_pk(pk.key.data(), key.data());
  return pk;
}

SecretKey::~SecretKey() { sodium_memzero(key.data(), key.size()); }

Expected<PublicKey> ParsePublicKey(std::string_view text) {
  if (!SodiumReady()) return Expected<PublicKey>::Fail("libsodium failed to initialise");
  std::string_view payload = KeyPayload(text);
  std::vector<uint8_t> raw;
  if (payload.empty() || !Base64Decode(payload, kPublicKeyFileBytes, raw))
    return Expected<PublicKey>::Fail("not a minisign public key (expected one base64 line of 42 bytes, \"RW...\")");
  if (raw[0] != 'E' || raw[1] != 'd')
    return Expected<PublicKey>::Fail("unsupported public key algorithm (only Ed25519 \"Ed\")");
  PublicKey pk;
  std::memcpy(pk.key_id.data(), raw.data() + 2, 8);
  std::memcpy(pk.key.data(), raw.data() + 10, 32);
  return pk;
}

Expected<SecretKey> ParseSecretKey(std::string_view file_text, std::string_view password) {
  if (!SodiumReady()) return Expected<SecretKey>::Fail("libsodium failed to initialise");
  std::string_view payload = KeyPayload(file_text);
  std::vector<uint8_t> raw;
  if (payload.empty() || !Base64Decode(payload, kSecretKeyFileBytes, raw))
    return Expected<SecretKey>::Fail("not a minisign secret key file");
  const uint8_t* sig_alg = raw.data();
  const uint8_t* kdf_alg = raw.data() + 2;
  const uint8_t* chk_alg = raw.data() + 4;
  const uint8_t* salt = raw.data() + 6;
  const uint8_t* opslimit = raw.data() + 38;
  const uint8_t* memlimit = raw.data() + 46;
  uint8_t* keynum_sk = raw.data() + 54;
  if (std::memcmp(sig_alg, "Ed", 2) != 0 || std::memcmp(chk_alg, "B2", 2) != 0) {
    sodium_memzero(raw.data(), raw.size());
    return Expected<SecretKey>::Fail("unsupported secret key algorithm (expected Ed/B2)");
  }
  if (std::memcmp(kdf_alg, "Sc", 2) == 0) {
    if (password.empty())
      return Expected<SecretKey>::Fail(
          "the secret key is encrypted: give its password (--password-file or KIOSK_SIGN_PASSWORD)");
    uint8_t stream[kKeynumSkBytes];
    if (crypto_pwhash_scryptsalsa208sha256(stream, sizeof stream, password.data(), password.size(),
                                           salt, LoadLe64(opslimit),
                                           static_cast<size_t>(LoadLe64(memlimit))) != 0) {
      sodium_memzero(raw.data(), raw.size());
      return Expected<SecretKey>::Fail("cannot derive the key from the password (out of memory?)");
    }
    for (size_t i = 0; i < kKeynumSkBytes; ++i) keynum_sk[i] ^= stream[i];
    sodium_memzero(stream, sizeof stream);
  } else if (kdf_alg[0] != 0 || kdf_alg[1] != 0) {
    sodium_memzero(raw.data(), raw.size());
    return Expected<SecretKey>::Fail("unsupported key derivation in the secret key file");
  }
  const bool encrypted = std::memcmp(kdf_alg, "Sc", 2) == 0;
  uint8_t chk[32];
  SecretKeyChecksum(sig_alg, keynum_sk, keynum_sk + 8, chk);
  bool good = sodium_memcmp(chk, keynum_sk + 72, 32) == 0;
  // `minisign -G -W` (0.11) leaves the checksum of an unencrypted key zeroed; there the
  // key must at least be self-consistent: the public half derives from the seed.
  if (!good && !encrypted && sodium_is_zero(keynum_sk + 72, 32)) {
    uint8_t pk[32], sk2[64];
    crypto_sign_seed_keypair(pk, sk2, keynum_sk + 8);
    good = sodium_memcmp(sk2, keynum_sk + 8, 64) == 0;
    sodium_memzero(sk2, sizeof sk2);
  }
  SecretKey sk;
  std::memcpy(sk.key_id.data(), keynum_sk, 8);
  std::memcpy(sk.key.data(), keynum_sk + 8, 64);
  sodium_memzero(raw.data(), raw.size());
  if (!good)
    return Expected<SecretKey>::Fail(encrypted ? "wrong password for the secret key"
                                               : "the secret key file is corrupt (checksum mismatch)");
  return sk;
}

Expected<KeyPairFiles> GenerateKeyPair(std::string_view password) {
  if (!SodiumReady()) return Expected<KeyPairFiles>::Fail("libsodium failed to initialise");
  uint8_t raw[kSecretKeyFileBytes] = {};
  uint8_t* keynum_sk = raw + 54;
  uint8_t pk[32];
  std::memcpy(raw, "Ed", 2);
  std::memcpy(raw + 4, "B2", 2);
  randombytes_buf(keynum_sk, 8);
  crypto_sign_keypair(pk, keynum_sk + 8);
  SecretKeyChecksum(raw, keynum_sk, keynum_sk + 8, keynum_sk + 72);
  PublicKey pub;
  std::memcpy(pub.key_id.data(), keynum_sk, 8);
  std::memcpy(pub.key.data(), pk, 32);
  if (!password.empty()) {
    std::memcpy(raw + 2, "Sc", 2);
    randombytes_buf(raw + 6, 32);
    const uint64_t ops = crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE;
    const uint64_t mem = crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE;
    StoreLe64(raw + 38, ops);
    StoreLe64(raw + 46, mem);
    uint8_t stream[kKeynumSkBytes];
    if (crypto_pwhash_scryptsalsa208sha256(stream, sizeof stream, password.data(), password.size(),
                                           raw + 6, ops, static_cast<size_t>(mem)) != 0) {
      sodium_memzero(raw, sizeof raw);
      return Expected<KeyPairFiles>::Fail("cannot derive the key from the password (out of memory?)");
    }
    for (size_t i = 0; i < kKeynumSkBytes; ++i) keynum_sk[i] ^= stream[i];
    sodium_memzero(stream, sizeof stream);
  }
  KeyPairFiles files;
  files.public_file = "untrusted comment: minisign public key " + pub.KeyIdHex() + "\n" + pub.Base64() + "\n";
  files.secret_file = std::string("untrusted comment: minisign ") +
                      (password.empty() ? "unencrypted" : "encrypted") + " secret key\n" +
                      Base64Encode(raw, sizeof raw) + "\n";
  sodium_memzero(raw, sizeof raw);
  return files;
}

std::string Sign(std::string_view message, const SecretKey& key, std::string_view trusted_comment,
                 std::string_view untrusted_comment) {
  SodiumReady();
  uint8_t hash[crypto_generichash_BYTES_MAX];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const uint8_t*>(message.data()),
                     message.size(), nullptr, 0);
  uint8_t sig[kSignatureBytes];
  std::memcpy(sig, "ED", 2);
  std::memcpy(sig + 2, key.key_id.data(), 8);
  crypto_sign_detached(sig + 10, nullptr, hash, sizeof hash, key.key.data());
  std::string global_message(reinterpret_cast<const char*>(sig + 10), 64);
  global_message.append(trusted_comment);
  uint8_t global_sig[64];
  crypto_sign_detached(global_sig, nullptr, reinterpret_cast<const uint8_t*>(global_message.data()),
                       global_message.size(), key.key.data());
  std::string out = "untrusted comment: ";
  out.append(untrusted_comment);
  out += "\n" + Base64Encode(sig, sizeof sig) + "\ntrusted comment: ";
  out.append(trusted_comment);
  out += "\n" + Base64Encode(global_sig, sizeof global_sig) + "\n";
  return out;
}

Expected<Verified> Verify(std::string_view message, std::string_view signature_file,
                          const std::vector<PublicKey>& trusted_keys) {
  using R = Expected<Verified>;
  if (!SodiumReady()) return R::Fail("libsodium failed to initialise");
  std::vector<std::string_view> lines = Lines(signature_file);
  if (lines.size() < 4 || !lines[0].starts_with("untrusted comment:") ||
      !lines[2].starts_with("trusted comment: "))
    return R::Fail("malformed signature file (expected minisign's four lines)");
  for (size_t i = 4; i < lines.size(); ++i)
    if (!Trim(lines[i]).empty()) return R::Fail("malformed signature file (trailing data)");
  std::vector<uint8_t> sig, global_sig;
  if (!Base64Decode(Trim(lines[1]), kSignatureBytes, sig))
    return R::Fail("malformed signature file (signature line)");
  if (!Base64Decode(Trim(lines[3]), 64, global_sig))
    return R::Fail("malformed signature file (global signature line)");
  const bool prehashed = sig[0] == 'E' && sig[1] == 'D';
  if (!prehashed && !(sig[0] == 'E' && sig[1] == 'd'))
    return R::Fail("unsupported signature algorithm");
  const PublicKey* key = nullptr;
  for (const PublicKey& k : trusted_keys)
    if (std::memcmp(k.key_id.data(), sig.data() + 2, 8) == 0) key = &k;
  if (key == nullptr) {
    PublicKey unknown;
    std::memcpy(unknown.key_id.data(), sig.data() + 2, 8);
    return R::Fail("signed by an unknown key " + unknown.KeyIdHex() + " (not among the pinned public keys)");
  }
  int rc;
  if (prehashed) {
    uint8_t hash[crypto_generichash_BYTES_MAX];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const uint8_t*>(message.data()),
                       message.size(), nullptr, 0);
    rc = crypto_sign_verify_detached(sig.data() + 10, hash, sizeof hash, key->key.data());
  } else {
    rc = crypto_sign_verify_detached(sig.data() + 10, reinterpret_cast<const uint8_t*>(message.data()),
                                     message.size(), key->key.data());
  }
  if (rc != 0) return R::Fail("bad signature by key " + key->KeyIdHex() + " (file altered or wrong signature)");
  std::string_view trusted = lines[2].substr(std::strlen("trusted comment: "));
  std::string global_message(reinterpret_cast<const char*>(sig.data() + 10), 64);
  global_message.append(trusted);
  if (crypto_sign_verify_detached(global_sig.data(),
                                  reinterpret_cast<const uint8_t*>(global_message.data()),
                                  global_message.size(), key->key.data()) != 0)
    return R::Fail("bad global signature (the trusted comment was altered)");
  Verified v;
  v.trusted_comment = std::string(trusted);
  v.key_id_hex = key->KeyIdHex();
  return v;
}

}  // namespace pack::minisign
