#include "app/demo_roster.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string_view>
#include <unordered_set>

#include "platform/core/date.hpp"
#include "platform/pii/id_number.hpp"

namespace qizhi::app {
namespace {

using party::members::MemberInput;

// ---------------------------------------------------------------------------------------------
// Randomness. std::mt19937's sequence is fixed by the standard; the distributions of the
// standard library are not, so the reduction to a range is ours.
class Rng {
 public:
  explicit Rng(uint32_t seed) : g_(seed) {}
  // 0 <= r < n (0 when n == 0). The modulo bias is irrelevant for demo data.
  uint32_t Below(std::size_t n) { return n == 0 ? 0 : static_cast<uint32_t>(g_() % static_cast<uint32_t>(n)); }
  int Range(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<std::size_t>(hi - lo + 1))); }
  bool Percent(int p) { return static_cast<int>(Below(100)) < p; }
  template <class T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(v.size())];
  }

 private:
  std::mt19937 g_;
};

// ---------------------------------------------------------------------------------------------
// Word lists.
std::vector<std::string> Chars(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

const std::vector<std::string>& Surnames() {
  static const std::vector<std::string> v = Chars(
      "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
      "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤");
  return v;
}

struct NamePool {
  std::vector<std::string> single;  // one-character given names
  std::vector<std::string> first;   // first character of two-character given names
  std::vector<std::string> second;  // second character
};

// Given names by sex and generation: people carry the names of their time.
const NamePool& Pool(bool male, int birth_year) {
  static const NamePool kMaleOlder{Chars("伟强军勇斌明刚平华林涛兵波忠建峰辉彬亮成"),
                                   Chars("建国志永德文明小晓红光家学世长"),
                                   Chars("国华军平明强林东伟民兵勇辉忠福荣刚成祥生")};
  static const NamePool kMaleMiddle{Chars("伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊"),
                                    Chars("建志永晓小海俊文家明宏春"), Chars("伟强军明华杰峰涛斌勇林波鹏飞刚辉亮龙")};
  static const NamePool kMaleYounger{Chars("杰磊浩鹏宇超凯鑫帆洋旭阳博航昊然晨翔锐森"),
                                     Chars("子俊浩宇思文天家嘉一明志晓泽梓"),
                                     Chars("轩豪宇杰涛然阳航辰博睿哲铭源川林强伟峰鹏")};
  static const NamePool kFemaleOlder{Chars("芳敏静丽艳娟霞燕萍红梅琴英兰玲华蓉莉秀琼"),
                                     Chars("秀丽春玉桂小晓红淑美海素月文华"),
                                     Chars("英芳兰华珍梅琴霞萍蓉红凤娟莲平琼敏丽燕群")};
  static const NamePool kFemaleMiddle{Chars("芳娜敏静丽艳娟霞燕玲萍婷倩雪颖琳洁莉"), Chars("晓小丽雪玉海春秀佳静慧红"),
                                      Chars("丽娟燕玲萍婷梅琳颖倩雪霞艳芳敏静莉蓉")};
  static const NamePool kFemaleYounger{Chars("婷倩颖雪琳洁佳欣悦怡璐露薇妍晶丹岚莹雯茜"),
                                       Chars("雨欣思佳梦诗雅婉晓小紫子静海美"),
                                       Chars("涵琪萱怡婷瑶雪颖洁妍彤菲莹琳悦璐蕾倩欣娜")};
  if (birth_year < 1975) return male ? kMaleOlder : kFemaleOlder;
  if (birth_year < 1992) return male ? kMaleMiddle : kFemaleMiddle;
  return male ? kMaleYounger : kFemaleYounger;
}

struct Region {
  const char* code;
  const char* name;
};
// GB/T 2260 codes of Chongqing's districts.
constexpr Region kRegions[] = {
    {"500101", "万州区"},   {"500102", "涪陵区"},   {"500103", "渝中区"}, {"500104", "大渡口区"}, {"500105", "江北区"},
    {"500106", "沙坪坝区"}, {"500107", "九龙坡区"}, {"500108", "南岸区"}, {"500109", "北碚区"},   {"500110", "綦江区"},
    {"500111", "大足区"},   {"500112", "渝北区"},   {"500113", "巴南区"}, {"500114", "黔江区"},   {"500115", "长寿区"},
    {"500116", "江津区"},   {"500117", "合川区"},   {"500118", "永川区"}, {"500119", "南川区"},   {"500120", "璧山区"},
    {"500151", "铜梁区"},   {"500152", "潼南区"},   {"500153", "荣昌区"}, {"500154", "开州区"},   {"500155", "梁平区"},
    {"500156", "武隆区"},
};

std::string RegionName(const std::string& code) {
  for (const auto& r : kRegions)
    if (code == r.code) return r.name;
  return "";
}

// Users of app/demo.cpp: nobody else may bear their names, so a demo login finds one person.
const std::vector<std::string>& ReservedNames() {
  static const std::vector<std::string> v = {"刘晓燕", "陈建国", "王丽娟", "周永红", "李明华",
                                             "张志强", "黄伟",   "杨静",   "吴海涛"};
  return v;
}
const std::vector<std::string>& ReservedPhones() {
  static const std::vector<std::string> v = {"13896012345", "13983214567", "15923456789", "18725031234", "13608345678",
                                             "13512349876", "17783456123", "15823671234", "13330256789"};
  return v;
}

// ---------------------------------------------------------------------------------------------
// Roles: what someone does in the hospital, which decides title, age, sex and education.
enum class Role {
  kDoctor,
  kNurse,
  kTech,
  kPharmacist,
  kAdmin,
  kAccountant,
  kEngineer,
  kWorker,
  kPublicHealth,
  kRetired
};

struct RoleInfo {
  int min_age;
  int max_age;
  int male_percent;
  std::vector<std::string> titles;  // the professional ladder, lowest first
  std::vector<int> thresholds;      // age from which titles[i + 1] is usual
};

const RoleInfo& Info(Role r) {
  static const RoleInfo kInfo[] = {
      {27, 59, 58, {"住院医师", "主治医师", "副主任医师", "主任医师"}, {31, 39, 47}},
      {23, 54, 5, {"护士", "护师", "主管护师", "副主任护师", "主任护师"}, {27, 33, 45, 52}},
      {24, 58, 50, {"技士", "技师", "主管技师", "副主任技师", "主任技师"}, {27, 33, 45, 53}},
      {24, 58, 40, {"药士", "药师", "主管药师", "副主任药师", "主任药师"}, {27, 33, 45, 53}},
      {25, 58, 50, {"行政人员"}, {}},
      {26, 57, 30, {"助理会计师", "会计师", "高级会计师"}, {30, 42}},
      {26, 58, 80, {"助理工程师", "工程师", "高级工程师"}, {30, 42}},
      {30, 59, 70, {"技术工人"}, {}},
      {25, 56, 50, {"公共卫生医师"}, {}},
      {60, 85, 50, {"退休职工"}, {}},
  };
  return kInfo[static_cast<int>(r)];
}

// ---------------------------------------------------------------------------------------------
// The specification of a hospital.
enum class BType {
  kClinical,        // doctors and nurses of one department
  kHealthCheck,     // 健康管理中心
  kMedTech,         // 检验, 影像, 病理, 超声 …
  kPharmacy,        // 药剂科
  kNursing,         // 护理部
  kAdmin,           // 党政办公室, 医务部 …
  kFinance,         // 财务科
  kInfo,            // 信息科
  kLogistics,       // 后勤
  kAdminLogistics,  // one branch for the whole 行政后勤
  kTechMix,         // one branch for the whole 医技 (检验, 影像, 药剂)
  kTownship,        // a 医共体 member hospital (卫生院)
  kRetired,         // 离退休
};

// Deliberate departures from the rules, so the org warnings have something to show.
enum class Special { kNone, kTermEnding, kTermExpired, kNoSecretary, kTwoFull };

struct Forced {
  std::string name;  // "" → generated
  bool male = true;
  int age = 40;
  Role role = Role::kAdmin;
  std::string job;             // "" → from role and age
  std::string education;       // "" → from role and age
  std::string phone;           // "" → generated
  bool head = false;           // takes the branch's first hospital post (heads[0])
  bool secretary = false;      // the branch 书记
  bool no_posts = false;       // an ordinary member: never picked for any post
  std::string root_title;      // post in the 党委 ("" none)
  std::string hospital_title;  // 院长 | 副院长 ("" none), department 院领导
};

struct Head {
  std::string title;  // 科主任, 护士长, 职能部门负责人
  std::string department;
  std::vector<Role> roles;  // who may hold it; empty: anyone
};

struct BranchSpec {
  std::string name;
  int general = -1;  // index into HospitalSpec::generals; -1: directly under the 党委
  std::string department;
  std::string alliance;
  BType type = BType::kClinical;
  int size = 0;
  Special special = Special::kNone;
  std::vector<std::string> groups;
  std::optional<bool> dual;  // 书记 also 科主任 by 双任免; unset: every other clinical branch
  std::vector<Head> heads;   // empty: the default for the type and department
  std::vector<Forced> forced;
};

struct HospitalSpec {
  std::string tenant_name;
  std::string root_name;
  std::string doc_prefix;  // 任职文号 prefix, e.g. "大足人医党"
  std::string key_prefix;  // dual_key prefix
  char id_digit = '1';     // first digit of the ID numbers' 顺序码
  uint32_t seed = 1;
  std::string home_region;
  std::vector<std::string> near_regions;
  std::vector<std::string> generals;
  std::vector<BranchSpec> branches;
  int root_committee_size = 7;
  int flowing = 3;
  int hardship = 3;
  int extended = 2;
  int excellent_members = 10;  // 优秀共产党员 on the latest 七一
  int excellent_workers = 2;   // 优秀党务工作者 on the latest 七一
  int previous_members = 0;    // the same, one year earlier
  int previous_workers = 0;
  bool unique_names = true;
};

std::vector<std::pair<Role, int>> Mix(BType t) {
  using R = Role;
  switch (t) {
    case BType::kClinical:
      return {{R::kDoctor, 45}, {R::kNurse, 55}};
    case BType::kHealthCheck:
      return {{R::kDoctor, 40}, {R::kNurse, 45}, {R::kTech, 15}};
    case BType::kMedTech:
      return {{R::kTech, 65}, {R::kDoctor, 25}, {R::kNurse, 10}};
    case BType::kPharmacy:
      return {{R::kPharmacist, 90}, {R::kAdmin, 10}};
    case BType::kNursing:
      return {{R::kNurse, 100}};
    case BType::kAdmin:
      return {{R::kAdmin, 70}, {R::kAccountant, 10}, {R::kDoctor, 10}, {R::kNurse, 10}};
    case BType::kFinance:
      return {{R::kAccountant, 65}, {R::kAdmin, 35}};
    case BType::kInfo:
      return {{R::kEngineer, 85}, {R::kAdmin, 15}};
    case BType::kLogistics:
      return {{R::kWorker, 45}, {R::kEngineer, 30}, {R::kAdmin, 25}};
    case BType::kAdminLogistics:
      return {{R::kAdmin, 40},  {R::kAccountant, 12}, {R::kEngineer, 15},
              {R::kWorker, 18}, {R::kDoctor, 10},     {R::kNurse, 5}};
    case BType::kTechMix:
      return {{R::kTech, 50}, {R::kPharmacist, 25}, {R::kDoctor, 20}, {R::kNurse, 5}};
    case BType::kTownship:
      return {{R::kDoctor, 40}, {R::kNurse, 35}, {R::kPublicHealth, 15}, {R::kTech, 10}};
    case BType::kRetired:
      return {{R::kRetired, 100}};
  }
  return {{R::kAdmin, 100}};
}

// Senior people every branch of the type has (the future 科主任 and 护士长).
std::vector<Role> Seniors(BType t) {
  using R = Role;
  switch (t) {
    case BType::kClinical:
    case BType::kHealthCheck:
    case BType::kTownship:
      return {R::kDoctor, R::kNurse};
    case BType::kMedTech:
      return {R::kDoctor, R::kTech};
    case BType::kPharmacy:
      return {R::kPharmacist};
    case BType::kNursing:
      return {R::kNurse, R::kNurse};
    case BType::kAdmin:
      return {R::kAdmin};
    case BType::kFinance:
      return {R::kAccountant};
    case BType::kInfo:
      return {R::kEngineer};
    case BType::kLogistics:
      return {R::kEngineer};
    case BType::kAdminLogistics:
      return {R::kAdmin, R::kAccountant, R::kEngineer};
    case BType::kTechMix:
      return {R::kTech, R::kDoctor, R::kPharmacist};
    case BType::kRetired:
      return {};
  }
  return {};
}

std::vector<Head> DefaultHeads(BType t, const std::string& dept) {
  using R = Role;
  if (dept.empty()) return {};
  switch (t) {
    case BType::kClinical:
    case BType::kHealthCheck:
      return {{"科主任", dept, {R::kDoctor}}, {"护士长", dept, {R::kNurse}}};
    case BType::kMedTech:
      return {{"科主任", dept, {R::kDoctor, R::kTech}}};
    case BType::kPharmacy:
      return {{"科主任", dept, {R::kPharmacist}}};
    case BType::kNursing:
      return {{"职能部门负责人", dept, {R::kNurse}}};
    case BType::kAdmin:
      return {{"职能部门负责人", dept, {R::kAdmin, R::kDoctor}}};
    case BType::kFinance:
      return {{"职能部门负责人", dept, {R::kAccountant}}};
    case BType::kInfo:
      return {{"职能部门负责人", dept, {R::kEngineer}}};
    case BType::kLogistics:
      return {{"职能部门负责人", dept, {R::kEngineer, R::kWorker, R::kAdmin}}};
    default:
      return {};
  }
}

bool ClinicalType(BType t) {
  return t == BType::kClinical || t == BType::kHealthCheck || t == BType::kMedTech || t == BType::kPharmacy ||
         t == BType::kTechMix;
}

// ---------------------------------------------------------------------------------------------
// The builder: units, then members branch by branch, then posts, flags and rewards.

struct Gen {        // what the post pickers need to know about a member
  int branch = -1;  // index into spec.branches
  Role role = Role::kAdmin;
  int age = 0;
  int rank = 0;  // position on the professional ladder (seniority)
  bool prob = false;
  bool forced = false;
  int forced_index = -1;
  bool no_posts = false;
  bool leader = false;  // holds a post in the 党委
  bool township = false;
  Date birth;
  Date joined;
  std::optional<Date> full;
  bool hospital_post = false;
  bool secretary = false;  // holds a 书记 post somewhere
  bool flagged = false;    // picked as 困难 or 流动
};

class Builder {
 public:
  Builder(HospitalSpec spec, const Date& today) : s_(std::move(spec)), today_(today), rng_(s_.seed) {}

  DemoOrg Build() {
    org_.tenant_name = s_.tenant_name;
    for (const auto& n : ReservedNames()) names_.insert(n);
    for (const auto& p : ReservedPhones()) phones_.insert(p);
    BuildUnits();
    PlanProbationary();
    for (int b : order_) GenerateBranch(b);
    ExtendSome();
    int clinical = 0;
    for (int b : order_) {
      const auto& bs = s_.branches[b];
      bool dual = false;
      if (bs.dual) {
        dual = *bs.dual;
      } else if (ClinicalType(bs.type) && bs.special != Special::kNoSecretary && bs.special != Special::kTwoFull) {
        dual = clinical++ % 2 == 0;
      }
      BranchPosts(b, dual);
    }
    for (int g = 0; g < static_cast<int>(s_.generals.size()); ++g) GeneralPosts(g);
    RootPosts();
    Flags();
    Rewards();
    return std::move(org_);
  }

 private:
  // ---- units ----
  int AddUnit(int parent, const std::string& name, const std::string& kind, const std::string& dept = "",
              const std::string& alliance = "") {
    const int index = static_cast<int>(org_.units.size());
    org_.units.push_back(DemoUnit{index, parent, name, kind, dept, alliance, std::nullopt});
    return index;
  }

  void AddBranchUnit(int b, int parent) {
    const auto& bs = s_.branches[b];
    branch_unit_[b] = AddUnit(parent, bs.name, "branch", bs.department, bs.alliance);
    for (const auto& g : bs.groups) group_units_[b].push_back(AddUnit(branch_unit_[b], g, "group"));
    order_.push_back(b);
  }

  void BuildUnits() {
    const int nb = static_cast<int>(s_.branches.size());
    branch_unit_.assign(nb, -1);
    group_units_.assign(nb, {});
    branch_members_.assign(nb, {});
    branch_secretary_.assign(nb, -1);
    prob_quota_.assign(nb, 0);
    AddUnit(-1, s_.root_name, "committee");
    for (int g = 0; g < static_cast<int>(s_.generals.size()); ++g) {
      general_unit_.push_back(AddUnit(0, s_.generals[g], "general_branch"));
      general_secretary_.push_back(-1);
      for (int b = 0; b < nb; ++b)
        if (s_.branches[b].general == g) AddBranchUnit(b, general_unit_[g]);
    }
    for (int b = 0; b < nb; ++b)
      if (s_.branches[b].general < 0 || s_.branches[b].general >= static_cast<int>(s_.generals.size()))
        AddBranchUnit(b, 0);
  }

  // About 5% 预备党员, spread over the larger working branches so that none of them drops below
  // 8 正式党员 (a 支委会 stays required and present); the branch with 2 正式 has one more, 预备.
  void PlanProbationary() {
    int total = 0;
    for (const auto& bs : s_.branches) total += bs.size;
    int target = (total * 5 + 50) / 100;
    std::vector<int> eligible;
    long long eligible_size = 0;
    for (int b : order_) {
      const auto& bs = s_.branches[b];
      if (bs.special == Special::kTwoFull) {
        prob_quota_[b] = std::max(0, bs.size - 2);
        target -= prob_quota_[b];
      } else if (bs.type != BType::kRetired && bs.size >= 10) {
        eligible.push_back(b);
        eligible_size += bs.size;
      }
    }
    if (target <= 0 || eligible_size == 0) return;
    long long cumulative = 0;
    for (int b : eligible) {
      const auto& bs = s_.branches[b];
      const long long before = target * cumulative / eligible_size;
      cumulative += bs.size;
      const long long after = target * cumulative / eligible_size;
      const int forced = static_cast<int>(bs.forced.size());
      const int cap = std::min({bs.size / 5, bs.size - 8, bs.size - forced - 2});
      prob_quota_[b] = std::max(0, std::min(static_cast<int>(after - before), cap));
    }
  }

  // ---- people ----
  Date BirthForAge(int age) {
    const Date from = AddDays(AddYears(today_, -(age + 1)), 1);
    const int span = DaysBetween(from, AddYears(today_, -age));  // 365 or 366
    return AddDays(from, rng_.Range(0, span - 1));
  }

  static Date NoLateDay(Date d) {
    if (d.day > 28) d.day = 28;  // keeps "one year later" free of month-end clamping
    return d;
  }

  std::string IdNumber(const std::string& region, Date& birth, bool male) {
    for (int attempt = 0;; ++attempt) {
      if (attempt > 0 && attempt % 60 == 0) birth = AddDays(birth, -1);  // that day's numbers are used up
      const std::string date = FormatDate(birth);
      std::string first17 = region + date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
      first17 += s_.id_digit;
      first17 += static_cast<char>('0' + rng_.Below(10));
      first17 += static_cast<char>('0' + rng_.Below(5) * 2 + (male ? 1 : 0));
      const std::string id = first17 + platform::pii::IdNumberCheckCharacter(first17);
      if (ids_.insert(id).second) return id;
    }
  }

  std::string Name(bool male, int birth_year) {
    const auto& surnames = Surnames();
    const NamePool& pool = Pool(male, birth_year);
    std::string name;
    for (int attempt = 0; attempt < 60; ++attempt) {
      // min of two draws: the common surnames (listed first) come up more often.
      const auto i = std::min(rng_.Below(surnames.size()), rng_.Below(surnames.size()));
      name = surnames[i];
      if (rng_.Percent(30)) {
        name += rng_.Pick(pool.single);
      } else {
        name += rng_.Pick(pool.first);
        name += rng_.Pick(pool.second);
      }
      const bool reserved = std::find(ReservedNames().begin(), ReservedNames().end(), name) != ReservedNames().end();
      if (reserved) continue;
      if (!s_.unique_names || names_.insert(name).second) return name;
    }
    return name;
  }

  std::string Phone() {
    static const std::vector<std::string> kPrefixes = {
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "157", "158", "159",
        "166", "173", "177", "178", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199"};
    for (;;) {
      std::string phone = rng_.Pick(kPrefixes);
      for (int i = 0; i < 8; ++i) phone += static_cast<char>('0' + rng_.Below(10));
      if (phones_.insert(phone).second) return phone;
    }
  }

  int TitleIndex(Role role, int age, bool township) {
    const RoleInfo& info = Info(role);
    const int effective = age + rng_.Range(-3, 3);
    int index = 0;
    for (int t : info.thresholds)
      if (effective >= t) ++index;
    if (township && role == Role::kDoctor) index = std::min(index, 2);  // 卫生院: up to 副主任医师
    return index;
  }

  std::string Education(Role role, int age, bool township) {
    const int r = rng_.Range(0, 99);
    auto by = [&](int grad, int bachelor, int college, int secondary) -> std::string {
      if (r < grad) return "研究生";
      if (r < grad + bachelor) return "大学本科";
      if (r < grad + bachelor + college) return "大学专科";
      if (r < grad + bachelor + college + secondary) return "中等专科";
      return "高中";
    };
    switch (role) {
      case Role::kDoctor:
        if (township) return age > 50 ? by(0, 30, 45, 25) : by(3, 50, 37, 10);
        if (age < 45) return by(45, 55, 0, 0);
        if (age <= 55) return by(20, 70, 10, 0);
        return by(10, 60, 30, 0);
      case Role::kNurse:
        if (township) return by(0, 25, 55, 20);
        if (age < 35) return by(0, 65, 35, 0);
        if (age <= 45) return by(0, 45, 50, 5);
        return by(0, 25, 50, 25);
      case Role::kTech:
      case Role::kPharmacist:
        return age < 45 ? by(12, 63, 25, 0) : by(3, 52, 35, 10);
      case Role::kAdmin:
      case Role::kAccountant:
      case Role::kEngineer:
        return by(15, 65, 20, 0);
      case Role::kWorker:
        return by(0, 0, 40, 30);
      case Role::kPublicHealth:
        return by(0, 40, 50, 10);
      case Role::kRetired:
        return age > 75 ? by(0, 10, 25, 40) : by(0, 25, 30, 35);
    }
    return "大学本科";
  }

  std::string RetiredJob(bool male) {
    static const std::vector<std::string> kMale = {"退休（原主任医师）", "退休（原副主任医师）", "退休（原主管技师）",
                                                   "退休（原工程师）",   "退休（原行政人员）",   "退休职工"};
    static const std::vector<std::string> kFemale = {"退休（原主任护师）", "退休（原主管护师）", "退休（原副主任医师）",
                                                     "退休（原主管药师）", "退休（原会计师）",   "退休职工"};
    return rng_.Pick(male ? kMale : kFemale);
  }

  Role PickRole(BType t) {
    const auto mix = Mix(t);
    int r = rng_.Range(0, 99);
    for (const auto& [role, weight] : mix) {
      if (r < weight) return role;
      r -= weight;
    }
    return mix.back().first;
  }

  // Joined at about 20-35 and at least a year ago (18 months for an extended 预备期).
  Date JoinedFull(const Date& birth, bool extended) {
    const Date lo = AddYears(birth, 20);
    const Date latest = AddDays(extended ? AddMonths(today_, -18) : AddYears(today_, -1), -30);
    const Date hi = std::min(AddYears(birth, 35), latest);
    const int span = std::max(0, DaysBetween(lo, hi));
    return NoLateDay(AddDays(lo, (rng_.Range(0, span) + rng_.Range(0, span)) / 2));
  }

  int MakeMember(int b, int position, bool prob) {
    const auto& bs = s_.branches[b];
    const int nforced = static_cast<int>(bs.forced.size());
    const Forced* forced = position < nforced ? &bs.forced[position] : nullptr;
    const std::vector<Role> seniors = Seniors(bs.type);
    const int senior_slot = position - nforced;
    const bool senior = !forced && senior_slot >= 0 && senior_slot < static_cast<int>(seniors.size());
    const bool township = bs.type == BType::kTownship;

    Gen g;
    g.branch = b;
    g.prob = prob;
    g.township = township;
    g.forced = forced != nullptr;
    g.forced_index = forced ? position : -1;
    g.no_posts = forced && forced->no_posts;
    g.leader = forced && !forced->root_title.empty();
    g.role = forced ? forced->role : senior ? seniors[senior_slot] : PickRole(bs.type);
    const RoleInfo& info = Info(g.role);
    const bool male = forced ? forced->male : rng_.Percent(info.male_percent);
    if (forced) {
      g.age = forced->age;
    } else if (prob) {
      g.age = rng_.Range(24, 36);
    } else if (senior) {
      g.age = g.role == Role::kDoctor  ? rng_.Range(46, 57)
              : g.role == Role::kNurse ? rng_.Range(40, 52)
                                       : rng_.Range(42, 56);
    } else if (g.role == Role::kRetired) {
      g.age = 60 + (rng_.Range(0, 25) + rng_.Range(0, 25)) / 2;
    } else {
      g.age =
          info.min_age + (rng_.Range(0, info.max_age - info.min_age) + rng_.Range(0, info.max_age - info.min_age)) / 2;
    }
    g.age = std::clamp(g.age, 23, 85);
    g.birth = BirthForAge(g.age);

    MemberInput in;
    in.sex = male ? "男" : "女";
    const int e = rng_.Range(0, 99);
    in.ethnicity = e < 92 ? "汉族" : e < 97 ? "土家族" : e < 99 ? "苗族" : "回族";
    std::string region;
    if (in.ethnicity == "土家族" || in.ethnicity == "苗族") {
      static const std::vector<std::string> kMinorityRegions = {"500114", "500114", "500156", "500101", "500102"};
      region = rng_.Pick(kMinorityRegions);
    } else {
      region = rng_.Percent(55) || s_.near_regions.empty() ? s_.home_region : rng_.Pick(s_.near_regions);
    }
    in.id_number = IdNumber(region, g.birth, male);  // may move the birth a day back on a clash
    in.name = forced && !forced->name.empty() ? forced->name : Name(male, g.birth.year);
    in.native_place = "重庆市" + RegionName(region);
    in.education = forced && !forced->education.empty() ? forced->education : Education(g.role, g.age, township);
    in.category = g.role == Role::kRetired                      ? "离退休人员"
                  : g.role == Role::kWorker && rng_.Percent(15) ? "劳务派遣人员"
                                                                : "在岗职工";
    const int title = TitleIndex(g.role, g.age, township);
    g.rank = forced && !forced->root_title.empty() ? 4 : title;
    if (forced && !forced->job.empty()) {
      in.job = forced->job;
    } else if (g.role == Role::kRetired) {
      in.job = RetiredJob(male);
    } else {
      in.job = info.titles[static_cast<std::size_t>(std::min<int>(title, static_cast<int>(info.titles.size()) - 1))];
    }
    if (info.titles.size() == 1) g.rank = g.age >= 50 ? 3 : g.age >= 40 ? 2 : 1;
    if (forced) g.rank = std::max(g.rank, 3);
    if (forced && !forced->phone.empty()) {
      in.phone = forced->phone;
      phones_.insert(in.phone);
    } else {
      in.phone = Phone();
    }
    if (prob) {
      in.status = "预备";
      g.joined = NoLateDay(AddDays(today_, -rng_.Range(20, 340)));
      in.joined_on = FormatDate(g.joined);
    } else {
      in.status = "正式";
      g.joined = JoinedFull(g.birth, false);
      g.full = AddYears(g.joined, 1);
      in.joined_on = FormatDate(g.joined);
      in.full_on = FormatDate(*g.full);
    }

    int unit = branch_unit_[b];
    if (!group_units_[b].empty()) {
      const auto& groups = group_units_[b];
      unit = forced ? groups[0] : groups[static_cast<std::size_t>(senior_slot) % groups.size()];
    }
    const int index = static_cast<int>(org_.members.size());
    org_.members.push_back(DemoMember{unit, std::move(in), {}, {}});
    gen_.push_back(g);
    branch_members_[b].push_back(index);
    return index;
  }

  void GenerateBranch(int b) {
    const auto& bs = s_.branches[b];
    const int nforced = static_cast<int>(bs.forced.size());
    const int first_random = nforced + static_cast<int>(Seniors(bs.type).size());
    std::set<int> prob_positions;
    const int quota = prob_quota_[b];
    if (bs.special == Special::kTwoFull) {
      for (int p = bs.size - quota; p < bs.size; ++p) prob_positions.insert(p);
    } else {
      while (static_cast<int>(prob_positions.size()) < quota && first_random < bs.size)
        prob_positions.insert(rng_.Range(first_random, bs.size - 1));
    }
    for (int p = 0; p < bs.size; ++p) MakeMember(b, p, prob_positions.count(p) > 0);
  }

  // A couple of members whose 预备期 was extended by six months.
  void ExtendSome() {
    std::vector<int> eligible;
    const Date latest = AddMonths(today_, -19);
    for (int i = 0; i < static_cast<int>(gen_.size()); ++i) {
      const Gen& g = gen_[i];
      if (!g.prob && !g.forced && g.role != Role::kRetired && g.age <= 45 && g.joined <= latest) eligible.push_back(i);
    }
    for (int k = 0; k < s_.extended && !eligible.empty(); ++k) {
      const auto at = rng_.Below(eligible.size());
      const int i = eligible[at];
      eligible.erase(eligible.begin() + at);
      gen_[i].full = AddMonths(AddYears(gen_[i].joined, 1), 6);
      org_.members[i].input.full_on = FormatDate(*gen_[i].full);
    }
  }

  // ---- posts ----
  // Rank first, then age; among retirees the younger ones are the active ones.
  int Seniority(int i) const {
    const Gen& g = gen_[i];
    return g.role == Role::kRetired ? 300 + (90 - g.age) : g.rank * 100 + g.age;
  }

  bool FullBy(int i, const Date& d) const { return gen_[i].full && *gen_[i].full <= d; }

  std::string Doc(const Date& on) {
    ++doc_no_;
    return s_.doc_prefix + "〔" + std::to_string(on.year) + "〕" + std::to_string(doc_no_ % 90 + 3) + "号";
  }

  void AddPost(int member, const std::string& kind, const std::string& title, int unit, const std::string& dept,
               const Date& started, const std::string& dual_key = "", const std::string& doc = "") {
    org_.members[member].posts.push_back(DemoPost{kind, title, unit, dept, FormatDate(started), dual_key, doc});
    if (kind == "hospital") gen_[member].hospital_post = true;
    if (kind == "party" && title == "书记") gen_[member].secretary = true;
  }

  // A start date in [today − max_days, today − min_days], never before `not_before`.
  Date StartDate(int min_days, int max_days, const Date& not_before) {
    Date d = AddDays(today_, -rng_.Range(min_days, max_days));
    if (d < not_before) d = std::min(AddDays(not_before, rng_.Range(1, 60)), today_);
    return d;
  }

  // The best of `pool` by seniority among the first tier that has anyone; -1 when none.
  template <class Pred>
  int MostSenior(const std::vector<int>& pool, Pred pred, int among = 1) {
    std::vector<int> c;
    for (int i : pool)
      if (pred(i)) c.push_back(i);
    if (c.empty()) return -1;
    std::stable_sort(c.begin(), c.end(), [&](int a, int b) { return Seniority(a) > Seniority(b); });
    return c[rng_.Below(std::min<std::size_t>(c.size(), static_cast<std::size_t>(among)))];
  }

  template <class Pred>
  int AnyOf(const std::vector<int>& pool, Pred pred) {
    std::vector<int> c;
    for (int i : pool)
      if (pred(i)) c.push_back(i);
    return c.empty() ? -1 : c[rng_.Below(c.size())];
  }

  // Eligible for a party post elected on `on`: 正式 by then, not excluded, not taken.
  std::function<bool(int)> Eligible(const Date& on, const std::set<int>& taken, bool allow_leaders, bool need_full_by) {
    return [this, on, &taken, allow_leaders, need_full_by](int i) {
      const Gen& g = gen_[i];
      if (g.prob || g.no_posts || taken.count(i) > 0) return false;
      if (g.leader && !allow_leaders) return false;
      if (g.role == Role::kRetired && g.age > 75 && !allow_leaders) return false;  // the active retirees first
      return !need_full_by || FullBy(i, on);
    };
  }

  // First tier with anyone: (no leaders, 正式 by then), (leaders too), (正式 now).
  int PickParty(const std::vector<int>& pool, const Date& on, const std::set<int>& taken, bool senior) {
    const bool tiers[3][2] = {{false, true}, {true, true}, {true, false}};
    for (const auto& t : tiers) {
      const auto pred = Eligible(on, taken, t[0], t[1]);
      const int i = senior ? MostSenior(pool, pred, 3) : AnyOf(pool, pred);
      if (i >= 0) return i;
    }
    return -1;
  }

  static std::vector<std::string> CommitteeTitles(int size) {
    if (size <= 3) return {"书记", "组织委员", "宣传委员"};
    if (size == 4) return {"书记", "组织委员", "宣传委员", "纪检委员"};
    return {"书记", "副书记", "组织委员", "宣传委员", "纪检委员"};
  }

  Date ElectedOn(Special special) {
    switch (special) {
      case Special::kTermEnding:  // the 3-year term ends in one to two months
        return AddDays(AddMonths(AddYears(today_, -3), 1), rng_.Range(0, 20));
      case Special::kTermExpired:  // ended about five months ago: 换届 overdue
        return AddDays(AddMonths(AddYears(today_, -3), -5), -rng_.Range(0, 30));
      default:  // within the last 2 years 8 months: the term ends more than 3 months from now
        return AddDays(today_, -rng_.Range(45, 940));
    }
  }

  void BranchPosts(int b, bool dual) {
    const auto& bs = s_.branches[b];
    const int unit = branch_unit_[b];
    const auto& pool = branch_members_[b];
    int full = 0;
    for (int i : pool) full += gen_[i].prob ? 0 : 1;
    const bool committee = full >= 7 && bs.special != Special::kTwoFull;
    const Date elected = committee ? ElectedOn(bs.special) : AddDays(today_, -rng_.Range(90, 900));
    if (committee) org_.units[unit].committee_elected_on = FormatDate(elected);

    // Heads of department (hospital posts).
    const std::vector<Head> heads = bs.heads.empty() ? DefaultHeads(bs.type, bs.department) : bs.heads;
    dual = dual && !heads.empty() && heads[0].title == "科主任" && bs.special != Special::kNoSecretary;
    std::vector<int> holders(heads.size(), -1);
    for (std::size_t h = 0; h < heads.size(); ++h) {
      if (h == 0) {
        for (int i : pool)
          if (gen_[i].forced && bs.forced[static_cast<std::size_t>(gen_[i].forced_index)].head) holders[0] = i;
      }
      if (holders[h] >= 0) {
        gen_[holders[h]].hospital_post = true;
        continue;
      }
      const auto& roles = heads[h].roles;
      auto fits = [&](int i, bool any_role) {
        const Gen& g = gen_[i];
        if (g.hospital_post || g.no_posts || g.leader || g.prob || g.role == Role::kRetired) return false;
        return any_role || roles.empty() || std::find(roles.begin(), roles.end(), g.role) != roles.end();
      };
      int holder = MostSenior(pool, [&](int i) { return fits(i, false); });
      if (holder < 0) holder = MostSenior(pool, [&](int i) { return fits(i, true); });
      if (holder >= 0) gen_[holder].hospital_post = true;  // reserved; the post is added below
      holders[h] = holder;
    }

    // The secretary.
    std::set<int> taken;
    int secretary = -1;
    if (bs.special != Special::kNoSecretary) {
      for (int i : pool)
        if (gen_[i].forced && bs.forced[static_cast<std::size_t>(gen_[i].forced_index)].secretary) secretary = i;
      if (secretary < 0 && dual && holders[0] >= 0 && !gen_[holders[0]].prob) secretary = holders[0];
      if (secretary < 0) {
        dual = false;
        std::set<int> not_head;
        if (!heads.empty() && holders[0] >= 0) not_head.insert(holders[0]);
        secretary = PickParty(pool, elected, not_head, true);
        if (secretary < 0) secretary = PickParty(pool, elected, taken, true);
      }
    }
    dual = dual && secretary >= 0 && secretary == holders[0];
    Date secretary_start = elected;
    if (!committee && secretary >= 0 && gen_[secretary].full && secretary_start < *gen_[secretary].full)
      secretary_start = std::min(AddDays(*gen_[secretary].full, rng_.Range(1, 60)), today_);

    std::string dual_key, dual_doc;
    if (dual) {
      dual_key = s_.key_prefix + "-dual-" + std::to_string(++dual_no_);
      dual_doc = Doc(secretary_start);
    }
    for (std::size_t h = 0; h < heads.size(); ++h) {
      const int holder = holders[h];
      if (holder < 0) continue;
      if (h == 0 && dual) {
        AddPost(holder, "hospital", heads[h].title, -1, heads[h].department, secretary_start, dual_key, dual_doc);
      } else {
        const Date start = StartDate(120, 2900, AddYears(gen_[holder].birth, 30));
        AddPost(holder, "hospital", heads[h].title, -1, heads[h].department, start, "", Doc(start));
      }
    }

    // Party posts: the 支委会, or a secretary (and deputy) where there are fewer than 7 正式党员.
    if (secretary >= 0) {
      taken.insert(secretary);
      branch_secretary_[b] = secretary;
      AddPost(secretary, "party", "书记", unit, "", secretary_start, dual_key, dual ? dual_doc : "");
    }
    if (committee) {
      const int size = full >= 15 ? 5 : full >= 10 ? 4 : 3;
      std::vector<std::string> titles = CommitteeTitles(size);
      if (bs.special == Special::kNoSecretary) {  // the 书记 has left; the 副书记 presides
        if (std::find(titles.begin(), titles.end(), "副书记") != titles.end()) {
          titles.erase(titles.begin());
        } else {
          titles[0] = "副书记";
        }
      } else {
        titles.erase(titles.begin());  // 书记 done above
      }
      for (const auto& title : titles) {
        const int i = PickParty(pool, elected, taken, title == "副书记");
        if (i < 0) break;
        taken.insert(i);
        AddPost(i, "party", title, unit, "", elected);
      }
    } else if (bs.size >= 5 && secretary >= 0) {
      const int i = PickParty(pool, today_, taken, true);
      if (i >= 0) {
        taken.insert(i);
        AddPost(i, "party", "副书记", unit, "", StartDate(30, 700, AddDays(*gen_[i].full, 1)));
      }
    }

    // 党小组组长.
    for (int gu : group_units_[b]) {
      std::vector<int> in_group;
      for (int i : pool)
        if (org_.members[i].unit == gu) in_group.push_back(i);
      const int i = PickParty(in_group, today_, taken, false);
      if (i < 0) continue;
      taken.insert(i);
      AddPost(i, "party", "党小组组长", gu, "", StartDate(60, 800, AddDays(*gen_[i].full, 1)));
    }
  }

  // 总支委员会: a senior member as 书记, the secretaries of the first branches as 委员.
  void GeneralPosts(int g) {
    const int unit = general_unit_[g];
    std::vector<int> pool, child_secretaries;
    for (int b : order_) {
      if (s_.branches[b].general != g) continue;
      pool.insert(pool.end(), branch_members_[b].begin(), branch_members_[b].end());
      if (branch_secretary_[b] >= 0) child_secretaries.push_back(branch_secretary_[b]);
    }
    if (pool.empty()) return;
    const Date elected = ElectedOn(Special::kNone);
    org_.units[unit].committee_elected_on = FormatDate(elected);
    std::set<int> taken;
    int secretary = MostSenior(
        pool,
        [&](int i) {
          const Gen& x = gen_[i];
          return !x.prob && !x.no_posts && !x.leader && !x.secretary && x.role != Role::kRetired && x.age <= 58 &&
                 FullBy(i, elected);
        },
        3);
    if (secretary < 0) secretary = PickParty(pool, elected, taken, true);
    if (secretary < 0) return;
    taken.insert(secretary);
    general_secretary_[g] = secretary;
    AddPost(secretary, "party", "书记", unit, "", elected);
    static const std::vector<std::string> kTitles = {"副书记", "组织委员", "宣传委员", "纪检委员"};
    std::size_t next = 0;
    for (const auto& title : kTitles) {
      int i = -1;
      while (next < child_secretaries.size() && i < 0) {
        const int c = child_secretaries[next++];
        if (taken.count(c) == 0 && !gen_[c].no_posts) i = c;
      }
      if (i < 0) i = PickParty(pool, elected, taken, false);
      if (i < 0) break;
      taken.insert(i);
      AddPost(i, "party", title, unit, "", elected);
    }
  }

  // 党委: the hospital leaders (forced members with a root_title), then 总支书记s as 委员.
  void RootPosts() {
    if (org_.members.empty()) return;
    const Date elected = ElectedOn(Special::kNone);
    org_.units[0].committee_elected_on = FormatDate(elected);
    std::set<int> taken;
    bool has_secretary = false;
    for (int i = 0; i < static_cast<int>(gen_.size()); ++i) {
      const Gen& g = gen_[i];
      if (!g.forced) continue;
      const Forced& f =
          s_.branches[static_cast<std::size_t>(g.branch)].forced[static_cast<std::size_t>(g.forced_index)];
      if (!f.root_title.empty() && static_cast<int>(taken.size()) < s_.root_committee_size) {
        if (f.root_title == "书记") {
          if (has_secretary) continue;
          has_secretary = true;
        }
        taken.insert(i);
        AddPost(i, "party", f.root_title, 0, "", elected);
      }
      if (!f.hospital_title.empty()) {
        const Date start = StartDate(400, 2500, AddYears(g.birth, 35));
        AddPost(i, "hospital", f.hospital_title, -1, "院领导", start, "", Doc(start));
      }
    }
    std::vector<int> all(gen_.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
    if (!has_secretary) {
      const int i = PickParty(all, elected, taken, true);
      if (i >= 0) {
        taken.insert(i);
        AddPost(i, "party", "书记", 0, "", elected);
      }
    }
    std::vector<int> candidates = general_secretary_;
    for (int b : order_) candidates.push_back(branch_secretary_[b]);
    for (int c : candidates) {
      if (static_cast<int>(taken.size()) >= s_.root_committee_size) break;
      if (c < 0 || taken.count(c) > 0) continue;
      taken.insert(c);
      AddPost(c, "party", "委员", 0, "", elected);
    }
  }

  // ---- 困难党员, 流动党员 ----
  std::vector<int> Pick(int count, const std::vector<int>& from, std::set<int>& used) {
    std::vector<int> c;
    for (int i : from)
      if (used.count(i) == 0) c.push_back(i);
    std::vector<int> out;
    while (static_cast<int>(out.size()) < count && !c.empty()) {
      const auto at = rng_.Below(c.size());
      out.push_back(c[at]);
      used.insert(c[at]);
      c.erase(c.begin() + at);
    }
    return out;
  }

  void Flags() {
    std::vector<int> retired, township, working;
    for (int i = 0; i < static_cast<int>(gen_.size()); ++i) {
      const Gen& g = gen_[i];
      if (g.prob || g.forced || !org_.members[i].posts.empty()) continue;
      (g.role == Role::kRetired ? retired : g.township ? township : working).push_back(i);
    }
    std::set<int> used;
    // 困难党员: two thirds among retirees and 卫生院 staff.
    std::vector<int> poorer = retired;
    poorer.insert(poorer.end(), township.begin(), township.end());
    std::vector<int> hard = Pick((s_.hardship * 2 + 2) / 3, poorer, used);
    for (int i : Pick(s_.hardship - static_cast<int>(hard.size()), working, used)) hard.push_back(i);
    static const std::vector<std::string> kOldNotes = {"年老多病，独居，生活困难", "本人患慢性病长期服药，家庭收入低",
                                                       "配偶重病卧床，医疗支出大"};
    static const std::vector<std::string> kYoungNotes = {"子女患重病，医疗支出大", "配偶失业，家庭经济困难",
                                                         "家中房屋受灾，经济困难"};
    for (int i : hard) {
      auto& in = org_.members[i].input;
      in.hardship = true;
      in.hardship_note = rng_.Pick(gen_[i].age >= 60 ? kOldNotes : kYoungNotes);
    }
    // 流动党员: retirees living with their children elsewhere; staff on 进修 or 援派.
    std::vector<int> flow = Pick(s_.flowing / 2, retired, used);
    std::vector<int> young;
    for (const auto* pool : {&working, &township})
      for (int i : *pool)
        if (gen_[i].age <= 45) young.push_back(i);
    for (int i : Pick(s_.flowing - static_cast<int>(flow.size()), young, used)) flow.push_back(i);
    static const std::vector<std::string> kOldTo = {"广东省深圳市", "四川省成都市", "上海市浦东新区", "广东省广州市",
                                                    "浙江省杭州市"};
    static const std::vector<std::string> kYoungTo = {"北京市西城区", "上海市徐汇区", "四川省成都市",
                                                      "西藏自治区昌都市", "新疆维吾尔自治区哈密市"};
    for (int i : flow) {
      auto& in = org_.members[i].input;
      const bool old = gen_[i].role == Role::kRetired;
      in.flowing = true;
      in.flow_to = rng_.Pick(old ? kOldTo : kYoungTo);
      const Date since = StartDate(old ? 200 : 60, old ? 1400 : 500, AddDays(gen_[i].joined, 1));
      in.flow_since = FormatDate(since);
    }
  }

  // ---- 表彰 on 七一 ----
  void Award(const Date& on, int members, int workers) {
    if (on < Date{1950, 1, 1}) return;
    std::vector<int> officers, all;
    for (int i = 0; i < static_cast<int>(gen_.size()); ++i) {
      if (!FullBy(i, on)) continue;
      all.push_back(i);
      for (const auto& p : org_.members[i].posts)
        if (p.kind == "party" && p.title != "党小组组长" && ParseDate(p.started_on) <= std::optional<Date>(on)) {
          officers.push_back(i);
          break;
        }
    }
    std::set<int> used;
    const std::string date = FormatDate(on);
    for (int i : Pick(workers, officers, used)) org_.members[i].rewards.emplace_back("优秀党务工作者", date);
    for (int i : Pick(members, all, used)) org_.members[i].rewards.emplace_back("优秀共产党员", date);
  }

  void Rewards() {
    Date july = Date{today_.year, 7, 1};
    if (today_ < july) july.year -= 1;
    Award(july, s_.excellent_members, s_.excellent_workers);
    Award(AddYears(july, -1), s_.previous_members, s_.previous_workers);
  }

  HospitalSpec s_;
  Date today_;
  Rng rng_;
  DemoOrg org_;
  std::vector<Gen> gen_;
  std::vector<int> order_;  // branches in the order of their units
  std::vector<int> branch_unit_;
  std::vector<std::vector<int>> group_units_;
  std::vector<std::vector<int>> branch_members_;
  std::vector<int> branch_secretary_;
  std::vector<int> prob_quota_;
  std::vector<int> general_unit_;
  std::vector<int> general_secretary_;
  std::unordered_set<std::string> ids_;
  std::unordered_set<std::string> phones_;
  std::unordered_set<std::string> names_;
  int doc_no_ = 0;
  int dual_no_ = 0;
};

// ---------------------------------------------------------------------------------------------
// The hospitals.

BranchSpec Br(std::string name, int general, std::string department, BType type, int size,
              Special special = Special::kNone) {
  BranchSpec b;
  b.name = std::move(name);
  b.general = general;
  b.department = std::move(department);
  b.type = type;
  b.size = size;
  b.special = special;
  return b;
}

BranchSpec Township(std::string hospital, int general, int size, Special special = Special::kNone) {
  BranchSpec b = Br(hospital + "党支部", general, "", BType::kTownship, size, special);
  b.alliance = std::move(hospital);
  return b;
}

// The hospital leaders, members of the administrative branch: 党委书记, 院长 (党委副书记),
// 专职副书记 (when `full`), two 副院长 and the 纪委书记 (纪检委员).
Forced Leader(bool male, int age, Role role, const char* job, const char* education, const char* root_title,
              const char* hospital_title = "") {
  Forced f;
  f.male = male;
  f.age = age;
  f.role = role;
  f.job = job;
  f.education = education;
  f.root_title = root_title;
  f.hospital_title = hospital_title;
  return f;
}

std::vector<Forced> Leaders(bool full) {
  std::vector<Forced> v;
  v.push_back(Leader(true, 55, Role::kAdmin, "行政人员", "研究生", "书记"));
  v.push_back(Leader(true, 52, Role::kDoctor, "主任医师", "研究生", "副书记", "院长"));
  if (full) v.push_back(Leader(false, 50, Role::kAdmin, "行政人员", "大学本科", "副书记"));
  v.push_back(Leader(true, 48, Role::kDoctor, "主任医师", "研究生", "组织委员", "副院长"));
  v.push_back(Leader(false, 47, Role::kNurse, "主任护师", "大学本科", "宣传委员", "副院长"));
  v.push_back(Leader(true, 51, Role::kAdmin, "行政人员", "大学本科", "纪检委员"));
  return v;
}

HospitalSpec DazuSpec() {
  HospitalSpec s;
  s.tenant_name = "大足区人民医院";
  s.root_name = "中共大足区人民医院委员会";
  s.doc_prefix = "大足人医党";
  s.key_prefix = "dazu";
  s.id_digit = '1';
  s.seed = 20210701u;
  s.home_region = "500111";
  s.near_regions = {"500151", "500153", "500118", "500152", "500117", "500120"};
  s.generals = {"内科党总支", "外科党总支", "医技党总支", "行政后勤党总支", "医共体分院党总支"};
  s.root_committee_size = 7;
  s.flowing = 5;
  s.hardship = 6;
  s.extended = 2;
  s.excellent_members = 20;
  s.excellent_workers = 5;
  s.previous_members = 15;
  s.previous_workers = 3;
  auto& v = s.branches;
  using B = BType;
  // 内科党总支 (84)
  v.push_back(Br("心血管内科党支部", 0, "心血管内科", B::kClinical, 10));
  v.push_back(Br("呼吸与危重症医学科党支部", 0, "呼吸与危重症医学科", B::kClinical, 9));
  v.push_back(Br("消化内科党支部", 0, "消化内科", B::kClinical, 9));
  v.push_back(Br("神经内科党支部", 0, "神经内科", B::kClinical, 10));
  v.push_back(Br("肾内科党支部", 0, "肾内科", B::kClinical, 8));
  v.push_back(Br("内分泌科党支部", 0, "内分泌科", B::kClinical, 8));
  v.push_back(Br("肿瘤科党支部", 0, "肿瘤科", B::kClinical, 9));
  v.push_back(Br("感染科党支部", 0, "感染科", B::kClinical, 5));  // small: 书记 + 副书记
  v.push_back(Br("老年病科党支部", 0, "老年病科", B::kClinical, 8));
  v.push_back(Br("康复医学科党支部", 0, "康复医学科", B::kClinical, 8));
  // 外科党总支 (93)
  v.push_back(Br("普外科党支部", 1, "普外科", B::kClinical, 11));
  v.push_back(Br("骨科党支部", 1, "骨科", B::kClinical, 11, Special::kTermEnding));
  v.push_back(Br("神经外科党支部", 1, "神经外科", B::kClinical, 9));
  v.push_back(Br("泌尿外科党支部", 1, "泌尿外科", B::kClinical, 8));
  v.push_back(Br("胸心外科党支部", 1, "胸心外科", B::kClinical, 8));
  v.push_back(Br("妇产科党支部", 1, "妇产科", B::kClinical, 12));
  v.push_back(Br("儿科党支部", 1, "儿科", B::kClinical, 10));
  v.push_back(Br("眼耳鼻喉科党支部", 1, "眼耳鼻喉科", B::kClinical, 8));
  v.push_back(Br("麻醉科党支部", 1, "麻醉科", B::kClinical, 9));
  v.push_back(Br("口腔科党支部", 1, "口腔科", B::kClinical, 7));
  // 医技党总支 (61)
  v.push_back(Br("检验科党支部", 2, "检验科", B::kMedTech, 10));
  v.push_back(Br("医学影像科党支部", 2, "医学影像科", B::kMedTech, 11));
  v.push_back(Br("药剂科党支部", 2, "药剂科", B::kPharmacy, 10));
  v.push_back(Br("病理科党支部", 2, "病理科", B::kMedTech, 8));
  v.push_back(Br("超声医学科党支部", 2, "超声医学科", B::kMedTech, 8));
  v.push_back(Br("功能检查科党支部", 2, "功能检查科", B::kMedTech, 7));
  v.push_back(Br("健康管理中心党支部", 2, "健康管理中心", B::kHealthCheck, 7));
  // 行政后勤党总支 (60)
  v.push_back(Br("行政第一党支部", 3, "党委办公室", B::kAdmin, 12));
  v.back().forced = Leaders(true);
  v.back().heads = {{"职能部门负责人", "党委办公室", {Role::kAdmin}},
                    {"职能部门负责人", "院长办公室", {Role::kAdmin}},
                    {"职能部门负责人", "人力资源部", {Role::kAdmin}}};
  v.push_back(Br("行政第二党支部", 3, "医务部", B::kAdmin, 9));
  v.back().heads = {{"职能部门负责人", "医务部", {Role::kDoctor, Role::kAdmin}},
                    {"职能部门负责人", "质量控制科", {Role::kAdmin, Role::kDoctor}}};
  v.push_back(Br("行政第三党支部", 3, "财务科", B::kFinance, 8));
  v.push_back(Br("护理部党支部", 3, "护理部", B::kNursing, 9));
  v.push_back(Br("后勤第一党支部", 3, "后勤保障部", B::kLogistics, 10));
  v.push_back(Br("后勤第二党支部", 3, "基建科", B::kLogistics, 8, Special::kNoSecretary));
  v.push_back(Br("信息科党支部", 3, "信息科", B::kInfo, 4));  // small: 书记 only
  // 医共体分院党总支 (71)
  v.push_back(Township("龙水镇中心卫生院", 4, 11));
  v.push_back(Township("邮亭镇中心卫生院", 4, 10, Special::kTermExpired));
  v.push_back(Township("宝顶镇卫生院", 4, 8));
  v.push_back(Township("三驱镇中心卫生院", 4, 9));
  v.push_back(Township("珠溪镇中心卫生院", 4, 8));
  v.push_back(Township("石马镇卫生院", 4, 7));
  v.push_back(Township("中敖镇中心卫生院", 4, 8));
  v.push_back(Township("玉龙镇卫生院", 4, 3, Special::kTwoFull));
  v.push_back(Township("智凤街道社区卫生服务中心", 4, 7));
  // Directly under the 党委 (61)
  v.push_back(Br("急诊科党支部", -1, "急诊科", B::kClinical, 10));
  v.push_back(Br("重症医学科党支部", -1, "重症医学科", B::kClinical, 9));
  v.push_back(Br("中医科党支部", -1, "中医科", B::kClinical, 8));
  v.push_back(Br("离退休第一党支部", -1, "", B::kRetired, 18));
  v.back().groups = {"第一党小组", "第二党小组"};
  v.push_back(Br("离退休第二党支部", -1, "", B::kRetired, 16));
  v.back().groups = {"第一党小组", "第二党小组"};
  return s;
}

HospitalSpec JiangbeiSpec() {
  HospitalSpec s;
  s.tenant_name = "重庆市红十字会医院（江北区人民医院）";
  s.root_name = "中共江北区人民医院委员会";
  s.doc_prefix = "江北人医党";
  s.key_prefix = "jiangbei";
  s.id_digit = '2';
  s.seed = 19410701u;
  s.home_region = "500105";
  s.near_regions = {"500112", "500103", "500106", "500108", "500109", "500107", "500104"};
  s.root_committee_size = 5;
  s.flowing = 2;
  s.hardship = 3;
  s.extended = 2;
  s.excellent_members = 18;  // seed 002: 优秀共产党员 18 名, 优秀党务工作者 3 名
  s.excellent_workers = 3;
  using B = BType;
  using R = Role;
  auto& v = s.branches;
  v.push_back(Br("行政后勤党支部", -1, "", B::kAdminLogistics, 32));
  v.back().groups = {"行政党小组", "后勤党小组"};
  v.back().forced = Leaders(false);
  v.back().heads = {{"职能部门负责人", "党委办公室", {R::kAdmin}},
                    {"职能部门负责人", "院长办公室", {R::kAdmin}},
                    {"职能部门负责人", "医务科", {R::kDoctor, R::kAdmin}},
                    {"职能部门负责人", "财务科", {R::kAccountant}},
                    {"职能部门负责人", "后勤保障科", {R::kEngineer, R::kWorker}}};

  v.push_back(Br("内科党支部", -1, "内科", B::kClinical, 40));
  v.back().groups = {"第一党小组", "第二党小组", "第三党小组"};
  v.back().dual = true;
  {
    Forced chen;
    chen.name = "陈建国";
    chen.male = true;
    chen.age = 52;
    chen.role = R::kDoctor;
    chen.job = "主任医师";
    chen.education = "研究生";
    chen.phone = "13983214567";
    chen.head = true;
    chen.secretary = true;
    Forced wang;
    wang.name = "王丽娟";
    wang.male = false;
    wang.age = 38;
    wang.role = R::kNurse;
    wang.job = "主管护师";
    wang.education = "大学本科";
    wang.phone = "15923456789";
    wang.no_posts = true;
    v.back().forced = {chen, wang};
  }
  v.back().heads = {{"科主任", "内科", {R::kDoctor}},      {"科主任", "呼吸内科", {R::kDoctor}},
                    {"科主任", "消化内科", {R::kDoctor}},  {"科主任", "神经内科", {R::kDoctor}},
                    {"护士长", "心血管内科", {R::kNurse}}, {"护士长", "呼吸内科", {R::kNurse}},
                    {"护士长", "消化内科", {R::kNurse}},   {"护士长", "神经内科", {R::kNurse}}};

  v.push_back(Br("外科党支部", -1, "外科", B::kClinical, 36));
  v.back().groups = {"第一党小组", "第二党小组"};
  v.back().dual = false;
  v.back().heads = {{"科主任", "外科", {R::kDoctor}},   {"科主任", "骨科", {R::kDoctor}},
                    {"科主任", "妇产科", {R::kDoctor}}, {"科主任", "麻醉科", {R::kDoctor}},
                    {"护士长", "普外科", {R::kNurse}},  {"护士长", "骨科", {R::kNurse}},
                    {"护士长", "妇产科", {R::kNurse}},  {"护士长", "手术室", {R::kNurse}}};

  v.push_back(Br("医技党支部", -1, "", B::kTechMix, 30, Special::kTermEnding));
  v.back().groups = {"检验党小组", "影像党小组", "药剂党小组"};
  v.back().dual = true;
  v.back().heads = {{"科主任", "检验科", {R::kTech}},
                    {"科主任", "放射科", {R::kDoctor, R::kTech}},
                    {"科主任", "药剂科", {R::kPharmacist}},
                    {"科主任", "超声科", {R::kDoctor}}};
  return s;
}

HospitalSpec ChangshouSpec() {
  HospitalSpec s;
  s.tenant_name = "长寿区人民医院";
  s.root_name = "中共长寿区人民医院委员会";
  s.doc_prefix = "长寿人医党";
  s.key_prefix = "changshou";
  s.id_digit = '3';
  s.seed = 20190116u;
  s.home_region = "500115";
  s.near_regions = {"500102", "500112", "500113", "500101", "500155", "500119"};
  s.generals = {"内科党总支", "外科党总支"};
  s.root_committee_size = 7;
  s.flowing = 3;
  s.hardship = 4;
  s.extended = 2;
  s.excellent_members = 10;
  s.excellent_workers = 3;
  using B = BType;
  auto& v = s.branches;
  // 内科党总支 (65)
  v.push_back(Br("心血管内科党支部", 0, "心血管内科", B::kClinical, 15));
  v.push_back(Br("呼吸与危重症医学科党支部", 0, "呼吸与危重症医学科", B::kClinical, 13));
  v.push_back(Br("消化内科党支部", 0, "消化内科", B::kClinical, 12));
  v.push_back(Br("神经内科党支部", 0, "神经内科", B::kClinical, 13));
  v.push_back(Br("儿科党支部", 0, "儿科", B::kClinical, 12));
  // 外科党总支 (60)
  v.push_back(Br("普外科党支部", 1, "普外科", B::kClinical, 16));
  v.push_back(Br("骨科党支部", 1, "骨科", B::kClinical, 14));
  v.push_back(Br("妇产科党支部", 1, "妇产科", B::kClinical, 15, Special::kTermEnding));
  v.push_back(Br("麻醉科党支部", 1, "麻醉科", B::kClinical, 10));
  v.push_back(Br("眼耳鼻喉科党支部", 1, "眼耳鼻喉科", B::kClinical, 5));  // small: 书记 + 副书记
  // Directly under the 党委 (75)
  v.push_back(Br("行政党支部", -1, "院长办公室", B::kAdmin, 20));
  v.back().groups = {"第一党小组", "第二党小组"};
  v.back().forced = Leaders(true);
  v.back().heads = {{"职能部门负责人", "党委办公室", {Role::kAdmin}},
                    {"职能部门负责人", "院长办公室", {Role::kAdmin}},
                    {"职能部门负责人", "医务部", {Role::kDoctor, Role::kAdmin}},
                    {"职能部门负责人", "财务科", {Role::kAccountant, Role::kAdmin}}};
  v.push_back(Br("后勤党支部", -1, "后勤保障部", B::kLogistics, 11, Special::kTermExpired));
  v.push_back(Br("医技党支部", -1, "", B::kTechMix, 24));
  v.back().groups = {"检验党小组", "影像党小组", "药剂党小组"};
  v.back().heads = {{"科主任", "检验科", {Role::kTech}},
                    {"科主任", "医学影像科", {Role::kDoctor, Role::kTech}},
                    {"科主任", "药剂科", {Role::kPharmacist}}};
  v.push_back(Br("康复医学科党支部", -1, "康复医学科", B::kClinical, 3, Special::kTwoFull));
  v.push_back(Br("离退休党支部", -1, "", B::kRetired, 17));
  return s;
}

HospitalSpec GeneratedSpec(int members, unsigned seed) {
  HospitalSpec s;
  s.tenant_name = "基准测试医院（" + std::to_string(seed) + "）";
  s.root_name = "中共基准测试医院委员会";
  s.doc_prefix = "基准医院党";
  s.key_prefix = "bench" + std::to_string(seed);
  s.id_digit = static_cast<char>('4' + seed % 6);
  s.seed = seed * 2654435761u + 12345u;
  s.home_region = "500112";
  s.near_regions = {"500105", "500103", "500106", "500108", "500109", "500107", "500113", "500115"};
  s.unique_names = false;
  s.root_committee_size = 5;
  s.flowing = members / 100;
  s.hardship = members / 80;
  s.extended = std::max(members >= 50 ? 1 : 0, members / 200);
  s.excellent_members = members / 50;
  s.excellent_workers = members / 200;
  if (members <= 0) return s;
  static const std::vector<std::string> kClinical = {"心血管内科", "呼吸与危重症医学科",
                                                     "消化内科",   "神经内科",
                                                     "肾内科",     "内分泌科",
                                                     "普外科",     "骨科",
                                                     "神经外科",   "泌尿外科",
                                                     "妇产科",     "儿科",
                                                     "急诊科",     "重症医学科",
                                                     "麻醉科",     "眼科",
                                                     "耳鼻咽喉科", "口腔科",
                                                     "皮肤科",     "肿瘤科",
                                                     "感染科",     "康复医学科",
                                                     "中医科",     "老年病科"};
  const int nb = std::max(1, (members + 29) / 30);
  const int ng = nb >= 3 ? nb / 3 : 0;
  for (int g = 0; g < ng; ++g) s.generals.push_back("第" + std::to_string(g + 1) + "党总支");
  std::map<std::string, int> used;
  int clinical = 0, retired = 0;
  for (int i = 0; i < nb; ++i) {
    const int size = members / nb + (i < members % nb ? 1 : 0);
    BType type = BType::kClinical;
    std::string dept;
    if (i == 0) {
      type = BType::kAdmin;
      dept = "党政办公室";
    } else if (i % 10 == 9) {
      type = BType::kRetired;
    } else if (i % 10 == 6) {
      type = (i / 10) % 2 == 0 ? BType::kMedTech : BType::kPharmacy;
      dept = type == BType::kMedTech ? ((i / 20) % 2 == 0 ? "检验科" : "医学影像科") : "药剂科";
    } else if (i % 10 == 7) {
      static const BType kTypes[] = {BType::kLogistics, BType::kNursing, BType::kAdmin};
      static const char* kDepts[] = {"后勤保障部", "护理部", "医务部"};
      type = kTypes[(i / 10) % 3];
      dept = kDepts[(i / 10) % 3];
    } else {
      dept = kClinical[static_cast<std::size_t>(clinical++) % kClinical.size()];
    }
    std::string name;
    if (type == BType::kRetired) {
      name = "离退休第" + std::to_string(++retired) + "党支部";
    } else {
      const int n = ++used[dept];
      name = n == 1 ? dept + "党支部" : dept + "第" + std::to_string(n) + "党支部";
    }
    BranchSpec b = Br(name, i / 3 < ng ? i / 3 : -1, dept, type, size);
    if (size >= 28 && i % 4 == 0) b.groups = {"第一党小组", "第二党小组"};
    if (size >= 28 && i % 4 == 1) b.groups = {"第一党小组", "第二党小组", "第三党小组"};
    if (i == 0) {
      b.forced = Leaders(false);
      if (static_cast<int>(b.forced.size()) > size) b.forced.resize(static_cast<std::size_t>(size));
    }
    s.branches.push_back(std::move(b));
  }
  return s;
}

DemoOrg Make(HospitalSpec spec, const std::string& today) {
  const auto t = ParseDate(today);
  if (!t) {
    DemoOrg org;
    org.tenant_name = spec.tenant_name;
    return org;
  }
  return Builder(std::move(spec), *t).Build();
}

}  // namespace

DemoOrg DazuHospital(const std::string& today) { return Make(DazuSpec(), today); }
DemoOrg JiangbeiHospital(const std::string& today) { return Make(JiangbeiSpec(), today); }
DemoOrg ChangshouHospital(const std::string& today) { return Make(ChangshouSpec(), today); }
DemoOrg GeneratedHospital(const std::string& today, int members, unsigned seed) {
  return Make(GeneratedSpec(members, seed), today);
}

int BranchOf(const DemoOrg& org, int unit) {
  if (unit < 0 || unit >= static_cast<int>(org.units.size())) return -1;
  const DemoUnit& u = org.units[static_cast<std::size_t>(unit)];
  if (u.kind == "branch") return unit;
  if (u.kind == "group") return u.parent;
  return -1;
}

}  // namespace qizhi::app
