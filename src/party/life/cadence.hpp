// The cadence over many units at once: from the units of a scope and the meetings of the needed
// date range (two queries, whatever the tree's size) to each unit's UnitLifeFacts, grouped in
// memory, and from there to what each unit is overdue on (OverdueRules) and still owes (DueRules).
// Pure, no I/O, thread-safe; the store loads the inputs, the routes shape the output.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "party/life/rules.hpp"

namespace qizhi::party::life {

// Levels of the person who gave a 党课 or led a 集中学习, as stored in meetings.lecturer_level.
const std::vector<std::string>& LecturerLevels();  // 党委书记, 班子成员, 支部书记, 其他
// The presenter_role a cadence rule looks at: the level itself for 党委书记 and 支部书记, else "".
std::string PresenterRoleOf(const std::string& lecturer_level);

struct LifeUnit {
  int64_t tenant_id = 0;
  int64_t id = 0;
  std::string name;
  std::string kind;
  std::string path;              // "/1/5/23/"
  std::string created_on;        // YYYY-MM-DD: established_on, else the day it was recorded
  std::optional<int> theme_day;  // the unit's fixed 主题党日
  bool has_committee = false;    // a current elected committee
};

struct LifeMeeting {
  int64_t unit_id = 0;
  std::string unit_path;
  std::string type;
  std::string date;
  std::string lecturer_level;
};

// The first day whose meetings any rule may look at on `today`: the start of the last ended
// year (yearly rules judge last year and owe this one). Load meetings from here to `today`.
Date CadenceRangeStart(const Date& today);

// The facts of each unit, in the order of `units`. A unit's meetings are the ones it recorded
// itself; a 党委 also gets every 党课 whose lecturer_level is 党委书记 recorded anywhere below it
// (the secretary of the committee may lecture in a branch), so its yearly rule sees them.
std::vector<UnitLifeFacts> FactsFor(const std::vector<LifeUnit>& units, const std::vector<LifeMeeting>& meetings);

struct UnitOverdue {
  const LifeUnit* unit = nullptr;
  std::vector<Overdue> missing;
};
struct UnitDue {
  const LifeUnit* unit = nullptr;
  std::vector<Due> owed;
};
// Units with at least one overdue rule / one rule still owed, in the order of `units`.
// `rules_of` gives the tenant's rules (its stored set or DefaultCadence()).
template <typename RulesOf>
std::vector<UnitOverdue> OverdueUnits(const std::vector<LifeUnit>& units, const std::vector<LifeMeeting>& meetings,
                                      RulesOf&& rules_of, const Date& today) {
  std::vector<UnitOverdue> out;
  const auto facts = FactsFor(units, meetings);
  for (size_t i = 0; i < units.size(); ++i) {
    auto missing = OverdueRules(facts[i], rules_of(units[i].tenant_id), today);
    if (!missing.empty()) out.push_back({&units[i], std::move(missing)});
  }
  return out;
}
template <typename RulesOf>
std::vector<UnitDue> DueUnits(const std::vector<LifeUnit>& units, const std::vector<LifeMeeting>& meetings,
                              RulesOf&& rules_of, const Date& today) {
  std::vector<UnitDue> out;
  const auto facts = FactsFor(units, meetings);
  for (size_t i = 0; i < units.size(); ++i) {
    auto owed = DueRules(facts[i], rules_of(units[i].tenant_id), today);
    if (!owed.empty()) out.push_back({&units[i], std::move(owed)});
  }
  return out;
}

}  // namespace qizhi::party::life
