// One-time passwords for the second factor of admin roles: HOTP (RFC 4226), TOTP (RFC 6238),
// base32 secrets (RFC 4648) and the otpauth:// URI that authenticator apps read from a QR code.
// VerifyTotp fails with kInvalid for a code that is not 6 digits and kUnauthorized
// ("动态口令错误或已使用", field "totp") for a wrong or already used one; the other functions never
// fail (a bad argument gives an empty string or nullopt, as noted). All thread-safe.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/result.hpp"

namespace qizhi::platform::auth {

inline constexpr int kTotpDigits = 6;
inline constexpr int kTotpStepSeconds = 30;
inline constexpr std::size_t kTotpSecretBytes = 20;  // 160 bits, RFC 4226's recommendation

enum class TotpAlgorithm { kSha1, kSha256, kSha512 };

// RFC 4648 alphabet A-Z2-7, upper-case, no '=' padding.
std::string Base32Encode(std::span<const unsigned char> data);

// Case-insensitive, spaces ignored (secrets are often typed in groups of four), trailing '='
// padding accepted. nullopt for any other character, '=' before data, or an impossible length.
std::optional<std::vector<unsigned char>> Base32Decode(std::string_view text);

// `digits` 6..10, else "". Leading zeros kept ("012345").
std::string Hotp(std::span<const unsigned char> key, std::uint64_t counter, int digits = 6,
                 TotpAlgorithm algorithm = TotpAlgorithm::kSha1);

// HOTP of floor(unix_time / step). "" when unix_time < 0, step <= 0 or digits outside 6..10.
std::string Totp(std::span<const unsigned char> key, std::int64_t unix_time, int digits = 6,
                 int step = 30, TotpAlgorithm algorithm = TotpAlgorithm::kSha1);

struct TotpMatch {
  std::int64_t step;  // floor(unix_time / 30) of the accepted code; store it as last_used_step
};

// Accepts a 6-digit SHA-1 code (spaces ignored) from steps t-window..t+window around unix_time,
// which absorbs clock drift of about ±30 s per unit of window. A code whose step is
// <= last_used_step is refused, so a code cannot be used twice (RFC 6238 §5.2); pass -1 when the
// account has never used one. Codes are compared in constant time, every step in the window is
// checked, and a replay gets the same message as a wrong code.
Result<TotpMatch> VerifyTotp(std::span<const unsigned char> key, std::string_view code,
                             std::int64_t unix_time, std::int64_t last_used_step, int window = 1);

// kTotpSecretBytes from libsodium's CSPRNG.
std::vector<unsigned char> NewTotpSecret();

// otpauth://totp/<issuer>:<account>?secret=<base32>&issuer=<issuer>, issuer and account
// percent-encoded as UTF-8 (RFC 3986 unreserved characters kept). Without an issuer the label is
// the account alone and the issuer parameter is left out.
std::string OtpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view base32_secret);

}  // namespace qizhi::platform::auth
