// Organisational life in figures: meetings held, by type, in a period and a part of the tree.
#include "figures/meeting_figures.hpp"
#include "party/life/rules.hpp"

namespace qizhi::figures {

std::vector<Figure> LifeFigures() {
  return {
      {"meetings_by_type", "组织生活会议（按类型）", "次", MeetingFilters(),
       [](Context& c, const Params& q) {
         std::vector<std::pair<std::string, std::string>> types;
         for (const auto& t : party::life::MeetingTypes()) types.push_back({t.code, t.title});
         return MeetingGroups(c, q, {}, "type", types);
       }},
  };
}

}  // namespace qizhi::figures
