#include "platform/core/ratio.hpp"

namespace qizhi {

std::optional<long long> RoundedDiv(long long num, long long den) {
  if (den <= 0) return std::nullopt;
  return (num * 2 + den) / (2 * den);
}

std::optional<int> PerMille(long long part, long long whole) {
  auto v = RoundedDiv(part * 1000, whole);
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

std::string FormatPerMille(int per_mille) {
  const long long v = per_mille;
  const long long a = v < 0 ? -v : v;
  return (v < 0 ? "-" : "") + std::to_string(a / 10) + "." + std::to_string(a % 10) + "%";
}

}  // namespace qizhi
