#include "platform/auth/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <cstdlib>
#include <mutex>

namespace qizhi::platform::auth {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr int kMinDigits = 6;   // RFC 4226 §5.3: at least 6
constexpr int kMaxDigits = 10;  // the truncated value is 31 bits: at most 10 decimal digits
constexpr std::string_view kHexDigits = "0123456789ABCDEF";

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Without a working libsodium there is no safe random source; continuing would be worse.
    if (sodium_init() < 0) std::abort();
  });
}

const EVP_MD* Digest(TotpAlgorithm algorithm) {
  switch (algorithm) {
    case TotpAlgorithm::kSha256:
      return EVP_sha256();
    case TotpAlgorithm::kSha512:
      return EVP_sha512();
    case TotpAlgorithm::kSha1:
      break;
  }
  return EVP_sha1();
}

int Base32Value(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  const auto pos = kBase32Alphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

std::string PercentEncode(std::string_view s) {
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHexDigits[c >> 4]);
      out.push_back(kHexDigits[c & 0x0F]);
    }
  }
  return out;
}

Error WrongCode() { return Error{ErrorCode::kUnauthorized, "动态口令错误或已使用", "totp"}; }

}  // namespace

std::string Base32Encode(std::span<const unsigned char> data) {
  std::string out;
  out.reserve((data.size() * 8 + 4) / 5);
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char byte : data) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(kBase32Alphabet[(buffer >> bits) & 0x1F]);
    }
  }
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 0x1F]);
  return out;
}

std::optional<std::vector<unsigned char>> Base32Decode(std::string_view text) {
  std::vector<unsigned char> out;
  unsigned buffer = 0;
  int bits = 0;
  std::size_t symbols = 0;
  bool padding = false;
  for (char c : text) {
    if (c == ' ') continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    const int value = Base32Value(c);
    if (value < 0 || padding) return std::nullopt;
    ++symbols;
    buffer = (buffer << 5) | static_cast<unsigned>(value);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<unsigned char>((buffer >> bits) & 0xFF));
    }
  }
  // A final group of 1, 3 or 6 symbols cannot come from whole bytes (RFC 4648 §6).
  const std::size_t tail = symbols % 8;
  if (tail == 1 || tail == 3 || tail == 6) return std::nullopt;
  return out;
}

std::string Hotp(std::span<const unsigned char> key, std::uint64_t counter, int digits,
                 TotpAlgorithm algorithm) {
  if (digits < kMinDigits || digits > kMaxDigits) return {};
  unsigned char message[8];
  for (int i = 7; i >= 0; --i) {
    message[i] = static_cast<unsigned char>(counter & 0xFF);
    counter >>= 8;
  }
  static constexpr unsigned char kNoKey[1] = {0};
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  if (HMAC(Digest(algorithm), key.empty() ? kNoKey : key.data(), static_cast<int>(key.size()),
           message, sizeof message, mac, &mac_len) == nullptr ||
      mac_len < 20) {
    return {};
  }
  // RFC 4226 §5.3 dynamic truncation: 31 bits from the offset named by the last nibble.
  const unsigned offset = mac[mac_len - 1] & 0x0F;
  const std::uint32_t binary = (std::uint32_t(mac[offset] & 0x7F) << 24) |
                               (std::uint32_t(mac[offset + 1]) << 16) |
                               (std::uint32_t(mac[offset + 2]) << 8) | mac[offset + 3];
  std::uint64_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::string Totp(std::span<const unsigned char> key, std::int64_t unix_time, int digits, int step,
                 TotpAlgorithm algorithm) {
  if (unix_time < 0 || step <= 0) return {};
  return Hotp(key, static_cast<std::uint64_t>(unix_time / step), digits, algorithm);
}

Result<TotpMatch> VerifyTotp(std::span<const unsigned char> key, std::string_view code,
                             std::int64_t unix_time, std::int64_t last_used_step, int window) {
  std::string digits;
  for (char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return Invalid("totp", "动态口令应为 6 位数字");
    digits.push_back(c);
  }
  if (digits.size() != std::size_t(kTotpDigits)) return Invalid("totp", "动态口令应为 6 位数字");
  if (unix_time < 0) return WrongCode();
  if (window < 0) window = 0;

  const std::int64_t now_step = unix_time / kTotpStepSeconds;
  std::optional<std::int64_t> matched;
  // No early exit: the time taken must not tell which step, if any, matched.
  for (std::int64_t step = now_step - window; step <= now_step + window; ++step) {
    if (step < 0) continue;
    const std::string expected = Hotp(key, static_cast<std::uint64_t>(step));
    const bool equal = sodium_memcmp(expected.data(), digits.data(), digits.size()) == 0;
    if (equal && step > last_used_step) matched = step;
  }
  if (!matched) return WrongCode();
  return TotpMatch{*matched};
}

std::vector<unsigned char> NewTotpSecret() {
  EnsureSodium();
  std::vector<unsigned char> secret(kTotpSecretBytes);
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::string OtpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view base32_secret) {
  std::string uri = "otpauth://totp/";
  if (!issuer.empty()) uri += PercentEncode(issuer) + ":";
  uri += PercentEncode(account);
  uri += "?secret=" + PercentEncode(base32_secret);
  if (!issuer.empty()) uri += "&issuer=" + PercentEncode(issuer);
  return uri;
}

}  // namespace qizhi::platform::auth
