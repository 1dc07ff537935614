#include "app/division_names.hpp"

#include <string_view>

namespace qizhi::app {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Replaces the committee suffix with `kind` (村, 社区) unless what is left already ends with it.
std::string WithKind(std::string_view stem, std::string_view kind) {
  std::string out(stem);
  if (out.empty() || !EndsWith(out, kind)) out += kind;
  return out;
}

}  // namespace

std::string ShortDivisionName(const std::string& name) {
  struct Suffix {
    std::string_view text, kind;
  };
  // Longest first: 社区居民委员会 before 居民委员会 before 委员会.
  static constexpr Suffix kSuffixes[] = {
      {"社区居民委员会", "社区"}, {"社区居委会", "社区"}, {"村民委员会", "村"}, {"村委会", "村"},
      {"居民委员会", "社区"},     {"居委会", "社区"},     {"委员会", ""},
  };
  std::string_view n = name;
  for (const auto& s : kSuffixes) {
    if (!EndsWith(n, s.text)) continue;
    if (n.size() == s.text.size()) return name;  // nothing but the suffix: keep it whole
    std::string_view stem = n.substr(0, n.size() - s.text.size());
    if (s.kind.empty()) return std::string(stem);
    return WithKind(stem, s.kind);
  }
  return name;
}

bool IsPlaceholderCity(const std::string& name) {
  return name == "市辖区" || name == "县" || name == "省直辖县级行政区划" || name == "自治区直辖县级行政区划";
}

}  // namespace qizhi::app
