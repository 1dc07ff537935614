// Rates as the reports compare and sum them: integers in per mille, rounded half up, never
// floating point (attendance, 学习强国 registration and activity).
#pragma once
#include <optional>
#include <string>

namespace qizhi {

// num / den rounded half up (num, den ≥ 0); nullopt when den ≤ 0.
std::optional<long long> RoundedDiv(long long num, long long den);
// part / whole in per mille, rounded half up: 2/3 → 667, 1/16 → 63; nullopt when whole ≤ 0.
std::optional<int> PerMille(long long part, long long whole);
// 667 → "66.7%", 1000 → "100.0%".
std::string FormatPerMille(int per_mille);

}  // namespace qizhi
