// Fuzz target: citizen ID numbers (GB 11643, platform/pii/id_number.cpp) and the masks of
// personal data (platform/pii/mask.cpp). The input is the text a form or a roster cell holds.
//
// Checks, besides "no crash, no sanitizer report":
// - ParseIdNumber accepts exactly what an independent reading of GB 11643 accepts (length, digits,
//   real birth date in [1900-01-01, today], ISO 7064 MOD 11-2 check character computed here from
//   the standard's formula); an accepted number is 18 characters, upper-case X, and its birth
//   date, region and sex agree with its digits; a refused one has field "id_number", code 400
//   and a Chinese message;
// - CheckSexMatches, for every byte as the declared sex: M/F in either case compare with the
//   number's sex digit, anything else is "性别应为男或女";
// - the masks: empty stays empty; never longer in bytes than the input (the address: + "****"
//   less the character it always hides); on valid UTF-8 they follow mask.hpp to the character
//   (what is kept, how many '*') and never cut a character.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "platform/core/date.hpp"
#include "platform/pii/id_number.hpp"
#include "platform/pii/mask.hpp"

namespace {

using namespace qizhi;
using namespace qizhi::fuzz;
using platform::pii::IdNumberInfo;

constexpr std::string_view kToday = "2026-11-24";

std::string_view TrimSpaceTab(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// GB 11643-1999 §8.2 from the formula: a_1 = (12 - (Σ a_i·W_i mod 11)) mod 11, W_i = 2^(i-1) mod 11
// counted from the right; 10 is written X.
char CheckCharacter(std::string_view first17) {
  long sum = 0;
  long weight = 2;  // position 2 from the right (the check character is position 1)
  for (std::size_t k = 0; k < 17; ++k) {
    sum += (first17[16 - k] - '0') * weight;
    weight = weight * 2 % 11;
  }
  const long a1 = (12 - sum % 11) % 11;
  return a1 == 10 ? 'X' : static_cast<char>('0' + a1);
}

int Num(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

// Whether GB 11643 (and the 1900 lower bound of id_number.hpp) accepts `text` on kToday.
bool ShouldAccept(std::string_view text) {
  const std::string_view t = TrimSpaceTab(text);
  if (t.size() != 18) return false;
  for (std::size_t i = 0; i < 17; ++i) {
    if (!IsDigit(t[i])) return false;
  }
  const char last = t[17] == 'x' ? 'X' : t[17];
  if (!IsDigit(last) && last != 'X') return false;
  const int y = Num(t.substr(6, 4)), m = Num(t.substr(10, 2)), d = Num(t.substr(12, 2));
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return false;
  const long ymd = y * 10000L + m * 100 + d;
  if (ymd < 19000101 || ymd > 20261124) return false;
  return CheckCharacter(t.substr(0, 17)) == last;
}

void CheckIdNumber(std::string_view text) {
  const auto r = platform::pii::ParseIdNumber(text, "id_number", kToday);
  const bool expected = ShouldAccept(text);
  QZ_CHECK(r.ok() == expected, expected ? "a valid number was refused: " + r.error().message
                                        : "an invalid number was accepted");
  if (!r.ok()) {
    CheckUserErrors(r.errors());
    for (const auto& e : r.errors()) QZ_CHECK(e.field == "id_number", e.field);
    return;
  }
  const IdNumberInfo& info = r.value();
  std::string t(TrimSpaceTab(text));
  if (t.back() == 'x') t.back() = 'X';
  QZ_CHECK(info.normalized.size() == 18, info.normalized);
  QZ_CHECK(info.normalized == t, info.normalized);
  QZ_CHECK(info.region_code == t.substr(0, 6), info.region_code);
  QZ_CHECK(info.birth_date == t.substr(6, 4) + "-" + t.substr(10, 2) + "-" + t.substr(12, 2), info.birth_date);
  const auto birth = ParseDate(info.birth_date);
  QZ_CHECK(birth.has_value(), info.birth_date);
  QZ_CHECK(FormatDate(*birth) == info.birth_date, info.birth_date);
  QZ_CHECK(info.sex == ((t[16] - '0') % 2 == 1 ? 'M' : 'F'), t);
  QZ_CHECK(platform::pii::IdNumberCheckCharacter(t.substr(0, 17)) == t[17], t);

  // Every byte as the declared sex.
  for (int c = 0; c < 256; ++c) {
    const char sex = static_cast<char>(c);
    const auto s = platform::pii::CheckSexMatches(info, sex, "sex");
    const char upper = sex == 'm' ? 'M' : sex == 'f' ? 'F' : sex;
    if (upper != 'M' && upper != 'F') {
      QZ_CHECK(!s.ok() && s.error().message == "性别应为男或女", std::to_string(c));
    } else {
      QZ_CHECK(s.ok() == (upper == info.sex), std::to_string(c));
    }
    if (!s.ok()) {
      CheckUserErrors(s.errors());
      QZ_CHECK(s.error().field == "sex", s.error().field);
    }
  }
}

void CheckCheckCharacter(std::string_view text) {
  const char c = platform::pii::IdNumberCheckCharacter(text);
  bool digits17 = text.size() == 17;
  for (std::size_t i = 0; digits17 && i < text.size(); ++i) digits17 = IsDigit(text[i]);
  QZ_CHECK(c == (digits17 ? CheckCharacter(text) : '\0'), std::string(text));
}

// "head" kept characters + '*' for each hidden one + "tail" kept characters.
std::string KeepEnds(const std::vector<std::string_view>& chars, std::size_t head, std::size_t tail) {
  std::string out;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    if (i < head || i + tail >= chars.size()) {
      out.append(chars[i]);
    } else {
      out += '*';
    }
  }
  return out;
}

void CheckMasks(std::string_view text) {
  const std::string id = platform::pii::MaskIdNumber(text);
  const std::string phone = platform::pii::MaskPhone(text);
  const std::string name = platform::pii::MaskName(text);
  const std::string address = platform::pii::MaskAddress(text);
  if (text.empty()) {
    QZ_CHECK(id.empty() && phone.empty() && name.empty() && address.empty(), "empty in, empty out");
    return;
  }
  // Each hidden character (1-4 bytes) becomes one '*'.
  QZ_CHECK(id.size() <= text.size(), id);
  QZ_CHECK(phone.size() <= text.size(), phone);
  QZ_CHECK(name.size() <= text.size(), name);
  QZ_CHECK(address.size() <= text.size() + 3, address);
  QZ_CHECK(address.size() >= 4 && address.substr(address.size() - 4) == "****", address);

  std::vector<std::string_view> chars;
  if (!SplitUtf8(text, &chars)) return;  // the rest is mask.hpp's contract for valid UTF-8
  const std::size_t n = chars.size();
  for (const std::string* out : {&id, &phone, &name, &address}) {
    QZ_CHECK(SplitUtf8(*out), "a mask cut a UTF-8 character: " + *out);
  }

  QZ_CHECK(id == (n < 8 ? std::string(n, '*') : KeepEnds(chars, 3, 4)), id);

  bool mobile = n == 11;
  for (std::size_t i = 0; mobile && i < n; ++i) mobile = chars[i].size() == 1 && IsDigit(chars[i][0]);
  const std::string expected_phone =
      mobile ? KeepEnds(chars, 3, 4) : n < 7 ? std::string(n, '*') : KeepEnds(chars, 3, 2);
  QZ_CHECK(phone == expected_phone, phone);

  QZ_CHECK(name == KeepEnds(chars, 1, 0), name);

  std::string expected_address;
  for (std::size_t i = 0; i < std::min<std::size_t>(6, n - 1); ++i) expected_address.append(chars[i]);
  expected_address += "****";
  QZ_CHECK(address == expected_address, address);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckIdNumber(text);
  CheckCheckCharacter(text);
  CheckMasks(text);
  // A malformed "today" is the caller's bug: kInternal, never a crash.
  const auto bad_today = platform::pii::ParseIdNumber("110105194912310021", "id_number", text);
  if (!bad_today.ok() && bad_today.error().code == ErrorCode::kInternal) {
    QZ_CHECK(!ParseDate(text).has_value(), "a real date taken for a malformed today: " + std::string(text));
  }
  return 0;
}
