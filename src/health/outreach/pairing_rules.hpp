// 一对一帮扶 rules: a household has at most one current pairing with a Party member of the
// hospital; pairing it with someone else ends the current one, which needs a reason. History is
// kept: an ended pairing keeps its dates and reason. Pure, no I/O, thread-safe.
// Dates as in team_rules.hpp: from_on is the first day, to_on the first day no longer paired.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "platform/core/date.hpp"
#include "platform/core/result.hpp"

namespace qizhi::health::outreach {

inline constexpr int kMaxReasonChars = 200;

struct PairingSpan {
  int64_t id = 0;
  int64_t member_id = 0;
  std::string member_name;
  std::string from_on;
  std::string to_on;  // "" while current
};

// Creating a pairing of the household with `member_id` from `from`, given its pairings: the
// current one (if any) is ended on `from` with `end_reason`. Refused: the same member already
// paired (409), another member paired and no reason given (409 naming them), `from` before the
// current pairing began (400), or a pairing that ended after `from` (they would overlap, 409).
struct PairingPlan {
  int64_t end_id = 0;  // the pairing ended by this one, 0 when none
};
Result<PairingPlan> PlanPairing(int64_t member_id, const Date& from, const std::vector<PairingSpan>& household_pairings,
                                const std::string& end_reason);

// Ending a pairing on `to` with `reason`: `to` a date not before its start, a reason of 1..200
// characters (400s, all at once), and then the pairing still current (else 409).
Status CheckPairingEnd(const PairingSpan& p, const std::string& to, const std::string& reason);

}  // namespace qizhi::health::outreach
