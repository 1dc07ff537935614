#include "platform/core/text.hpp"

#include <algorithm>

namespace qizhi {

std::string Trim(std::string_view s) {
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    for (std::string_view sp : {" ", "\t", "\r", "\n", "\xE3\x80\x80", "\xC2\xA0"}) {
      if (s.substr(0, sp.size()) == sp) {
        s.remove_prefix(sp.size());
        changed = true;
      }
      if (s.size() >= sp.size() && s.substr(s.size() - sp.size()) == sp) {
        s.remove_suffix(sp.size());
        changed = true;
      }
    }
  }
  return std::string(s);
}

std::size_t Utf8Length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace qizhi
