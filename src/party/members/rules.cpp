#include "party/members/rules.hpp"

#include <algorithm>
#include <string>

#include "platform/core/text.hpp"
#include "platform/pii/id_number.hpp"

namespace qizhi::party::members {
namespace {

constexpr int kAdultAge = 18;  // 党章 第一条: 年满十八岁

constexpr std::size_t kMaxName = 20;
constexpr std::size_t kMaxEthnicity = 20;
constexpr std::size_t kMaxNativePlace = 50;
constexpr std::size_t kMaxJob = 50;
constexpr std::size_t kMaxHardshipNote = 200;
constexpr std::size_t kMaxFlowTo = 100;
constexpr std::size_t kMaxDepartment = 50;
constexpr std::size_t kMaxDoc = 60;
constexpr std::size_t kMaxLetterNo = 40;

bool Contains(const std::vector<std::string>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

std::string Joined(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) {
    if (!out.empty()) out += "、";
    out += s;
  }
  return out;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Mobile 1[3-9] + 9 digits, or a landline: area code 0xx/0xxx, optional hyphen, 7-8 digits,
// optional extension "-1234".
bool IsPhone(std::string_view p) {
  if (p.size() == 11 && p[0] == '1' && p[1] >= '3' && p[1] <= '9' && AllDigits(p)) return true;
  if (p.empty() || p[0] != '0') return false;
  std::string_view rest = p;
  std::string_view ext;
  const auto first_dash = rest.find('-');
  std::string_view area;
  std::string_view local;
  if (first_dash != std::string_view::npos) {
    area = rest.substr(0, first_dash);
    rest = rest.substr(first_dash + 1);
    const auto second = rest.find('-');
    local = rest.substr(0, second);
    if (second != std::string_view::npos) {
      ext = rest.substr(second + 1);
      if (ext.empty() || ext.size() > 6 || !AllDigits(ext)) return false;
    }
    return (area.size() == 3 || area.size() == 4) && AllDigits(area) &&
           (local.size() == 7 || local.size() == 8) && AllDigits(local);
  }
  // Without a hyphen: 0 + 2-3 digit area + 7-8 digit number = 10 to 12 digits.
  return p.size() >= 10 && p.size() <= 12 && AllDigits(p);
}

struct Checker {
  Errors errors;
  const Date& today;

  void Add(const std::string& field, std::string message) {
    errors.push_back(Invalid(field, std::move(message)));
  }

  // A required YYYY-MM-DD date not after today; nullopt (with an error) otherwise.
  std::optional<Date> PastDate(const std::string& field, const std::string& value,
                               const std::string& label) {
    if (value.empty()) {
      Add(field, "请填写" + label);
      return std::nullopt;
    }
    const auto d = ParseDate(value);
    if (!d) {
      Add(field, label + "应为有效日期，格式 YYYY-MM-DD");
      return std::nullopt;
    }
    if (*d > today) {
      Add(field, label + "不能晚于今天");
      return std::nullopt;
    }
    return d;
  }

  void MaxLength(const std::string& field, const std::string& value, std::size_t max,
                 const std::string& label) {
    if (Utf8Length(value) > max) Add(field, label + "不能超过 " + std::to_string(max) + " 个字");
  }
};

// Latest birth date of someone at least `age` full years old on `on` (AgeOn's 29 February rule
// agrees: AddYears clamps a 29 February `on` to the 28th in a common year).
Date LatestBirthForAge(const Date& on, int age) { return AddYears(on, -age); }

struct Band {
  std::string_view code;
  int min_age;
  int max_age;  // -1: none
};
constexpr Band kBands[] = {{"le30", 0, 30},    {"31to35", 31, 35}, {"36to45", 36, 45},
                           {"46to55", 46, 55}, {"56to60", 56, 60}, {"gt60", 61, -1}};

}  // namespace

Result<ValidMember> ValidateMember(const MemberInput& raw, const Date& today) {
  MemberInput in = raw;
  for (std::string* s : {&in.name, &in.sex, &in.id_number, &in.ethnicity, &in.native_place,
                         &in.education, &in.category, &in.job, &in.phone, &in.status, &in.joined_on,
                         &in.full_on, &in.hardship_note, &in.flow_to, &in.flow_since}) {
    *s = Trim(*s);
  }
  Checker c{{}, today};

  if (in.name.empty()) {
    c.Add("name", "请填写姓名");
  } else {
    c.MaxLength("name", in.name, kMaxName, "姓名");
  }

  const bool sex_known = in.sex == "男" || in.sex == "女";
  if (in.sex.empty()) {
    c.Add("sex", "请选择性别");
  } else if (!sex_known) {
    c.Add("sex", "性别应为男或女");
  }

  std::optional<Date> birth;
  const auto id = platform::pii::ParseIdNumber(in.id_number, "id_number", FormatDate(today));
  if (!id.ok()) {
    for (const auto& e : id.errors()) c.errors.push_back(e);
  } else {
    in.id_number = id.value().normalized;
    birth = ParseDate(id.value().birth_date);
    if (sex_known) {
      const auto sex =
          platform::pii::CheckSexMatches(id.value(), in.sex == "男" ? 'M' : 'F', "sex");
      if (!sex.ok()) c.errors.push_back(sex.error());
    }
  }

  if (in.ethnicity.empty()) {
    c.Add("ethnicity", "请填写民族");
  } else {
    // Rosters often write 汉 for 汉族: store the list's form.
    if (!Contains(Ethnicities(), in.ethnicity) && Contains(Ethnicities(), in.ethnicity + "族")) {
      in.ethnicity += "族";
    }
    c.MaxLength("ethnicity", in.ethnicity, kMaxEthnicity, "民族");
  }
  c.MaxLength("native_place", in.native_place, kMaxNativePlace, "籍贯");

  if (in.education.empty()) {
    c.Add("education", "请选择学历");
  } else if (!Contains(Educations(), in.education)) {
    c.Add("education", "学历应为：" + Joined(Educations()));
  }
  if (in.category.empty()) {
    c.Add("category", "请选择人员类别");
  } else if (!Contains(Categories(), in.category)) {
    c.Add("category", "人员类别应为：" + Joined(Categories()));
  }
  c.MaxLength("job", in.job, kMaxJob, "工作岗位");

  if (!in.phone.empty()) {
    // Digits are often grouped with spaces (138 0000 0000); the stored form has none.
    in.phone.erase(std::remove(in.phone.begin(), in.phone.end(), ' '), in.phone.end());
    if (!IsPhone(in.phone)) c.Add("phone", "联系电话应为 11 位手机号或固定电话（如 023-12345678）");
  }

  const auto joined = c.PastDate("joined_on", in.joined_on, "入党日期");
  if (joined && birth && AgeOn(*birth, *joined) < kAdultAge) {
    c.Add("joined_on", "入党时应年满 18 周岁（出生日期 " + FormatDate(*birth) + "，入党日期 " +
                           FormatDate(*joined) + "）");
  }

  if (in.status.empty()) {
    c.Add("status", "请选择党员类别（预备或正式）");
  } else if (in.status == "预备") {
    if (!in.full_on.empty()) c.Add("full_on", "预备党员不应填写转正日期");
  } else if (in.status == "正式") {
    const auto full = c.PastDate("full_on", in.full_on, "转正日期");
    if (full && joined) {
      // 预备期一年 (党章 第七条), extended by at most one year.
      const Date earliest = AddYears(*joined, 1);
      const Date latest = AddYears(*joined, 2);
      if (*full < earliest) {
        c.Add("full_on", "转正日期应在入党满一年之后（最早 " + FormatDate(earliest) + "）");
      } else if (*full > latest) {
        c.Add("full_on", "预备期最长延长一年，转正日期不能晚于 " + FormatDate(latest));
      }
    }
  } else {
    c.Add("status", "党员类别应为预备或正式");
  }

  c.MaxLength("hardship_note", in.hardship_note, kMaxHardshipNote, "困难情况说明");
  if (in.flowing) {
    if (in.flow_to.empty()) {
      c.Add("flow_to", "流动党员请填写外出流向");
    } else {
      c.MaxLength("flow_to", in.flow_to, kMaxFlowTo, "外出流向");
    }
    c.PastDate("flow_since", in.flow_since, "外出日期");
  } else if (!in.flow_since.empty() && !ParseDate(in.flow_since)) {
    c.Add("flow_since", "外出日期应为有效日期，格式 YYYY-MM-DD");
  }

  if (!c.errors.empty()) return c.errors;
  ValidMember out;
  out.birth_date = FormatDate(*birth);
  out.input = std::move(in);
  return out;
}

const std::vector<std::string>& Educations() {
  static const std::vector<std::string> kList = {"研究生",   "大学本科", "大学专科",
                                                 "中等专科", "高中",     "初中及以下"};
  return kList;
}

const std::vector<std::string>& Categories() {
  static const std::vector<std::string> kList = {"在岗职工", "离退休人员", "劳务派遣人员", "学生",
                                                 "其他"};
  return kList;
}

const std::vector<std::string>& Ethnicities() {
  // The order of GB/T 3304 (民族代码) 01-56.
  static const std::vector<std::string> kList = {
      "汉族",       "蒙古族",   "回族",     "藏族",   "维吾尔族", "苗族",     "彝族",
      "壮族",       "布依族",   "朝鲜族",   "满族",   "侗族",     "瑶族",     "白族",
      "土家族",     "哈尼族",   "哈萨克族", "傣族",   "黎族",     "傈僳族",   "佤族",
      "畲族",       "高山族",   "拉祜族",   "水族",   "东乡族",   "纳西族",   "景颇族",
      "柯尔克孜族", "土族",     "达斡尔族", "仫佬族", "羌族",     "布朗族",   "撒拉族",
      "毛南族",     "仡佬族",   "锡伯族",   "阿昌族", "普米族",   "塔吉克族", "怒族",
      "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族",   "裕固族",   "京族",
      "塔塔尔族",   "独龙族",   "鄂伦春族", "赫哲族", "门巴族",   "珞巴族",   "基诺族"};
  return kList;
}

std::string AgeBand(int age) {
  for (const Band& b : kBands) {
    if (b.max_age < 0 || age <= b.max_age) return std::string(b.code);
  }
  return "gt60";
}

const std::vector<std::pair<std::string, std::string>>& AgeBands() {
  static const std::vector<std::pair<std::string, std::string>> kList = {
      {"le30", "30岁及以下"}, {"31to35", "31-35岁"}, {"36to45", "36-45岁"},
      {"46to55", "46-55岁"},  {"56to60", "56-60岁"}, {"gt60", "61岁及以上"}};
  return kList;
}

std::optional<std::pair<Date, Date>> BirthDateRange(std::string_view band, const Date& on) {
  for (const Band& b : kBands) {
    if (b.code != band) continue;
    const Date latest = LatestBirthForAge(on, b.min_age);
    const Date earliest =
        b.max_age < 0 ? Date{1, 1, 1} : AddDays(LatestBirthForAge(on, b.max_age + 1), 1);
    return std::pair{earliest, latest};
  }
  return std::nullopt;
}

const std::vector<std::string>& PartyPosts() {
  static const std::vector<std::string> kList = {"书记",     "副书记",     "组织委员",
                                                 "宣传委员", "纪检委员",   "青年委员",
                                                 "统战委员", "党小组组长", "委员"};
  return kList;
}

const std::vector<std::string>& HospitalPosts() {
  static const std::vector<std::string> kList = {"院长",       "副院长",         "科主任",
                                                 "副主任",     "护士长",         "副护士长",
                                                 "科室负责人", "职能部门负责人", "其他"};
  return kList;
}

bool IsMiddleManagerPost(std::string_view hospital_post) {
  // 中层干部: heads of clinical and functional departments and their deputies; 院长/副院长 are
  // appointed by the superior authority, not by the hospital's 双任免.
  for (std::string_view p :
       {"科主任", "副主任", "护士长", "副护士长", "科室负责人", "职能部门负责人"}) {
    if (hospital_post == p) return true;
  }
  return false;
}

Status ValidatePost(const PostInput& raw, const Date& today) {
  const std::string kind = Trim(raw.kind);
  const std::string title = Trim(raw.title);
  const std::string department = Trim(raw.department);
  Checker c{{}, today};
  if (kind == "party") {
    if (!Contains(PartyPosts(), title)) c.Add("title", "党内职务应为：" + Joined(PartyPosts()));
  } else if (kind == "hospital") {
    if (!Contains(HospitalPosts(), title))
      c.Add("title", "行政职务应为：" + Joined(HospitalPosts()));
    if (department.empty()) c.Add("department", "请填写科室");
  } else {
    c.Add("kind", "职务类别应为 party（党内职务）或 hospital（行政职务）");
  }
  c.MaxLength("department", department, kMaxDepartment, "科室");
  c.PastDate("started_on", Trim(raw.started_on), "任职日期");
  c.MaxLength("appoint_doc", Trim(raw.appoint_doc), kMaxDoc, "任职文号");
  if (!c.errors.empty()) return c.errors;
  return Ok();
}

Status ValidateDualAppointment(const DualAppointment& raw, const Date& today) {
  const std::string hospital = Trim(raw.hospital_title);
  const std::string party = Trim(raw.party_title);
  const std::string department = Trim(raw.department);
  Checker c{{}, today};
  if (!IsMiddleManagerPost(hospital)) {
    c.Add("hospital_title",
          "双任免的行政职务应为中层职务：科主任、副主任、护士长、副护士长、科室负责人、职能部门负责"
          "人");
  }
  if (!Contains(PartyPosts(), party))
    c.Add("party_title", "党内职务应为：" + Joined(PartyPosts()));
  if (department.empty()) {
    c.Add("department", "请填写科室");
  } else {
    c.MaxLength("department", department, kMaxDepartment, "科室");
  }
  c.PastDate("started_on", Trim(raw.started_on), "任职日期");
  c.MaxLength("appoint_doc", Trim(raw.appoint_doc), kMaxDoc, "任职文号");
  if (!c.errors.empty()) return c.errors;
  return Ok();
}

Result<std::vector<long long>> PostsToEnd(const std::vector<HeldPost>& held,
                                          std::optional<long long> post_id,
                                          std::optional<std::string> dual_id,
                                          const std::string& ended_on, const Date& today) {
  std::vector<const HeldPost*> targets;
  if (post_id) {
    const auto it =
        std::find_if(held.begin(), held.end(), [&](const HeldPost& p) { return p.id == *post_id; });
    if (it == held.end()) return Error{ErrorCode::kNotFound, "职务不存在", "id"};
    if (it->dual_id) {
      return Invalid("id", "双任免职务须同时免去行政职务和党内职务，请通过双任免免职");
    }
    if (it->ended_on)
      return Error{ErrorCode::kConflict, "该职务已于 " + *it->ended_on + " 免去", "id"};
    targets.push_back(&*it);
  } else if (dual_id) {
    bool found = false;
    for (const auto& p : held) {
      if (p.dual_id != dual_id) continue;
      found = true;
      // A pair is always ended together; should one half somehow be ended already, the other
      // still ends, rather than being stuck for ever.
      if (!p.ended_on) targets.push_back(&p);
    }
    if (!found) return Error{ErrorCode::kNotFound, "双任免记录不存在", "dual_id"};
    if (targets.empty()) return Error{ErrorCode::kConflict, "该双任免职务已免去", "dual_id"};
  } else {
    return Invalid("id", "请指定要免去的职务");
  }

  Checker c{{}, today};
  const auto end = c.PastDate("ended_on", Trim(ended_on), "免职日期");
  if (end) {
    for (const HeldPost* p : targets) {
      const auto start = ParseDate(p->started_on);
      if (start && *end < *start) {
        c.Add("ended_on", "免职日期不能早于任职日期 " + p->started_on);
        break;
      }
    }
  }
  if (!c.errors.empty()) return c.errors;
  std::vector<long long> ids;
  for (const HeldPost* p : targets) ids.push_back(p->id);
  return ids;
}

const std::vector<std::string>& LeaveKinds() {
  static const std::vector<std::string> kList = {"死亡", "出党", "退党", "停止党籍", "其他"};
  return kList;
}

Status ValidateTransferLetter(const std::string& letter_no, const std::string& issued_on,
                              const std::string& effective_on, const Date& today) {
  Checker c{{}, today};
  const std::string letter = Trim(letter_no);
  if (letter.empty()) {
    c.Add("letter_no", "请填写介绍信编号");
  } else {
    c.MaxLength("letter_no", letter, kMaxLetterNo, "介绍信编号");
  }
  const auto issued = c.PastDate("issued_on", Trim(issued_on), "介绍信开具日期");
  const auto effective = c.PastDate("effective_on", Trim(effective_on), "转接生效日期");
  if (issued && effective && *effective < *issued)
    c.Add("effective_on", "转接生效日期不能早于介绍信开具日期");
  if (!c.errors.empty()) return c.errors;
  return Ok();
}

}  // namespace qizhi::party::members
