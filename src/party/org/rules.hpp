// The organisation rules of the 中国共产党支部工作条例（试行）(2018) and the usual thresholds for
// setting up 党总支 and 党委, as warnings on a unit computed from its current members. Warnings
// never block anything: the party office decides. Pure functions, no I/O, thread-safe.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/date.hpp"
#include "platform/core/result.hpp"

namespace qizhi::party::org {

// Unit kinds as stored: 党委, 党总支, 党支部, 党小组.
inline constexpr std::string_view kCommittee = "committee";
inline constexpr std::string_view kGeneralBranch = "general_branch";
inline constexpr std::string_view kBranch = "branch";
inline constexpr std::string_view kGroup = "group";

// "党委", "党总支", "党支部", "党小组"; the input itself for an unknown kind.
std::string KindTitle(std::string_view kind);
bool IsKnownKind(std::string_view kind);
// Which kind may sit under which: 党委 → 党总支 | 党支部 (and 党委 for a 医共体 member hospital's
// committee), 党总支 → 党支部, 党支部 → 党小组, 党小组 → nothing. Error on field "kind" otherwise.
Status CheckChildKind(std::string_view parent_kind, std::string_view child_kind);

// What the rules look at, counted over current (active) members.
struct UnitFacts {
  std::string kind;
  int full_members = 0;          // 正式党员 in the unit and below
  int probationary_members = 0;  // 预备党员 in the unit and below
  bool has_secretary = false;    // a current 书记 post in this unit
  // The current elected committee (支委会 / 总支委员会 / 党委), if any.
  std::optional<int> committee_size;
  std::optional<Date> term_ends_on;
  int total() const { return full_members + probationary_members; }
};

struct Warning {
  std::string code;     // stable, for filters: "branch_too_few_full", …
  std::string message;  // Chinese, shown on the unit
};

// Codes, in the order they are checked:
//   branch_too_few_full     党支部 with fewer than 3 正式党员 (需 ≥ 3)
//   branch_too_large        党支部 with more than 50 党员 (一般不超过 50)
//   committee_required      党支部 with ≥ 7 正式党员 and no 支委会
//   committee_size          an elected committee outside its kind's bounds: 支委会 3-7,
//                           总支委员会 5-9, 党委 5-11 (基层组织选举工作条例: 一般 … 最多不超过 …)
//   secretary_missing       党委/党总支/党支部 without a current 书记
//   general_branch_size     党总支 outside 50-100 党员
//   committee_too_small     党委 with fewer than 100 党员
//   term_ending             committee term ends within 3 months (today ≥ end − 3 months)
//   term_expired            committee term has ended (today ≥ end): 换届 overdue
// 党小组 has no rules.
std::vector<Warning> UnitWarnings(const UnitFacts& facts, const Date& today);
// Titles of every code above, for filters and the catalogue of figures.
const std::vector<std::pair<std::string, std::string>>& WarningCodes();

// The end of a term: elected_on + term_years (3 for 支委会 and 总支委员会, 5 for 党委).
Date TermEndsOn(const Date& elected_on, int term_years);
int DefaultTermYears(std::string_view kind);

// Branches by size, for the "branches by size band" figure: "lt3" (<3), "3to6", "7to50", "gt50"
// counted over all current members (正式 + 预备).
std::string SizeBand(int members);
const std::vector<std::pair<std::string, std::string>>& SizeBands();  // code → "3-6人"…
// Bounds of a size band, inclusive; max = -1 for no upper bound. nullopt for an unknown code.
std::optional<std::pair<int, int>> SizeBandBounds(std::string_view code);

}  // namespace qizhi::party::org
