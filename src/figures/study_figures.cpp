// Study in figures, as the seeds quote them ("集中学习116次", "党委书记讲党课2次，班子成员5次，
// 支部书记16次", "开展‘不忘初心、牢记使命’主题党日10余次"): meetings of the study types, by the
// lecturer's level and by 主题教育 campaign, each opening the meeting list behind it.
#include "figures/meeting_figures.hpp"
#include "party/life/cadence.hpp"
#include "party/life/rules.hpp"

namespace qizhi::figures {

namespace {
std::vector<std::pair<std::string, std::string>> Levels() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& l : party::life::LecturerLevels()) out.push_back({l, l});
  return out;
}
}  // namespace

std::vector<Figure> StudyFigures() {
  namespace life = party::life;
  return {
      {"study_sessions", "集中学习", "次", MeetingFilters(),
       [](Context& c, const Params& q) {
         return MeetingGroups(c, q, {{"type", std::string(life::kStudy)}}, "lecturer_level", Levels());
       }},
      {"party_lectures_by_level", "党课（按讲课人）", "次", MeetingFilters(),
       [](Context& c, const Params& q) {
         return MeetingGroups(c, q, {{"type", std::string(life::kPartyLecture)}}, "lecturer_level", Levels());
       }},
      {"theme_days_by_campaign", "主题党日（按主题教育）", "次", MeetingFilters(),
       [](Context& c, const Params& q) -> Result<FigureValue> {
         const Params base{{"type", std::string(life::kThemeDay)}};
         auto campaigns = MeetingValues(c, q, base, "campaign");
         if (!campaigns.ok()) return campaigns.errors();
         return MeetingGroups(c, q, base, "campaign", campaigns.value());
       }},
  };
}

}  // namespace qizhi::figures
