#include "party/life/filter_params.hpp"

#include <algorithm>

#include "party/life/cadence.hpp"
#include "party/life/rules.hpp"
#include "party/org/overview.hpp"
#include "platform/core/date.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::life {

namespace {
std::string Get(const Params& p, const char* name) {
  auto it = p.find(name);
  return it == p.end() ? std::string() : it->second;
}
}  // namespace

Result<MeetingFilter> ParseMeetingFilter(soci::session& sql, const Scope& scope, const Params& query) {
  MeetingFilter f;
  Errors errors;
  const std::string org = Get(query, "org");
  const std::string direct = Get(query, "direct");
  if (!direct.empty() && direct != "1" && direct != "0") errors.push_back(Invalid("direct", "direct 应为 1 或 0"));
  if (direct == "1" && org.empty()) errors.push_back(Invalid("direct", "只看本级需要同时指定组织"));
  if (!org.empty()) {
    auto unit = org::ParseOrgParam(sql, scope, org);
    if (!unit.ok() && unit.error().code == ErrorCode::kNotFound) return unit.errors();
    if (!unit.ok()) errors.push_back(unit.error());
    else if (direct == "1") f.direct_unit = unit.value().id;
    else f.org_path = unit.value().path;
  }
  f.type = Get(query, "type");
  if (!f.type.empty() && !IsMeetingType(f.type)) errors.push_back(Invalid("type", "会议类型无效"));
  f.from = Get(query, "from");
  if (!f.from.empty() && !ParseDate(f.from)) errors.push_back(Invalid("from", "起始日期格式应为 YYYY-MM-DD"));
  f.to = Get(query, "to");
  if (!f.to.empty() && !ParseDate(f.to)) errors.push_back(Invalid("to", "截至日期格式应为 YYYY-MM-DD"));
  if (ParseDate(f.from) && ParseDate(f.to) && f.from > f.to) errors.push_back(Invalid("to", "截至日期不能早于起始日期"));
  f.lecturer_level = Get(query, "lecturer_level");
  const auto& levels = LecturerLevels();
  if (!f.lecturer_level.empty() && std::find(levels.begin(), levels.end(), f.lecturer_level) == levels.end())
    errors.push_back(Invalid("lecturer_level", "主讲人层级应为党委书记、班子成员、支部书记或其他"));
  f.campaign = Trim(Get(query, "campaign"));
  if (Utf8Length(f.campaign) > 50) errors.push_back(Invalid("campaign", "主题教育名称过长"));
  f.state = Get(query, "state");
  if (f.state.empty()) f.state = "active";
  if (f.state != "active" && f.state != "cancelled" && f.state != "all")
    errors.push_back(Invalid("state", "状态应为 active（有效）、cancelled（已取消）或 all"));
  f.q = Trim(Get(query, "q"));
  if (Utf8Length(f.q) > 100) errors.push_back(Invalid("q", "搜索内容过长"));
  if (!errors.empty()) return errors;
  return f;
}

}  // namespace qizhi::party::life
