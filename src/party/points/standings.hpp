// A year's points of the members of a scope: every member's events judged by Award() under the
// rules of their tenant, summed and ranked — overall (the members of the scope under the `org`
// filter) and within each member's own unit (支部). What the ranking, a member's detail, 我的积分
// and the figures all read, so they cannot disagree.
#pragma once
#include <map>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "party/points/rules.hpp"
#include "party/points/store.hpp"
#include "platform/core/result.hpp"

namespace qizhi::party::points {

struct Standing {
  PointsMember member;
  int64_t points = 0;
  int64_t earned = 0;    // sum of the positive awards
  int64_t deducted = 0;  // sum of the negative awards (≤ 0)
  int rank = 0;          // among all members of the computed set
  int branch_rank = 0;   // among the members of the same unit
  int branch_size = 0;
  int events = 0;
};

// Members of `scope` under `org_path`, ranked for `year`; with `events_of` set, that member's
// judged events of the year are returned in `events`.
struct YearPoints {
  std::vector<Standing> standings;      // ranked order
  std::vector<AwardedEvent> events;     // of `events_of`, in date order
};
YearPoints ComputeYear(soci::session& sql, const Scope& scope, const std::optional<std::string>& org_path, int year,
                       const std::string& today, std::optional<int64_t> events_of = std::nullopt);

// The ranking list's filter (also what the points figures count): year, org, q (name),
// has_points=1 (members with points that year, positive or negative).
using Params = std::map<std::string, std::string>;
struct RankingFilter {
  int year = 0;
  std::optional<std::string> org_path;
  std::string q;
  bool has_points = false;
};
Result<RankingFilter> ParseRankingFilter(soci::session& sql, const Scope& scope, const Params& query, const std::string& today);
// The standings the filter keeps, still in rank order.
std::vector<Standing> Ranking(soci::session& sql, const Scope& scope, const RankingFilter& f, const std::string& today);

}  // namespace qizhi::party::points
