#include "platform/auth/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <new>

namespace qizhi::platform::auth {
namespace {

// OWASP Password Storage Cheat Sheet, argon2id minimum: m=19 MiB, t=2, p=1.
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19 * 1024 * 1024;
// Below this a username match is too likely by chance ("li" inside "Qizhi@2026").
constexpr std::size_t kMinUsernameToMatch = 3;
constexpr std::int64_t kSecondsPerDay = 24 * 60 * 60;

constexpr std::string_view kCommonPasswords[] = {
#include "platform/auth/common_passwords.inc"
};

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Without a working libsodium there is no safe random salt; continuing would be worse.
    if (sodium_init() < 0) std::abort();
  });
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return Lower(x) == Lower(y); });
}

bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                     [](char x, char y) { return Lower(x) == Lower(y); }) != haystack.end();
}

std::size_t CountCharacters(std::string_view utf8) {
  // Every byte except continuation bytes (10xxxxxx) starts a character.
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

int CountClasses(std::string_view password) {
  bool upper = false, lower = false, digit = false, symbol = false;
  for (char c : password) {
    if (c >= 'A' && c <= 'Z') {
      upper = true;
    } else if (c >= 'a' && c <= 'z') {
      lower = true;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else {
      symbol = true;  // punctuation, spaces, and any non-ASCII character
    }
  }
  return int(upper) + int(lower) + int(digit) + int(symbol);
}

// libsodium is handed a non-null pointer even for an empty password.
const char* Chars(std::string_view s) { return s.empty() ? "" : s.data(); }

}  // namespace

Errors CheckPassword(const PasswordPolicy& policy, std::string_view password,
                     std::string_view username, std::string_view field) {
  const std::string f(field);
  Errors errors;
  if (policy.min_length > 0 && CountCharacters(password) < std::size_t(policy.min_length)) {
    errors.push_back(Invalid(f, "密码至少 " + std::to_string(policy.min_length) + " 位"));
  }
  if (password.size() > kMaxPasswordBytes) {
    errors.push_back(Invalid(
        f, "密码不能超过 " + std::to_string(kMaxPasswordBytes) + " 字节（一个汉字占 3 字节）"));
  }
  if (CountClasses(password) < policy.min_classes) {
    errors.push_back(Invalid(f, "密码须包含大写字母、小写字母、数字、符号中的至少 " +
                                    std::to_string(policy.min_classes) + " 类"));
  }
  if (username.size() >= kMinUsernameToMatch && ContainsIgnoreCase(password, username)) {
    errors.push_back(Invalid(f, "密码不能包含用户名"));
  }
  if (IsCommonPassword(password)) {
    errors.push_back(Invalid(f, "密码过于常见，请换一个"));
  }
  return errors;
}

bool IsCommonPassword(std::string_view password) {
  return std::any_of(std::begin(kCommonPasswords), std::end(kCommonPasswords),
                     [&](std::string_view common) { return EqualsIgnoreCase(password, common); });
}

std::string HashPassword(std::string_view password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, Chars(password), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::bad_alloc();  // libsodium's only failure here: the memory could not be had
  }
  return out;
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(hash);  // libsodium wants a NUL-terminated string
  return crypto_pwhash_str_verify(terminated.c_str(), Chars(password), password.size()) == 0;
}

bool NeedsRehash(std::string_view hash) {
  EnsureSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return true;
  const std::string terminated(hash);
  // 0: argon2id with exactly these parameters; 1: other parameters; -1: not argon2id at all.
  return crypto_pwhash_argon2id_str_needs_rehash(terminated.c_str(), kOpsLimit, kMemLimit) != 0;
}

bool PasswordExpired(std::int64_t changed_at_unix, std::int64_t now_unix,
                     const PasswordPolicy& policy) {
  if (policy.max_age_days <= 0) return false;
  return now_unix - changed_at_unix >= std::int64_t{policy.max_age_days} * kSecondsPerDay;
}

}  // namespace qizhi::platform::auth
