#include "health/registry/rules.hpp"

#include <algorithm>

#include "platform/core/text.hpp"
#include "platform/pii/id_number.hpp"

namespace qizhi::health::registry {

namespace {

bool In(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

std::string Joined(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : "、") + s;
  return out;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Mobile 1[3-9] + 9 digits, or a landline: area code 0xx/0xxx, optional hyphen, 7-8 digits.
bool IsPhone(std::string_view p) {
  if (p.size() == 11 && p[0] == '1' && p[1] >= '3' && p[1] <= '9' && AllDigits(p)) return true;
  if (p.empty() || p[0] != '0') return false;
  const auto dash = p.find('-');
  if (dash != std::string_view::npos) {
    auto area = p.substr(0, dash);
    auto local = p.substr(dash + 1);
    return (area.size() == 3 || area.size() == 4) && AllDigits(area) && (local.size() == 7 || local.size() == 8) &&
           AllDigits(local);
  }
  return p.size() >= 10 && p.size() <= 12 && AllDigits(p);
}

struct Collector {
  Errors errors;
  void Add(std::string field, std::string message) { errors.push_back(Invalid(std::move(field), std::move(message))); }
};

// A real date not after today; the error names the field by its Chinese title.
std::optional<Date> PastDate(Collector& c, const char* field, const std::string& value, const std::string& title,
                             const Date& today) {
  auto d = ParseDate(value);
  if (!d) {
    c.Add(field, title + "格式应为 YYYY-MM-DD");
    return std::nullopt;
  }
  if (*d > today) {
    c.Add(field, title + "不能晚于今天");
    return std::nullopt;
  }
  return d;
}

}  // namespace

const std::vector<std::string>& PovertyCauses() {
  static const std::vector<std::string> v{"因病", "因残", "因学",   "因灾",         "缺土地",             "缺水",
                                          "缺技术", "缺劳力", "缺资金", "交通条件落后", "自身发展动力不足", "其他"};
  return v;
}
const std::vector<std::string>& HouseholdStatuses() {
  static const std::vector<std::string> v{"未脱贫", "脱贫", "监测对象"};
  return v;
}
const std::vector<std::string>& MonitorKinds() {
  static const std::vector<std::string> v{"脱贫不稳定户", "边缘易致贫户", "突发严重困难户"};
  return v;
}
const std::vector<std::string>& Relations() {
  static const std::vector<std::string> v{"户主", "配偶", "妻",   "夫",     "子",       "女",  "儿媳",
                                          "女婿", "孙子女", "父母", "祖父母", "兄弟姐妹", "其他"};
  return v;
}
const std::vector<std::string>& ChronicConditions() {
  static const std::vector<std::string> v{"高血压", "2型糖尿病", "严重精神障碍", "肺结核", "慢性阻塞性肺疾病",
                                          "冠心病", "脑卒中",    "其他"};
  return v;
}
const std::vector<std::string>& DisabilityKinds() {
  static const std::vector<std::string> v{"视力", "听力", "言语", "肢体", "智力", "精神", "多重"};
  return v;
}
const std::vector<std::string>& DisabilityGrades() {
  static const std::vector<std::string> v{"一级", "二级", "三级", "四级"};
  return v;
}
const std::vector<std::string>& LeaveReasons() {
  static const std::vector<std::string> v{"迁出", "死亡", "分户", "婚嫁", "其他"};
  return v;
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  std::string s(text);
  // Spreadsheets and forms separate with ASCII or full-width commas, 、 or ；.
  for (const char* sep : {"，", "、", "；", ";"}) {
    for (size_t at = s.find(sep); at != std::string::npos; at = s.find(sep, at)) s.replace(at, std::string(sep).size(), ",");
  }
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    std::string item = Trim(std::string_view(s).substr(start, end - start));
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

Result<HouseholdInput> ValidateHousehold(const HouseholdInput& raw, const Date& today) {
  HouseholdInput in = raw;
  for (auto* s : {&in.village_code, &in.number, &in.group_name, &in.address, &in.poverty_cause, &in.status,
                  &in.status_since, &in.monitor_kind, &in.registered_on, &in.note})
    *s = Trim(*s);
  Collector c;
  if (in.village_code.empty()) c.Add("village_code", "请选择所在村");
  else if (in.village_code.size() != 12 || !AllDigits(in.village_code))
    c.Add("village_code", "所在村应为 12 位村级区划代码");
  if (Utf8Length(in.number) > 30) c.Add("number", "户编号不能超过 30 个字符");
  if (Utf8Length(in.group_name) > 30) c.Add("group_name", "村民小组不能超过 30 个字符");
  if (Utf8Length(in.address) > 200) c.Add("address", "家庭住址不能超过 200 个字符");
  if (Utf8Length(in.note) > 500) c.Add("note", "备注不能超过 500 个字符");
  if (in.poverty_cause.empty()) c.Add("poverty_cause", "请选择主要致贫原因");
  else if (!In(PovertyCauses(), in.poverty_cause))
    c.Add("poverty_cause", "致贫原因应为以下之一：" + Joined(PovertyCauses()));
  if (in.status.empty()) c.Add("status", "请选择户类型（未脱贫、脱贫或监测对象）");
  else if (!In(HouseholdStatuses(), in.status)) c.Add("status", "户类型应为未脱贫、脱贫或监测对象");
  if (in.status == "监测对象") {
    if (in.monitor_kind.empty()) c.Add("monitor_kind", "监测对象须选择监测类型");
    else if (!In(MonitorKinds(), in.monitor_kind)) c.Add("monitor_kind", "监测类型应为以下之一：" + Joined(MonitorKinds()));
  } else if (!in.monitor_kind.empty()) {
    c.Add("monitor_kind", "只有监测对象才有监测类型");
  }
  std::optional<Date> registered;
  if (in.registered_on.empty()) c.Add("registered_on", "请填写建档立卡日期");
  else registered = PastDate(c, "registered_on", in.registered_on, "建档立卡日期", today);
  if (in.status_since.empty()) {
    c.Add("status_since", "请填写户类型认定日期");
  } else if (auto since = PastDate(c, "status_since", in.status_since, "户类型认定日期", today)) {
    if (registered && *since < *registered) c.Add("status_since", "户类型认定日期不能早于建档立卡日期");
  }
  if (in.income_fen) {
    if (*in.income_fen < 0) c.Add("income_fen", "人均纯收入不能为负数");
    else if (*in.income_fen > 100000000000) c.Add("income_fen", "人均纯收入超出合理范围");
    if (!in.income_year) c.Add("income_year", "请填写收入所属年度");
  }
  if (in.income_year && (*in.income_year < 1990 || *in.income_year > today.year))
    c.Add("income_year", "收入年度应在 1990 年至今年之间");
  if (!c.errors.empty()) return c.errors;
  return in;
}

Result<ValidPerson> ValidatePerson(const PersonInput& raw, const Date& today) {
  ValidPerson v;
  PersonInput& in = v.input;
  in = raw;
  for (auto* s : {&in.name, &in.id_number, &in.sex, &in.relation, &in.phone, &in.disability, &in.joined_on,
                  &in.left_on, &in.left_reason})
    *s = Trim(*s);
  Collector c;
  if (in.name.empty()) c.Add("name", "请填写姓名");
  else if (Utf8Length(in.name) > 30) c.Add("name", "姓名不能超过 30 个字符");
  std::optional<Date> birth;
  if (in.id_number.empty()) {
    c.Add("id_number", "请填写身份证号");
  } else {
    auto id = platform::pii::ParseIdNumber(in.id_number, "id_number", FormatDate(today));
    if (!id.ok()) {
      for (const auto& e : id.errors()) c.errors.push_back(e);
    } else {
      in.id_number = id.value().normalized;
      v.birth_date = id.value().birth_date;
      v.sex = id.value().sex == 'M' ? "男" : "女";
      birth = ParseDate(v.birth_date);
      if (!in.sex.empty()) {
        if (in.sex != "男" && in.sex != "女") c.Add("sex", "性别应为男或女");
        else if (in.sex != v.sex) {
          auto match = platform::pii::CheckSexMatches(id.value(), in.sex == "男" ? 'M' : 'F', "sex");
          if (!match.ok()) for (const auto& e : match.errors()) c.errors.push_back(e);
        }
      }
    }
  }
  if (in.relation.empty()) c.Add("relation", "请选择与户主关系");
  else if (!In(Relations(), in.relation)) c.Add("relation", "与户主关系应为以下之一：" + Joined(Relations()));
  if (!in.phone.empty()) {
    in.phone.erase(std::remove(in.phone.begin(), in.phone.end(), ' '), in.phone.end());
    if (!IsPhone(in.phone)) c.Add("phone", "联系电话应为 11 位手机号或固定电话（如 023-12345678）");
  }
  std::vector<std::string> chronic;
  for (auto item : in.chronic) {
    item = Trim(item);
    if (item.empty()) continue;
    if (item == "糖尿病") item = "2型糖尿病";  // how county lists usually write it
    if (!In(ChronicConditions(), item)) {
      c.Add("chronic", "慢性病“" + item + "”不在国家基本公共卫生服务规范的病种中（" + Joined(ChronicConditions()) + "）");
      continue;
    }
    if (std::find(chronic.begin(), chronic.end(), item) == chronic.end()) chronic.push_back(item);
  }
  in.chronic = chronic;
  for (const auto& item : chronic) v.chronic += (v.chronic.empty() ? "" : ",") + item;
  if (!in.disability.empty()) {
    bool ok = false;
    for (const auto& kind : DisabilityKinds())
      for (const auto& grade : DisabilityGrades())
        if (in.disability == kind + grade) ok = true;
    if (!ok) c.Add("disability", "残疾应写作类别+等级，如“肢体二级”（类别：" + Joined(DisabilityKinds()) + "；等级：一级至四级）");
  }
  std::optional<Date> joined;
  if (!in.joined_on.empty()) {
    joined = PastDate(c, "joined_on", in.joined_on, "入户日期", today);
    if (joined && birth && *joined < *birth) {
      c.Add("joined_on", "入户日期不能早于出生日期");
      joined.reset();
    }
  }
  if (!in.left_on.empty() || !in.left_reason.empty()) {
    const std::string since = joined ? FormatDate(*joined) : birth ? FormatDate(*birth) : "";
    auto leave = ValidateLeave(in.left_on, in.left_reason, since, today);
    if (!leave.ok()) for (const auto& e : leave.errors()) c.errors.push_back(e);
  }
  if (!c.errors.empty()) return c.errors;
  return v;
}

Status CheckOneHead(const std::vector<MemberRelation>& members, std::string_view field) {
  std::vector<const MemberRelation*> heads;
  bool any_current = false;
  for (const auto& m : members) {
    if (!m.current) continue;
    any_current = true;
    if (m.relation == kHead) heads.push_back(&m);
  }
  if (!any_current) return Ok();
  if (heads.empty()) return Invalid(std::string(field), "每户须有一名户主，请先指定新户主");
  if (heads.size() > 1) return Invalid(std::string(field), "该户已有户主：" + heads.front()->name + "，每户只能有一名户主");
  return Ok();
}

Status ValidateLeave(const std::string& left_on, const std::string& reason, const std::string& since,
                     const Date& today) {
  Collector c;
  if (left_on.empty()) {
    c.Add("left_on", "请填写减员日期");
  } else if (auto d = PastDate(c, "left_on", left_on, "减员日期", today)) {
    if (!since.empty() && FormatDate(*d) < since) c.Add("left_on", "减员日期不能早于入户日期或出生日期");
  }
  if (reason.empty()) c.Add("left_reason", "请选择减员原因");
  else if (!In(LeaveReasons(), reason)) c.Add("left_reason", "减员原因应为以下之一：" + Joined(LeaveReasons()));
  if (!c.errors.empty()) return c.errors;
  return Ok();
}

Status ValidateClose(const std::string& closed_on, const std::string& reason, const std::string& registered_on,
                     const Date& today) {
  Collector c;
  if (closed_on.empty()) {
    c.Add("closed_on", "请填写销户日期");
  } else if (auto d = PastDate(c, "closed_on", closed_on, "销户日期", today)) {
    if (FormatDate(*d) < registered_on) c.Add("closed_on", "销户日期不能早于建档立卡日期");
  }
  if (Trim(reason).empty()) c.Add("reason", "请填写销户原因");
  else if (Utf8Length(reason) > 200) c.Add("reason", "销户原因不能超过 200 个字符");
  if (!c.errors.empty()) return c.errors;
  return Ok();
}

}  // namespace qizhi::health::registry
