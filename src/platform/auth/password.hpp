// Password policy and storage for local accounts.
// CheckPassword returns every rule the new password breaks (kInvalid on `field`, Chinese
// messages), empty when acceptable; it never throws. Passwords are hashed with argon2id
// (libsodium, t=2, m=19 MiB: OWASP's minimum), salted, in the PHC string form "$argon2id$...".
// HashPassword throws std::bad_alloc only when the 19 MiB cannot be allocated; the other
// functions never fail. All functions are thread-safe; a hash takes tens of milliseconds, so
// routes call them on the worker pool.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/core/result.hpp"

namespace qizhi::platform::auth {

struct PasswordPolicy {
  int min_length = 8;     // characters (UTF-8 code points)
  int min_classes = 3;    // of upper-case, lower-case, digit, symbol (anything else)
  int max_age_days = 90;  // <= 0: passwords never expire
};

// Longer passwords are refused so a login request cannot make argon2 hash megabytes.
inline constexpr std::size_t kMaxPasswordBytes = 128;

// Rules: at least min_length characters; at most kMaxPasswordBytes bytes; at least min_classes
// classes; does not contain the username (ASCII case-insensitive, usernames of 3+ characters;
// a shorter one would forbid too many passwords); not in the 1,000 most common passwords.
Errors CheckPassword(const PasswordPolicy& policy, std::string_view password,
                     std::string_view username, std::string_view field = "new_password");

// True when the password, ignoring ASCII case, is in the SecLists top-1000 list.
bool IsCommonPassword(std::string_view password);

// A fresh random salt every call, so two hashes of one password differ.
std::string HashPassword(std::string_view password);

// False for a wrong password and for a hash that is malformed or of an unknown algorithm.
bool VerifyPassword(std::string_view hash, std::string_view password);

// True when the hash is not argon2id with the current parameters (including malformed ones):
// after a successful login, store HashPassword(password) in its place.
bool NeedsRehash(std::string_view hash);

// True once max_age_days have passed since the change (at exactly that moment, too).
bool PasswordExpired(std::int64_t changed_at_unix, std::int64_t now_unix,
                     const PasswordPolicy& policy);

}  // namespace qizhi::platform::auth
