#include "health/outreach/visit.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "platform/core/text.hpp"

namespace qizhi::health::outreach {

namespace {

bool Contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::string Line(size_t i, const char* field) { return "persons[" + std::to_string(i) + "]." + field; }

void CheckText(const std::string& text, const char* field, const char* title, Errors& errors) {
  if (Utf8Length(text) > kMaxVisitText) errors.push_back(Invalid(field, std::string(title) + "不能超过 500 字"));
}

void CheckMeasurements(const VisitPersonInput& p, size_t i, Errors& errors) {
  const bool measured = p.systolic || p.diastolic || p.glucose;
  if (measured && p.seen != true) {
    errors.push_back(Invalid(Line(i, "seen"), "未见面的成员不能登记血压、血糖"));
    return;
  }
  if (p.systolic.has_value() != p.diastolic.has_value())
    errors.push_back(Invalid(Line(i, p.systolic ? "diastolic" : "systolic"), "血压应同时填写收缩压和舒张压"));
  const bool sys_ok = !p.systolic || (*p.systolic >= kSystolicMin && *p.systolic <= kSystolicMax);
  const bool dia_ok = !p.diastolic || (*p.diastolic >= kDiastolicMin && *p.diastolic <= kDiastolicMax);
  if (!sys_ok) errors.push_back(Invalid(Line(i, "systolic"), "收缩压应在 60～260 mmHg 之间"));
  if (!dia_ok) errors.push_back(Invalid(Line(i, "diastolic"), "舒张压应在 30～160 mmHg 之间"));
  // Only two plausible readings can be compared; one out of range is already its own error.
  if (sys_ok && dia_ok && p.systolic && p.diastolic && *p.systolic <= *p.diastolic)
    errors.push_back(Invalid(Line(i, "diastolic"), "舒张压应低于收缩压"));
  if (p.glucose && (*p.glucose < kGlucoseMin || *p.glucose > kGlucoseMax))
    errors.push_back(Invalid(Line(i, "glucose"), "血糖应在 1.0～33.3 mmol/L 之间"));
}

}  // namespace

const std::vector<std::string>& VisitActions() {
  static const std::vector<std::string> k = {"送药上门", "签订家庭医生服务告知书", "明码对账讲解", "健康教育", "康复指导", "其他"};
  return k;
}

const std::vector<std::string>& NotSeenReasons() {
  static const std::vector<std::string> k = {"外出务工", "住院", "上学", "走亲访友", "其他"};
  return k;
}

bool IsClientId(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !IsHex(s[i])) return false;
  }
  return true;
}

Status ValidateVisit(const VisitInput& in, const std::vector<int64_t>& members, const Date& today) {
  Errors errors;
  if (in.client_id.empty()) errors.push_back(Invalid("client_id", "缺少走访记录的客户端编号 client_id"));
  else if (!IsClientId(in.client_id)) errors.push_back(Invalid("client_id", "客户端编号 client_id 应为 UUID"));

  const auto on = ParseDate(in.visited_on);
  if (in.visited_on.empty()) errors.push_back(Invalid("visited_on", "请填写走访日期"));
  else if (!on) errors.push_back(Invalid("visited_on", "走访日期应为 YYYY-MM-DD"));
  else if (*on > today) errors.push_back(Invalid("visited_on", "走访日期不能晚于今天"));
  else if (DaysBetween(*on, today) > kMaxLateDays) errors.push_back(Invalid("visited_on", "走访日期不能早于一年前"));

  std::set<std::string> seen_actions;
  for (const auto& a : in.actions) {
    if (!Contains(VisitActions(), a)) errors.push_back(Invalid("actions", "服务内容“" + a + "”不在可选项中"));
    else if (!seen_actions.insert(a).second) errors.push_back(Invalid("actions", "服务内容“" + a + "”重复"));
  }
  CheckText(in.findings, "findings", "发现的问题", errors);
  CheckText(in.needs, "needs", "群众诉求", errors);
  CheckText(in.next_steps, "next_steps", "下一步措施", errors);

  const std::set<int64_t> current(members.begin(), members.end());
  std::map<int64_t, size_t> answered;
  for (size_t i = 0; i < in.persons.size(); ++i) {
    const auto& p = in.persons[i];
    if (!current.count(p.person_id)) {
      errors.push_back(Invalid(Line(i, "person_id"), "该人员不是本户当前成员"));
      continue;
    }
    if (!answered.emplace(p.person_id, i).second) {
      errors.push_back(Invalid(Line(i, "person_id"), "同一成员只能登记一次"));
      continue;
    }
    if (!p.seen.has_value()) {
      errors.push_back(Invalid(Line(i, "seen"), "请选择是否见面"));
      continue;
    }
    if (*p.seen) {
      if (!p.reason.empty()) errors.push_back(Invalid(Line(i, "reason"), "已见面的成员不填写未见面原因"));
    } else if (p.reason.empty()) {
      errors.push_back(Invalid(Line(i, "reason"), "请选择未见面原因"));
    } else if (!Contains(NotSeenReasons(), p.reason)) {
      errors.push_back(Invalid(Line(i, "reason"), "未见面原因应为外出务工、住院、上学、走亲访友或其他"));
    } else if (p.reason == "其他" && Trim(p.note).empty()) {
      errors.push_back(Invalid(Line(i, "note"), "未见面原因为“其他”时请填写说明"));
    }
    if (Utf8Length(p.note) > kMaxNote) errors.push_back(Invalid(Line(i, "note"), "说明不能超过 100 字"));
    CheckMeasurements(p, i, errors);
  }
  const size_t missing = std::count_if(members.begin(), members.end(), [&](int64_t id) { return !answered.count(id); });
  if (missing > 0)
    errors.push_back(Invalid("persons", "还有 " + std::to_string(missing) + " 名家庭成员未登记是否见面，每名成员都要登记"));
  if (!errors.empty()) return errors;
  return Ok();
}

const std::vector<std::string>& ServiceItemStatuses() {
  static const std::vector<std::string> k = {"未开始", "进行中", "已完成", "取消"};
  return k;
}

bool IsServiceItemStatus(std::string_view s) { return Contains(ServiceItemStatuses(), s); }

Status CheckStatusChange(std::string_view from, std::string_view to) {
  if (!IsServiceItemStatus(to)) return Invalid("status", "状态应为未开始、进行中、已完成或取消");
  if (from == to) return Invalid("status", "状态没有变化");
  if (from == "已完成" || from == "取消")
    return Error{ErrorCode::kConflict, "该服务事项已" + std::string(from == "取消" ? "取消" : "完成") + "，不能再改变状态", "status"};
  if (to == "未开始") return Invalid("status", "已开始的服务事项不能改回未开始");
  return Ok();
}

Status ValidateServiceItem(const ServiceItemInput& in) {
  Errors errors;
  const std::string item = Trim(in.item), owner = Trim(in.owner);
  if (item.empty()) errors.push_back(Invalid("item", "请填写服务事项"));
  else if (Utf8Length(item) > 100) errors.push_back(Invalid("item", "服务事项不能超过 100 字"));
  if (owner.empty()) errors.push_back(Invalid("owner", "请填写责任人"));
  else if (Utf8Length(owner) > 20) errors.push_back(Invalid("owner", "责任人不能超过 20 字"));
  if (!in.due_on.empty() && !ParseDate(in.due_on)) errors.push_back(Invalid("due_on", "完成时限应为 YYYY-MM-DD"));
  if (Utf8Length(in.note) > 200) errors.push_back(Invalid("note", "备注不能超过 200 字"));
  if (!errors.empty()) return errors;
  return Ok();
}

}  // namespace qizhi::health::outreach
