// Encryption at rest of personal data (ID numbers, phones) and the keyed "blind index" stored
// beside each ciphertext for equality search and duplicate checks.
// The 32-byte master key lives in a file outside the database (64 hex characters + newline,
// mode 0600). Two subkeys are derived from it (libsodium crypto_kdf): one for XChaCha20-Poly1305
// encryption, one for the BLAKE2b blind index, so an index value reveals nothing usable for
// decryption. Stored form: "v1:" + base64(nonce || ciphertext), so the scheme can change later.
// Failures: LoadOrCreateKeyFile and Decrypt return kInternal (a bad key file or a tampered or
// foreign ciphertext is an operator problem, not a user's); Encrypt and BlindIndex never fail.
// Thread safety: a Cipher is immutable after construction; const methods may run concurrently.
#pragma once
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "platform/core/result.hpp"

namespace qizhi::platform::pii {

class Cipher {
 public:
  static constexpr std::size_t kKeyBytes = 32;
  using Key = std::array<unsigned char, kKeyBytes>;

  // Reads the key file at `path`; when it does not exist, creates it (and missing parent
  // directories, mode 0700) with a fresh random key, mode 0600. Refuses a file readable or
  // writable by group or others, one that is not a regular file, or one not holding exactly
  // 64 hex characters (optionally followed by a newline).
  static Result<Cipher> LoadOrCreateKeyFile(const std::string& path);

  // A cipher over a given master key, for tests and key rotation tools.
  static Cipher FromKey(Key master_key);

  Cipher(const Cipher&) = default;
  Cipher& operator=(const Cipher&) = default;
  Cipher(Cipher&&) = default;
  Cipher& operator=(Cipher&&) = default;
  ~Cipher();  // wipes the subkeys

  // Fresh random nonce each call, so equal plaintexts give different outputs.
  // `associated_data` (e.g. "member.id_number:<tenant>:<id>") is authenticated but not stored:
  // Decrypt must be given the same bytes, which stops a ciphertext being copied to another row.
  std::string Encrypt(std::string_view plaintext, std::string_view associated_data) const;

  // Fails (kInternal) on an unknown version, bad base64, a short value, a wrong key, a changed
  // byte or different associated data.
  Result<std::string> Decrypt(std::string_view stored, std::string_view associated_data) const;

  // 64 lower-case hex characters: keyed BLAKE2b-256 over purpose + '\0' + value. Deterministic for
  // one key, so equal values match in SQL; `purpose` (e.g. "id_number") keeps indexes of different
  // fields unrelated. Normalise the value first (ParseIdNumber's `normalized`), or equal values
  // written differently will not match. `purpose` must not contain '\0'.
  std::string BlindIndex(std::string_view normalized_value, std::string_view purpose) const;

 private:
  explicit Cipher(const Key& master_key);

  Key encryption_key_{};
  Key index_key_{};
};

}  // namespace qizhi::platform::pii
