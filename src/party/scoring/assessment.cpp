#include "party/scoring/assessment.hpp"

#include <algorithm>

#include <map>
#include <set>

#include "party/dues/store.hpp"
#include "party/life/cadence_inputs.hpp"
#include "party/org/rules.hpp"
#include "platform/core/ratio.hpp"

namespace qizhi::party::scoring {

namespace {

// Periods met against periods judged, over every cadence rule that applies to the branch, for the
// periods of `year` (up to today in the current year).
std::optional<int> MeetingCompliance(const life::UnitLifeFacts& facts, const std::vector<life::CadenceRule>& rules,
                                     int year, const Date& today) {
  CadenceTally t;
  const Date from{year, 1, 1};
  const Date to = std::min(Date{year, 12, 31}, today);
  for (const auto& rule : rules)
    for (const auto& p : life::CadenceHistory(facts, rule, from, to, today)) {
      if (p.state == "met") (p.end < today ? t.met : t.open_met) += 1;
      else if (p.state == "missed") t.missed += 1;
    }
  return CadenceCompliance(t);
}

// Dues paid on time per branch: member-months of `year` that have ended by `today` and were
// fully paid by their month's end, over those months, counted to the 党支部 the member's unit is
// (or is under: a 党小组's members count to its branch). One read per hospital.
std::map<int64_t, std::pair<int64_t, int64_t>> DuesOnTime(soci::session& sql, const std::vector<life::LifeUnit>& units,
                                                          int year, const Date& today) {
  std::map<int64_t, std::string> path_of;
  std::map<std::string, int64_t> branch_at;
  std::set<int64_t> tenants;
  for (const auto& u : units) {
    path_of[u.id] = u.path;
    if (u.kind == org::kBranch) branch_at[u.path] = u.id;
    tenants.insert(u.tenant_id);
  }
  // Months ended: before the current month in the current year, all of a past year.
  const std::string last = year < today.year ? std::to_string(year) + "-12"
                                             : FormatDate(AddMonths(Date{today.year, today.month, 1}, -1)).substr(0, 7);
  const std::string first = std::to_string(year) + "-01";
  std::map<int64_t, std::pair<int64_t, int64_t>> out;  // branch → (on time, months)
  if (last < first) return out;
  for (int64_t tenant : tenants)
    for (const auto& m : dues::DuesMonthStatuses(sql, tenant, "", first, last)) {
      if (m.due_fen <= 0) continue;  // nothing was owed that month
      auto p = path_of.find(m.unit_id);
      if (p == path_of.end()) continue;  // outside the scope
      // The branch is the longest ancestor path (or the unit itself) that is a 党支部.
      for (auto end = p->second.size(); end > 1; end = p->second.rfind('/', end - 2) + 1) {
        auto b = branch_at.find(p->second.substr(0, end));
        if (b == branch_at.end()) continue;
        auto& t = out[b->second];
        t.first += m.on_time ? 1 : 0;
        t.second += 1;
        break;
      }
    }
  return out;
}

}  // namespace

std::vector<BranchResult> LiveAssessment(soci::session& sql, const Scope& scope, int year, const Weights& weights,
                                         const Date& today) {
  const std::string from = std::to_string(year) + "-01-01";
  const std::string to = std::to_string(year) + "-12-31";
  const auto inputs = life::LoadCadenceInputs(sql, scope, from, to);
  const auto facts = life::FactsFor(inputs.units, inputs.meetings);
  const auto inspections = InspectionSums(sql, scope, year);
  const auto study = StudySums(sql, scope, year);
  const auto dues_on_time = DuesOnTime(sql, inputs.units, year, today);

  std::vector<BranchResult> out;
  for (size_t i = 0; i < inputs.units.size(); ++i) {
    const auto& u = inputs.units[i];
    if (u.kind != org::kBranch) continue;
    BranchResult b;
    b.ranked.unit_id = u.id;
    b.ranked.unit_name = u.name;
    b.ranked.unit_path = u.path;
    if (auto it = inspections.find(u.id); it != inspections.end()) {
      auto r = PerMille(it->second.first, it->second.second);
      if (r) b.measures.inspection = *r;
    }
    if (Date{year, 1, 1} <= today) b.measures.meetings = MeetingCompliance(facts[i], inputs.RulesOf(u.tenant_id), year, today);
    int64_t should = 0, came = 0;
    for (const auto& [path, sums] : study)
      if (path.rfind(u.path, 0) == 0) {
        should += sums.first;
        came += std::min(sums.second, sums.first);
      }
    if (auto r = PerMille(came, should)) b.measures.study = *r;
    // No dues generated for the branch's ended months: the measure is absent and Assess()
    // renormalises the other weights.
    if (auto it = dues_on_time.find(u.id); it != dues_on_time.end())
      if (auto r = PerMille(it->second.first, it->second.second)) b.measures.dues = *r;
    b.assessment = Assess(b.measures, weights);
    b.ranked.score = b.assessment.score;
    out.push_back(std::move(b));
  }
  std::vector<Ranked> ranked;
  for (const auto& b : out) ranked.push_back(b.ranked);
  Rank(ranked);
  std::vector<BranchResult> sorted;
  for (const auto& r : ranked) {
    auto it = std::find_if(out.begin(), out.end(), [&](const BranchResult& b) { return b.ranked.unit_id == r.unit_id; });
    sorted.push_back(*it);
    sorted.back().ranked.rank = r.rank;
  }
  return sorted;
}

nlohmann::json MeasuresJson(const Measures& m, const Assessment& a) {
  nlohmann::json j = nlohmann::json::object();
  for (Measure k : kMeasures) {
    const auto v = m.Of(k);
    j[std::string(MeasureCode(k))] = v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  }
  return {{"values", j}, {"used", a.used}, {"missing", a.missing}};
}

nlohmann::json WeightsJson(const Weights& w) {
  nlohmann::json j = nlohmann::json::object();
  for (Measure k : kMeasures) j[std::string(MeasureCode(k))] = w.Of(k);
  return j;
}

}  // namespace qizhi::party::scoring
