#include "party/org/rules.hpp"

#include <string>

namespace qizhi::party::org {
namespace {

// 支部工作条例 (2018) 第五条、第九条 and the usual thresholds of 党章 第三十条 practice.
constexpr int kBranchMinFull = 3;
constexpr int kBranchMax = 50;
constexpr int kBranchCommitteeFrom = 7;
constexpr int kGeneralBranchMin = 50;
constexpr int kGeneralBranchMax = 100;
constexpr int kCommitteeMin = 100;
constexpr int kTermWarningMonths = 3;

struct CommitteeBounds {
  int min;
  int max;
  const char* rule;  // the wording of the rule, quoted in the warning
};

// Committee sizes per kind: 支部委员会 3-5, at most 7 (支部工作条例 第九条); 总支部委员会 5-7, at
// most 9, and 基层委员会 5-9, at most 11 (基层组织选举工作条例). The warning fires outside the
// outer bounds only: inside them the party office has chosen within the rules.
CommitteeBounds BoundsFor(std::string_view kind) {
  if (kind == kCommittee) return {5, 11, "党委委员一般为 5 至 9 人，最多不超过 11 人"};
  if (kind == kGeneralBranch) return {5, 9, "党总支委员一般为 5 至 7 人，最多不超过 9 人"};
  return {3, 7, "支部委员会由 3 至 5 人组成，一般不超过 7 人"};
}

std::string N(int n) { return std::to_string(n); }

}  // namespace

std::string KindTitle(std::string_view kind) {
  if (kind == kCommittee) return "党委";
  if (kind == kGeneralBranch) return "党总支";
  if (kind == kBranch) return "党支部";
  if (kind == kGroup) return "党小组";
  return std::string(kind);
}

bool IsKnownKind(std::string_view kind) {
  return kind == kCommittee || kind == kGeneralBranch || kind == kBranch || kind == kGroup;
}

Status CheckChildKind(std::string_view parent_kind, std::string_view child_kind) {
  if (!IsKnownKind(child_kind)) return Invalid("kind", "组织类型应为党委、党总支、党支部或党小组");
  if (!IsKnownKind(parent_kind)) return Invalid("kind", "上级组织的类型无效");
  bool allowed = false;
  if (parent_kind == kCommittee) {
    allowed = child_kind != kGroup;
  } else if (parent_kind == kGeneralBranch) {
    allowed = child_kind == kBranch;
  } else if (parent_kind == kBranch) {
    allowed = child_kind == kGroup;
  }
  if (allowed) return Ok();
  if (parent_kind == kGroup) return Invalid("kind", "党小组下不能设立下级组织");
  return Invalid("kind", KindTitle(parent_kind) + "下不能设立" + KindTitle(child_kind));
}

std::vector<Warning> UnitWarnings(const UnitFacts& facts, const Date& today) {
  std::vector<Warning> out;
  const std::string_view kind = facts.kind;
  if (kind == kGroup || !IsKnownKind(kind)) return out;
  const int total = facts.total();

  if (kind == kBranch) {
    if (facts.full_members < kBranchMinFull) {
      out.push_back({"branch_too_few_full",
                     "正式党员 " + N(facts.full_members) + " 名，党支部应有正式党员 3 名以上"});
    }
    if (total > kBranchMax) {
      out.push_back({"branch_too_large",
                     "党员 " + N(total) + " 名，党支部党员一般不超过 50 名，可考虑分设党支部"});
    }
    if (facts.full_members >= kBranchCommitteeFrom && !facts.committee_size) {
      out.push_back({"committee_required", "正式党员 " + N(facts.full_members) +
                                               " 名，正式党员 7 名以上的党支部应设立支部委员会"});
    }
  }
  if (facts.committee_size) {
    const CommitteeBounds b = BoundsFor(kind);
    const int size = *facts.committee_size;
    if (size < b.min || size > b.max) {
      out.push_back({"committee_size", "委员会现有委员 " + N(size) + " 人，" + b.rule});
    }
  }
  if (!facts.has_secretary) {
    out.push_back({"secretary_missing", "未配备" + KindTitle(kind) + "书记"});
  }
  if (kind == kGeneralBranch && (total < kGeneralBranchMin || total > kGeneralBranchMax)) {
    out.push_back({"general_branch_size",
                   "党员 " + N(total) + " 名，党总支一般在党员 50 至 100 名的单位设立"});
  }
  if (kind == kCommittee && total < kCommitteeMin) {
    out.push_back(
        {"committee_too_small", "党员 " + N(total) + " 名，党委一般在党员 100 名以上的单位设立"});
  }
  if (facts.term_ends_on) {
    const Date& end = *facts.term_ends_on;
    if (today >= end) {
      out.push_back(
          {"term_expired", "本届委员会任期已于 " + FormatDate(end) + " 届满，应及时换届"});
    } else if (today >= AddMonths(end, -kTermWarningMonths)) {
      out.push_back(
          {"term_ending", "本届委员会任期将于 " + FormatDate(end) + " 届满，请做好换届准备"});
    }
  }
  return out;
}

const std::vector<std::pair<std::string, std::string>>& WarningCodes() {
  static const std::vector<std::pair<std::string, std::string>> kCodes = {
      {"branch_too_few_full", "正式党员不足 3 名"},
      {"branch_too_large", "党员超过 50 名"},
      {"committee_required", "应设支委会而未设"},
      {"committee_size", "委员人数不符合规定"},
      {"secretary_missing", "未配备书记"},
      {"general_branch_size", "党总支党员不在 50-100 名"},
      {"committee_too_small", "党委党员不足 100 名"},
      {"term_ending", "任期即将届满"},
      {"term_expired", "任期已届满"},
  };
  return kCodes;
}

Date TermEndsOn(const Date& elected_on, int term_years) { return AddYears(elected_on, term_years); }

int DefaultTermYears(std::string_view kind) { return kind == kCommittee ? 5 : 3; }

std::string SizeBand(int members) {
  if (members < 3) return "lt3";
  if (members <= 6) return "3to6";
  if (members <= 50) return "7to50";
  return "gt50";
}

const std::vector<std::pair<std::string, std::string>>& SizeBands() {
  static const std::vector<std::pair<std::string, std::string>> kBands = {
      {"lt3", "不足3人"}, {"3to6", "3-6人"}, {"7to50", "7-50人"}, {"gt50", "超过50人"}};
  return kBands;
}

std::optional<std::pair<int, int>> SizeBandBounds(std::string_view code) {
  if (code == "lt3") return std::pair{0, 2};
  if (code == "3to6") return std::pair{3, 6};
  if (code == "7to50") return std::pair{7, 50};
  if (code == "gt50") return std::pair{51, -1};
  return std::nullopt;
}

}  // namespace qizhi::party::org
