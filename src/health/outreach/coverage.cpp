#include "health/outreach/coverage.hpp"

#include <algorithm>
#include <map>

#include "platform/core/ratio.hpp"

namespace qizhi::health::outreach {

bool IsCurrentMember(const CoveragePerson& p, const Date& as_of) {
  if (p.joined && *p.joined > as_of) return false;
  if (p.left && *p.left <= as_of) return false;
  return true;
}

HouseholdCoverage JudgeHousehold(const CoverageHousehold& h, const Date& start, const Date& as_of) {
  HouseholdCoverage out;
  out.household_id = h.id;
  // Visits of the period in date order, so the latest reason wins and "seen" is never undone.
  std::vector<const CoverageVisit*> visits;
  for (const auto& v : h.visits)
    if (v.date >= start && v.date <= as_of) visits.push_back(&v);
  std::stable_sort(visits.begin(), visits.end(), [](const auto* a, const auto* b) { return a->date < b->date; });
  out.visited = !visits.empty();
  if (out.visited) out.last_visit = visits.back()->date;

  std::map<int64_t, PersonCoverage> judged;
  for (const auto* v : visits) {
    for (const auto& l : v->lines) {
      auto& p = judged[l.person_id];
      p.person_id = l.person_id;
      if (p.state == PersonState::kSeen) continue;
      if (l.seen) {
        p.state = PersonState::kSeen;
        p.reason.clear();
      } else if (!l.reason.empty()) {
        p.state = PersonState::kReason;
        p.reason = l.reason;
      }
    }
  }
  for (const auto& person : h.persons) {
    if (!IsCurrentMember(person, as_of)) continue;
    auto it = judged.find(person.id);
    PersonCoverage pc = it == judged.end() ? PersonCoverage{person.id, PersonState::kNotSeen, ""} : it->second;
    switch (pc.state) {
      case PersonState::kSeen: ++out.seen; break;
      case PersonState::kReason: ++out.with_reason; break;
      case PersonState::kNotSeen: ++out.not_seen; break;
    }
    out.persons.push_back(std::move(pc));
  }
  out.counted = !out.persons.empty();
  out.covered = out.counted && out.visited && out.not_seen == 0;
  return out;
}

std::optional<int> CoverageTotals::VisitedPerMille() const { return PerMille(visited, households); }
std::optional<int> CoverageTotals::CoveredPerMille() const { return PerMille(covered, households); }
std::optional<int> CoverageTotals::AccountedPerMille() const { return PerMille(seen + with_reason, persons); }

void Add(CoverageTotals& t, const HouseholdCoverage& h) {
  if (!h.counted) return;
  ++t.households;
  t.visited += h.visited ? 1 : 0;
  t.covered += h.covered ? 1 : 0;
  t.persons += static_cast<int64_t>(h.persons.size());
  t.seen += h.seen;
  t.with_reason += h.with_reason;
  t.not_seen += h.not_seen;
}

}  // namespace qizhi::health::outreach
