// content-pack/minisign.hpp: minisign-compatible keys and signatures, on libsodium.
//
// The portal manifest is signed the way the standard `minisign` tool signs a file, so a
// province can sign with `minisign -Sm` and verify with `minisign -Vm`, and the kiosk
// checks with these functions against public keys pinned in its settings.
// Formats (all byte strings base64, "standard" alphabet with padding):
//   public key file:  "untrusted comment: ...\n" + b64("Ed" key_id[8] pk[32])
//   secret key file:  "untrusted comment: ...\n" + b64("Ed" kdf[2] "B2" salt[32]
//                     opslimit[8] memlimit[8] {key_id[8] sk[64] chk[32]}) where the braced
//                     part is XORed with scrypt(password) when kdf == "Sc", and kdf is
//                     two zero bytes for an unencrypted key (`minisign -G -W`).
//   signature file:   "untrusted comment: ...\n" + b64("ED" key_id[8] sig[64]) + "\n"
//                     "trusted comment: TEXT\n" + b64(global_sig[64]) + "\n"
//                     sig = Ed25519(BLAKE2b-512(message)) ("ED", prehashed; "Ed" signs the
//                     message itself and is accepted when verifying), global_sig =
//                     Ed25519(sig || TEXT), which binds the trusted comment.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content-pack/expected.hpp"

namespace pack::minisign {

struct PublicKey {
  std::array<uint8_t, 8> key_id{};   // random, identifies the key in signatures
  std::array<uint8_t, 32> key{};     // Ed25519 public key
  std::string KeyIdHex() const;      // as minisign prints it ("5A82390D1443B0A6")
  std::string Base64() const;        // the line a settings file pins (public_key = RW...)
};

struct SecretKey {
  std::array<uint8_t, 8> key_id{};
  std::array<uint8_t, 64> key{};     // Ed25519 secret key (seed + public key)
  PublicKey Public() const;
  ~SecretKey();                      // wipes the key from memory
};

// Accepts a whole .pub file or just its base64 line.
Expected<PublicKey> ParsePublicKey(std::string_view text);

// Parses a minisign secret key file. PASSWORD is needed for encrypted keys (scrypt, as
// `minisign -G` writes them) and ignored for unencrypted ones (`minisign -G -W`). A wrong
// password is detected by the key's own checksum.
Expected<SecretKey> ParseSecretKey(std::string_view file_text, std::string_view password);

struct KeyPairFiles {
  std::string public_file;   // contents of a .pub file
  std::string secret_file;   // contents of a .key file
};
// A new key pair in minisign's file formats. An empty PASSWORD writes an unencrypted
// secret key; otherwise it is encrypted with minisign's own scrypt parameters (1 GiB of
// memory for a few seconds, as `minisign -G` does).
Expected<KeyPairFiles> GenerateKeyPair(std::string_view password);

// The contents of a .minisig file for MESSAGE, prehashed ("ED") as minisign 0.8+ does.
// TRUSTED_COMMENT must be one line.
std::string Sign(std::string_view message, const SecretKey& key, std::string_view trusted_comment,
                 std::string_view untrusted_comment = "signature from content-pack secret key");

struct Verified {
  std::string trusted_comment;  // authenticated text from the signature file
  std::string key_id_hex;       // which pinned key made the signature
};
// Checks SIGNATURE_FILE (contents of a .minisig) over MESSAGE against TRUSTED_KEYS.
// Fails for a malformed file, a key id not among TRUSTED_KEYS, or a bad signature.
Expected<Verified> Verify(std::string_view message, std::string_view signature_file,
                          const std::vector<PublicKey>& trusted_keys);

}  // namespace pack::minisign
