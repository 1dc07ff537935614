// Masking of personal data for lists, exports and logs, where only the holder of the
// "view full" permission may see the value (see ARCHITECTURE.md, personal data).
// Each function counts UTF-8 characters, not bytes; a byte that is not valid UTF-8 counts as one
// character, so malformed input is still masked, never cut inside a character. Empty in → empty
// out. Pure functions, never fail, thread-safe.
#pragma once
#include <string>
#include <string_view>

namespace qizhi::platform::pii {

// First 3 + '*' per hidden character + last 4: 110105194912310021 → 110***********0021.
// Shorter than 8 characters: every character becomes '*'.
std::string MaskIdNumber(std::string_view id);

// 11-digit mobile number → 138****5678. Other lengths: first 3 + '*'… + last 2 when at least 7
// characters, otherwise every character becomes '*'.
std::string MaskPhone(std::string_view phone);

// First character + '*' per remaining character: 张三丰 → 张**. A one-character name is
// returned as is, since there is nothing left to hide behind it.
std::string MaskName(std::string_view name);

// First 6 characters + "****" (the hidden length is not revealed): the county and township stay
// readable, the street and house number do not. An address of 6 characters or fewer keeps all
// but its last character, so something is always hidden.
std::string MaskAddress(std::string_view address);

}  // namespace qizhi::platform::pii
