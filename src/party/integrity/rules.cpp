#include "party/integrity/rules.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "platform/core/text.hpp"

namespace qizhi::party::integrity {

std::vector<PostClass> DefaultPostClasses() {
  std::vector<PostClass> out;
  for (const char* t : {"科主任", "副主任", "护士长", "副护士长", "科室负责人", "职能部门负责人"})
    out.push_back({std::string(kMiddle), t});
  for (const char* k : {"采购", "财务", "药剂", "设备", "基建", "医保", "招标"}) out.push_back({std::string(kKey), k});
  return out;
}

std::string ClassTitle(std::string_view cls) { return cls == kMiddle ? "中层干部" : cls == kKey ? "关键岗位" : std::string(cls); }

Status ValidatePostClasses(const std::vector<PostClass>& classes) {
  if (classes.empty() || classes.size() > 100) return Invalid("classes", "岗位分类应为 1 至 100 条");
  Errors errors;
  std::set<std::pair<std::string, std::string>> seen;
  for (size_t i = 0; i < classes.size(); ++i) {
    const std::string at = "classes[" + std::to_string(i) + "].";
    const auto& c = classes[i];
    if (c.cls != kMiddle && c.cls != kKey) errors.push_back(Invalid(at + "cls", "类别应为 middle（中层干部）或 key（关键岗位）"));
    const std::string k = Trim(c.keyword);
    if (k.empty() || Utf8Length(k) > 20) errors.push_back(Invalid(at + "keyword", "职务名称或关键词应为 1 至 20 个字"));
    else if (!seen.insert({c.cls, k}).second) errors.push_back(Invalid(at + "keyword", "“" + k + "”重复"));
  }
  if (errors.empty()) return Ok();
  return errors;
}

namespace {

std::optional<std::string> ClassOf(const HeldPost& p, const std::vector<PostClass>& classes) {
  for (const auto& c : classes)
    if (c.cls == kMiddle && p.title == c.keyword) return std::string(kMiddle);
  for (const auto& c : classes)
    if (c.cls == kKey && !c.keyword.empty() &&
        (p.department.find(c.keyword) != std::string::npos || p.title.find(c.keyword) != std::string::npos))
      return std::string(kKey);
  return std::nullopt;
}

}  // namespace

std::vector<DuePledge> DuePledges(const std::vector<HeldPost>& posts, const std::vector<PostClass>& classes, int year) {
  const std::string first = std::to_string(year) + "-01-01", last = std::to_string(year) + "-12-31";
  std::vector<const HeldPost*> held;
  for (const auto& p : posts)
    if (p.started_on <= last && (p.ended_on.empty() || p.ended_on >= first)) held.push_back(&p);
  std::stable_sort(held.begin(), held.end(), [](const HeldPost* a, const HeldPost* b) {
    return a->member_id != b->member_id ? a->member_id < b->member_id : a->started_on < b->started_on;
  });
  std::vector<DuePledge> out;
  for (const HeldPost* p : held) {
    auto cls = ClassOf(*p, classes);
    if (!cls) continue;
    if (out.empty() || out.back().member_id != p->member_id) out.push_back({p->member_id, *cls, {}});
    if (*cls == kMiddle) out.back().cls = *cls;
    out.back().posts.push_back(p->department.empty() ? p->title : p->title + "（" + p->department + "）");
  }
  return out;
}

Status ValidateSignedOn(const std::string& signed_on, int year, const std::string& today) {
  if (!ParseDate(signed_on)) return Invalid("signed_on", "签署日期格式应为 YYYY-MM-DD");
  if (signed_on > today) return Invalid("signed_on", "签署日期不能晚于今天");
  const std::string from = std::to_string(year - 1) + "-12-01", to = std::to_string(year) + "-12-31";
  if (signed_on < from || signed_on > to)
    return Invalid("signed_on", "签署日期应在 " + from + " 至 " + to + " 之间（" + std::to_string(year) + "年度承诺书）");
  return Ok();
}

const std::vector<std::string>& PledgeText() {
  static const std::vector<std::string> kText = {
      "为深入推进清廉医院建设，严格落实党风廉政建设责任制，本人郑重承诺：",
      "一、坚定理想信念，严守党的政治纪律和政治规矩，认真履行“一岗双责”，管好本科室、本岗位的党风廉政建设和行风建设。",
      "二、严格遵守《加强医疗卫生行风建设“九不准”》和《医疗机构工作人员廉洁从业九项准则》，不收受回扣和“红包”，不开单提成，不违规收费，不为商业目的统方。",
      "三、严格执行药品、耗材、设备采购和基建项目等管理制度，不插手、不干预招标采购，不违规接受社会捐赠资助。",
      "四、严格遵守中央八项规定及其实施细则精神，不接受可能影响公正执行公务的宴请、礼品礼金和各种消费卡。",
      "五、如实报告个人有关事项，自觉接受组织和群众监督。如有违反，自愿接受组织处理。",
  };
  return kText;
}

const std::vector<std::string>& NineProhibitions() {
  static const std::vector<std::string> kItems = {
      "不准将医疗卫生人员个人收入与药品和医学检查收入挂钩",
      "不准开单提成",
      "不准违规收费",
      "不准违规接受社会捐赠资助",
      "不准参与推销活动和违规发布医疗广告",
      "不准为商业目的统方",
      "不准违规私自采购使用医药产品",
      "不准收受回扣",
      "不准收受患者“红包”",
  };
  return kItems;
}

bool IsPeriod(std::string_view period, const std::string& today) {
  if (period.size() != 4 && period.size() != 7) return false;
  for (size_t i = 0; i < 4; ++i)
    if (period[i] < '0' || period[i] > '9') return false;
  if (period.size() == 7 && period.substr(4) != "-H1" && period.substr(4) != "-H2") return false;
  const std::string year(period.substr(0, 4));
  if (year < "2013" || year > today.substr(0, 4)) return false;
  // A half year that has not begun yet cannot be checked.
  if (period.substr(4) == "-H2" && year == today.substr(0, 4) && today.substr(5, 2) < "07") return false;
  return true;
}

std::string PeriodTitle(std::string_view period) {
  const std::string year(period.substr(0, 4));
  if (period.size() == 7) return year + (period.substr(4) == "-H1" ? "年上半年" : "年下半年");
  return year + "年度";
}

Status ValidateSelfCheck(const SelfCheckInput& in, const std::string& today) {
  Errors errors;
  const bool period_ok = IsPeriod(in.period, today);
  if (!period_ok) errors.push_back(Invalid("period", "自查期间应为 YYYY（年度）或 YYYY-H1/YYYY-H2（半年），不晚于本期"));
  const auto checked = ParseDate(in.checked_on);
  if (!checked) {
    errors.push_back(Invalid("checked_on", "自查日期格式应为 YYYY-MM-DD"));
  } else if (in.checked_on > today) {
    errors.push_back(Invalid("checked_on", "自查日期不能晚于今天"));
  } else if (period_ok) {
    const std::string begins = in.period.substr(0, 4) + (in.period.size() == 7 && in.period.substr(4) == "-H2" ? "-07-01" : "-01-01");
    if (in.checked_on < begins) errors.push_back(Invalid("checked_on", "自查日期不能早于自查期间开始（" + begins + "）"));
  }
  const size_t n = NineProhibitions().size();
  std::set<int> items;
  bool items_ok = in.answers.size() == n;
  for (const auto& a : in.answers) items_ok = items_ok && a.item >= 1 && a.item <= static_cast<int>(n) && items.insert(a.item).second;
  if (!items_ok) errors.push_back(Invalid("answers", "请逐条回答“九不准”全部 9 项，每项一次"));
  for (size_t i = 0; i < in.answers.size(); ++i) {
    const auto& a = in.answers[i];
    const std::string at = "answers[" + std::to_string(i) + "].";
    if (!a.found) continue;
    const std::string issue = Trim(a.issue), measures = Trim(a.measures);
    if (Utf8Length(issue) < 2 || Utf8Length(issue) > 500) errors.push_back(Invalid(at + "issue", "存在问题时请填写问题（2 至 500 个字）"));
    if (Utf8Length(measures) < 2 || Utf8Length(measures) > 500) errors.push_back(Invalid(at + "measures", "存在问题时请填写整改措施（2 至 500 个字）"));
    if (!ParseDate(a.due_on)) errors.push_back(Invalid(at + "due_on", "请填写整改期限（YYYY-MM-DD）"));
    else if (checked && a.due_on < in.checked_on) errors.push_back(Invalid(at + "due_on", "整改期限不能早于自查日期"));
    if (!a.done_on.empty()) {
      if (!ParseDate(a.done_on)) errors.push_back(Invalid(at + "done_on", "整改完成日期格式应为 YYYY-MM-DD"));
      else if (a.done_on > today) errors.push_back(Invalid(at + "done_on", "整改完成日期不能晚于今天"));
      else if (checked && a.done_on < in.checked_on) errors.push_back(Invalid(at + "done_on", "整改完成日期不能早于自查日期"));
    }
  }
  if (errors.empty()) return Ok();
  return errors;
}

int IssueCount(const std::vector<Answer>& answers) {
  return static_cast<int>(std::count_if(answers.begin(), answers.end(), [](const Answer& a) { return a.found; }));
}

std::string SelfCheckStatus(const std::vector<Answer>& answers) {
  if (IssueCount(answers) == 0) return "无问题";
  for (const auto& a : answers)
    if (a.found && a.done_on.empty()) return "整改中";
  return "已整改";
}

}  // namespace qizhi::party::integrity
