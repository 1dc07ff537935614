#include "platform/pii/mask.hpp"

#include <algorithm>
#include <vector>

namespace qizhi::platform::pii {
namespace {

constexpr std::size_t kAddressKept = 6;
constexpr std::string_view kAddressMask = "****";

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Splits into UTF-8 characters. A malformed sequence yields its first byte as one character, so
// the split never fails and never loses a byte.
std::vector<std::string_view> SplitCharacters(std::string_view s) {
  std::vector<std::string_view> chars;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    std::size_t len = 1;
    if (lead >= 0xC2 && lead <= 0xDF) {
      len = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      len = 3;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      len = 4;
    }
    if (i + len > s.size()) len = 1;
    for (std::size_t k = 1; k < len; ++k) {
      if (!IsContinuation(static_cast<unsigned char>(s[i + k]))) {
        len = 1;
        break;
      }
    }
    chars.push_back(s.substr(i, len));
    i += len;
  }
  return chars;
}

// Keeps `head` leading and `tail` trailing characters, one '*' for each character between.
std::string KeepEnds(const std::vector<std::string_view>& chars, std::size_t head,
                     std::size_t tail) {
  std::string out;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    if (i < head || i + tail >= chars.size()) {
      out.append(chars[i]);
    } else {
      out.push_back('*');
    }
  }
  return out;
}

bool IsMobileNumber(const std::vector<std::string_view>& chars) {
  return chars.size() == 11 && std::all_of(chars.begin(), chars.end(), [](std::string_view c) {
           return c.size() == 1 && c[0] >= '0' && c[0] <= '9';
         });
}

}  // namespace

std::string MaskIdNumber(std::string_view id) {
  const auto chars = SplitCharacters(id);
  if (chars.size() < 8) return std::string(chars.size(), '*');
  return KeepEnds(chars, 3, 4);
}

std::string MaskPhone(std::string_view phone) {
  const auto chars = SplitCharacters(phone);
  if (IsMobileNumber(chars)) return KeepEnds(chars, 3, 4);
  if (chars.size() < 7) return std::string(chars.size(), '*');
  return KeepEnds(chars, 3, 2);
}

std::string MaskName(std::string_view name) {
  const auto chars = SplitCharacters(name);
  return KeepEnds(chars, 1, 0);
}

std::string MaskAddress(std::string_view address) {
  const auto chars = SplitCharacters(address);
  if (chars.empty()) return {};
  const std::size_t kept = std::min(kAddressKept, chars.size() - 1);
  std::string out;
  for (std::size_t i = 0; i < kept; ++i) out.append(chars[i]);
  out.append(kAddressMask);
  return out;
}

}  // namespace qizhi::platform::pii
