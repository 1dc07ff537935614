// What the fuzz targets share: a check that stops the run with the input saved (libFuzzer writes
// crash-<sha1> under -artifact_prefix), and the properties every refusal must have: a Chinese
// message for the user and the field it is about, i.e. a clear 4xx, never a 500 or a crash.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/result.hpp"

namespace qizhi::fuzz {

[[noreturn]] inline void Fail(const char* file, int line, const char* what, std::string_view detail) {
  std::fprintf(stderr, "\n*** qizhi fuzz check failed at %s:%d: %s\n", file, line, what);
  if (!detail.empty()) std::fprintf(stderr, "*** %.*s\n", static_cast<int>(detail.size()), detail.data());
  std::abort();
}

#define QZ_CHECK(cond, detail)                                          \
  do {                                                                  \
    if (!(cond)) ::qizhi::fuzz::Fail(__FILE__, __LINE__, #cond, detail); \
  } while (false)

// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF), split into characters;
// false when `s` is not valid UTF-8.
inline bool SplitUtf8(std::string_view s, std::vector<std::string_view>* out = nullptr) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 1;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0x80) {
      len = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return false;
    }
    if (out != nullptr) out->push_back(s.substr(i, len));
    i += len;
  }
  return true;
}

// At least one CJK unified ideograph (U+4E00–U+9FFF): the message speaks Chinese.
inline bool HasChinese(std::string_view s) {
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    const auto a = static_cast<unsigned char>(s[i]);
    const auto b = static_cast<unsigned char>(s[i + 1]);
    const auto c = static_cast<unsigned char>(s[i + 2]);
    if (a >= 0xE4 && a <= 0xE9 && (b & 0xC0) == 0x80 && (c & 0xC0) == 0x80) return true;
  }
  return false;
}

// A refusal the user can act on: 400 (or `code`), a field, and a Chinese message.
inline void CheckUserError(const Error& e, ErrorCode code = ErrorCode::kInvalid) {
  QZ_CHECK(e.code == code, e.field + ": " + e.message);
  QZ_CHECK(!e.field.empty(), e.message);
  QZ_CHECK(HasChinese(e.message), e.field + ": " + e.message);
}

inline void CheckUserErrors(const Errors& errors, ErrorCode code = ErrorCode::kInvalid) {
  QZ_CHECK(!errors.empty(), "a failed Result without an error");
  for (const auto& e : errors) CheckUserError(e, code);
}

// Calendar facts computed here, apart from platform/core/date.cpp, so the targets compare two
// implementations instead of one with itself.
inline bool IsLeapYear(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
inline int DaysInMonth(long y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace qizhi::fuzz
