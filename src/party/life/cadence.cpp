#include "party/life/cadence.hpp"

#include <map>

namespace qizhi::party::life {

const std::vector<std::string>& LecturerLevels() {
  static const std::vector<std::string> kLevels = {std::string(kCommitteeSecretary), "班子成员",
                                                   std::string(kBranchSecretary), "其他"};
  return kLevels;
}

std::string PresenterRoleOf(const std::string& lecturer_level) {
  if (lecturer_level == kCommitteeSecretary || lecturer_level == kBranchSecretary) return lecturer_level;
  return "";
}

Date CadenceRangeStart(const Date& today) { return Date{today.year - 1, 1, 1}; }

std::vector<UnitLifeFacts> FactsFor(const std::vector<LifeUnit>& units, const std::vector<LifeMeeting>& meetings) {
  std::vector<UnitLifeFacts> facts(units.size());
  std::map<int64_t, size_t> at;
  std::vector<size_t> committees;
  for (size_t i = 0; i < units.size(); ++i) {
    const auto& u = units[i];
    at[u.id] = i;
    facts[i].kind = u.kind;
    facts[i].created_on = u.created_on;
    facts[i].fixed_day = u.theme_day;
    facts[i].has_committee = u.has_committee;
    if (u.kind == "committee") committees.push_back(i);
  }
  for (const auto& m : meetings) {
    HeldMeeting held{m.type, m.date, PresenterRoleOf(m.lecturer_level)};
    auto own = at.find(m.unit_id);
    if (own != at.end()) facts[own->second].meetings.push_back(held);
    if (m.type != kPartyLecture || m.lecturer_level != kCommitteeSecretary) continue;
    // A 党委书记's 党课 below a committee counts for it too (its own are already counted).
    for (size_t c : committees) {
      const auto& cu = units[c];
      if (cu.id != m.unit_id && m.unit_path.size() > cu.path.size() && m.unit_path.compare(0, cu.path.size(), cu.path) == 0)
        facts[c].meetings.push_back(held);
    }
  }
  return facts;
}

}  // namespace qizhi::party::life
