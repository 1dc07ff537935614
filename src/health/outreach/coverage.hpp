// "走访不漏户，户户到家、人人见面": which households of a visit period were visited and which
// persons were seen. Pure functions over plain structs, no I/O, thread-safe.
//
// The judgement, precisely, for a period [start, end] judged on `as_of` (today while the period
// runs, its end afterwards — the caller passes min(today, end)):
// - A person counts (is a current member) when they belong to the household on `as_of`: joined on
//   or before it (a newborn or someone who moved in during the period counts from that day) and
//   not left on or before it (someone who moved out or died mid-period no longer counts, even if
//   never seen). A person with no joined date has always belonged.
// - A household is visited when one of its visits is dated within [start, as_of].
// - A person is seen when a visit within [start, as_of] marked them seen; accounted for when
//   seen, or when a visit in the period recorded why they were not (外出务工, 住院, …). A later
//   visit's answer does not undo an earlier "seen": once seen in the period, seen.
// - A household is covered when it was visited and every current member is accounted for. A
//   household with no current member (all moved out) is not counted at all.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/core/date.hpp"

namespace qizhi::health::outreach {

struct CoveragePerson {
  int64_t id = 0;
  std::optional<Date> joined;  // in the household from (birth, marriage, moving in)
  std::optional<Date> left;    // out of it from (moved out, died)
};

// One household member's line of one visit: seen, or not seen with the reason.
struct VisitLine {
  int64_t person_id = 0;
  bool seen = false;
  std::string reason;  // when not seen; empty: no reason recorded
};
struct CoverageVisit {
  Date date;
  std::vector<VisitLine> lines;
};

struct CoverageHousehold {
  int64_t id = 0;
  std::vector<CoveragePerson> persons;
  std::vector<CoverageVisit> visits;  // any dates; those outside the period are ignored
};

enum class PersonState { kSeen, kReason, kNotSeen };
struct PersonCoverage {
  int64_t person_id = 0;
  PersonState state = PersonState::kNotSeen;
  std::string reason;  // kReason: the latest reason recorded in the period
};
struct HouseholdCoverage {
  int64_t household_id = 0;
  bool counted = false;    // has a current member on as_of
  bool visited = false;
  bool covered = false;    // visited and every current member accounted for
  std::optional<Date> last_visit;  // within the period
  std::vector<PersonCoverage> persons;  // current members only, in input order
  int seen = 0, with_reason = 0, not_seen = 0;
};

bool IsCurrentMember(const CoveragePerson& p, const Date& as_of);
HouseholdCoverage JudgeHousehold(const CoverageHousehold& h, const Date& start, const Date& as_of);

// Totals over households (those not counted are left out).
struct CoverageTotals {
  int64_t households = 0, visited = 0, covered = 0;
  int64_t persons = 0, seen = 0, with_reason = 0, not_seen = 0;
  // Per mille, rounded half up; nullopt when there is nothing to count.
  std::optional<int> VisitedPerMille() const;
  std::optional<int> CoveredPerMille() const;
  std::optional<int> AccountedPerMille() const;  // (seen + with_reason) / persons
};
void Add(CoverageTotals& t, const HouseholdCoverage& h);

}  // namespace qizhi::health::outreach
