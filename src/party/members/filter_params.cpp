#include "party/members/filter_params.hpp"

#include <algorithm>

#include "party/members/rules.hpp"
#include "party/org/overview.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/date.hpp"
#include "platform/core/text.hpp"
#include "platform/pii/id_number.hpp"

namespace qizhi::party::members {

namespace {
std::string Get(const Params& p, const char* name) {
  auto it = p.find(name);
  return it == p.end() ? std::string() : it->second;
}
bool OneOf(const std::string& v, const std::vector<std::string>& options) {
  return std::find(options.begin(), options.end(), v) != options.end();
}
}  // namespace

Result<MemberFilter> ParseMemberFilter(soci::session& sql, const Scope& scope, const platform::pii::Cipher& cipher,
                                       const Params& query) {
  MemberFilter f;
  Errors errors;
  const std::string today = TodayShanghai();

  const std::string state = Get(query, "state");
  if (!state.empty() && state != "active" && state != "left")
    errors.push_back(Invalid("state", "状态应为 active（在册）或 left（已减少）"));
  f.left = state == "left";

  f.as_of = Get(query, "to");
  if (f.as_of.empty()) {
    f.as_of = today;
  } else if (!ParseDate(f.as_of)) {
    errors.push_back(Invalid("to", "截至日期格式应为 YYYY-MM-DD"));
    f.as_of = today;
  }
  f.left_from = Get(query, "from");
  if (!f.left_from.empty() && !ParseDate(f.left_from)) errors.push_back(Invalid("from", "起始日期格式应为 YYYY-MM-DD"));

  const std::string org = Get(query, "org");
  if (!org.empty()) {
    auto unit = org::ParseOrgParam(sql, scope, org);
    if (!unit.ok() && unit.error().code == ErrorCode::kNotFound) return unit.errors();
    if (!unit.ok()) errors.push_back(unit.error());
    else if (Get(query, "direct") == "1") f.direct_unit = unit.value().id;
    else f.org_path = unit.value().path;
  }

  const std::string direct = Get(query, "direct");
  if (!direct.empty() && direct != "1" && direct != "0") errors.push_back(Invalid("direct", "direct 应为 1 或 0"));
  if (direct == "1" && org.empty()) errors.push_back(Invalid("direct", "只看本级需要同时指定组织"));

  f.status = Get(query, "status");
  if (!f.status.empty() && f.status != "预备" && f.status != "正式")
    errors.push_back(Invalid("status", "党员类别应为 预备 或 正式"));

  const std::string band = Get(query, "age_band");
  if (!band.empty()) {
    auto on = ParseDate(f.as_of);
    auto range = on ? BirthDateRange(band, *on) : std::nullopt;
    if (!range) errors.push_back(Invalid("age_band", "年龄段应为 le30、31to35、36to45、46to55、56to60 或 gt60"));
    else f.birth_between = std::make_pair(FormatDate(range->first), FormatDate(range->second));
  }
  f.post = Get(query, "post");
  if (!f.post.empty() && f.post != "any" && !OneOf(f.post, PartyPosts()))
    errors.push_back(Invalid("post", "党内职务不在可选范围内"));
  f.sex = Get(query, "sex");
  if (!f.sex.empty() && f.sex != "男" && f.sex != "女") errors.push_back(Invalid("sex", "性别应为 男 或 女"));
  f.education = Get(query, "education");
  if (!f.education.empty() && !OneOf(f.education, Educations()))
    errors.push_back(Invalid("education", "学历不在可选范围内"));
  f.category = Get(query, "category");
  if (!f.category.empty() && !OneOf(f.category, Categories()))
    errors.push_back(Invalid("category", "人员类别不在可选范围内"));
  for (const char* flag : {"hardship", "flowing"}) {
    const std::string v = Get(query, flag);
    if (!v.empty() && v != "1" && v != "0") errors.push_back(Invalid(flag, std::string(flag) + " 应为 1 或 0"));
  }
  f.hardship = Get(query, "hardship") == "1";
  f.flowing = Get(query, "flowing") == "1";

  const std::string q = Trim(Get(query, "q"));
  if (q.size() > 100) {
    errors.push_back(Invalid("q", "搜索内容过长"));
  } else if (q.size() == 18 && std::all_of(q.begin(), q.begin() + 17, [](char c) { return c >= '0' && c <= '9'; })) {
    // An ID number is searched by its blind index, never by LIKE over ciphertext.
    auto parsed = platform::pii::ParseIdNumber(q, "q", today);
    if (!parsed.ok()) errors.push_back(parsed.error());
    else f.id_bidx = cipher.BlindIndex(parsed.value().normalized, kIdNumberPurpose);
  } else {
    f.name_contains = q;
  }
  if (!errors.empty()) return errors;
  return f;
}


}  // namespace qizhi::party::members
