#include "party/development/rules.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

#include "party/members/rules.hpp"

namespace qizhi::party::development {
namespace {

// 中国共产党发展党员工作细则 (2014) and 党章.
constexpr int kMinAge = 18;              // 第五条: 年满十八岁
constexpr int kLeagueAge = 28;           // 第九条: 28 周岁以下的团员, 一般由团组织推优
constexpr int kTalkMonths = 1;           // 第八条: 一个月内派人谈话
constexpr int kReviewMonths = 6;         // 第十三条: 每半年进行一次考察
constexpr int kActivistYears = 1;        // 第十四条: 经过一年以上培养教育和考察
constexpr int kReviewValidYears = 1;     // 政审结论 valid one year (common practice)
constexpr int kTrainingDays = 3;         // 第十八条: 不少于三天（或不少于24个学时）
constexpr int kTrainingHours = 24;
constexpr int kApprovalMonths = 3;       // 第二十七条: 三个月内审批
constexpr int kApprovalMaxMonths = 6;    //   特殊情况可延长审批时间, 不超过六个月
constexpr int kProbationMonths = 12;     // 第三十一条: 预备期为一年
constexpr int kMinExtension = 6;         // 第三十四条: 延长预备期 … 不能少于半年, 最长不超过一年
constexpr int kMaxExtension = 12;
constexpr int kConversionMonths = 3;     // 转正审批 within 3 months of the 预备期 end

constexpr int kReviewStep = 6;

StepInfo S(int n, std::string title, int stage) {
  StepInfo s;
  s.number = n;
  s.title = std::move(title);
  s.stage = stage;
  return s;
}

std::vector<StepInfo> BuildSteps() {
  std::vector<StepInfo> v;
  v.push_back(S(1, "递交入党申请书", 1));
  v.push_back(S(2, "党组织派人谈话", 1));
  v.back().people_role = "谈话人";
  v.push_back(S(3, "推荐和确定入党积极分子", 2));
  v.push_back(S(4, "报上级党委备案", 2));
  v.push_back(S(5, "指定培养联系人", 2));
  v.back().people_role = "培养联系人";
  v.back().min_people = 1;
  v.back().max_people = 2;
  v.push_back(S(6, "培养教育考察", 2));
  v.back().conclusion = true;
  v.back().repeatable = true;
  v.push_back(S(7, "确定发展对象", 3));
  v.push_back(S(8, "报上级党委备案", 3));
  v.push_back(S(9, "确定入党介绍人", 3));
  v.back().people_role = "入党介绍人";
  v.back().min_people = 2;
  v.back().max_people = 2;
  v.push_back(S(10, "政治审查", 3));
  v.back().conclusion = true;
  v.back().repeatable = true;
  v.push_back(S(11, "集中培训", 3));
  v.back().training = true;
  v.push_back(S(12, "支部委员会审查", 4));
  v.back().conclusion = true;
  v.push_back(S(13, "上级党委预审", 4));
  v.back().conclusion = true;
  v.push_back(S(14, "填写入党志愿书", 4));
  v.push_back(S(15, "支部大会讨论", 4));
  v.back().vote = true;
  v.back().conclusion = true;
  v.push_back(S(16, "上级党委派人谈话", 4));
  v.back().people_role = "谈话人";
  v.push_back(S(17, "上级党委审批", 4));
  v.back().conclusion = true;
  v.push_back(S(18, "再上一级党委组织部门备案", 4));
  v.push_back(S(19, "编入党支部和党小组", 5));
  v.push_back(S(20, "入党宣誓", 5));
  v.push_back(S(21, "继续教育考察", 5));
  v.back().conclusion = true;
  v.back().repeatable = true;
  v.push_back(S(22, "提出转正申请", 5));
  v.push_back(S(23, "支部大会讨论转正", 5));
  v.back().vote = true;
  v.back().conclusion = true;
  v.back().extension = true;
  v.back().repeatable = true;
  v.push_back(S(24, "上级党委审批转正", 5));
  v.back().conclusion = true;
  v.push_back(S(25, "材料归档", 5));
  return v;
}

std::string N(int n) { return std::to_string(n); }

std::string StepName(int step) {
  const StepInfo* s = FindStep(step);
  return "第" + N(step) + "步「" + (s ? s->title : std::string()) + "」";
}

// A record with a known step and a real date.
struct Rec {
  int index = 0;
  const StepRecord* r = nullptr;
  Date date;
};

// The valid records by step, each step's records sorted by date (then input order).
class Path {
 public:
  explicit Path(const Candidate& c) {
    for (int i = 0; i < static_cast<int>(c.records.size()); ++i) {
      const StepRecord& r = c.records[static_cast<std::size_t>(i)];
      if (!FindStep(r.step)) continue;
      const auto d = ParseDate(r.date);
      if (!d) continue;
      by_step_[r.step].push_back(Rec{i, &r, *d});
    }
    for (auto& [step, recs] : by_step_) {
      std::stable_sort(recs.begin(), recs.end(),
                       [](const Rec& a, const Rec& b) { return a.date < b.date; });
    }
  }
  const std::vector<Rec>& Of(int step) const {
    static const std::vector<Rec> kNone;
    const auto it = by_step_.find(step);
    return it == by_step_.end() ? kNone : it->second;
  }
  bool Has(int step) const { return !Of(step).empty(); }
  const Rec* First(int step) const {
    const auto& v = Of(step);
    return v.empty() ? nullptr : &v.front();
  }
  const Rec* Last(int step) const {
    const auto& v = Of(step);
    return v.empty() ? nullptr : &v.back();
  }
  int MaxStep() const { return by_step_.empty() ? 0 : by_step_.rbegin()->first; }

 private:
  std::map<int, std::vector<Rec>> by_step_;
};

// The first step-23 record with an extension is the one extension allowed; it is in force as
// recorded when positive (a wrong length is reported, the decision still stands).
int ExtensionInForce(const Path& p) {
  for (const Rec& r : p.Of(23)) {
    if (r.r->extension_months != 0) return std::max(r.r->extension_months, 0);
  }
  return 0;
}

bool ConversionVoted(const Path& p) {
  for (const Rec& r : p.Of(23)) {
    if (r.r->extension_months == 0) return true;
  }
  return false;
}

class Checker {
 public:
  Checker(const Candidate& c, const Date& today) : c_(c), today_(today), path_(c) {}

  std::vector<Violation> Run() {
    CheckRecords();
    CheckRepeats();
    CheckOrder();
    CheckPrerequisites();
    CheckApplication();
    CheckLeague();
    CheckTalk();
    CheckReviews();
    CheckActivistYear();
    CheckPeople(5);
    CheckPeople(9);
    CheckPoliticalReview();
    CheckTraining();
    CheckVotes(15);
    CheckVotes(23);
    CheckApproval();
    CheckConversion();
    std::stable_sort(out_.begin(), out_.end(), [](const Item& a, const Item& b) {
      return std::tie(a.v.step, a.date, a.seq) < std::tie(b.v.step, b.date, b.seq);
    });
    std::vector<Violation> result;
    result.reserve(out_.size());
    for (auto& item : out_) result.push_back(std::move(item.v));
    return result;
  }

 private:
  struct Item {
    Violation v;
    Date date;  // the record's date for sorting (zero when invalid)
    int seq = 0;
  };

  void Add(int step, int record, const Date& date, std::string code, std::string field,
           std::string message, bool requires_reason) {
    Violation v;
    v.step = step;
    v.record = record;
    v.code = std::move(code);
    v.field = std::move(field);
    v.message = std::move(message);
    v.requires_reason = requires_reason;
    if (requires_reason && record >= 0) {
      v.explained = !c_.records[static_cast<std::size_t>(record)].reason.empty();
    }
    out_.push_back(Item{std::move(v), date, static_cast<int>(out_.size())});
  }
  void Add(const Rec& r, std::string code, std::string field, std::string message,
           bool requires_reason) {
    Add(r.r->step, r.index, r.date, std::move(code), std::move(field), std::move(message),
        requires_reason);
  }

  void CheckRecords() {
    for (int i = 0; i < static_cast<int>(c_.records.size()); ++i) {
      const StepRecord& r = c_.records[static_cast<std::size_t>(i)];
      if (!FindStep(r.step)) {
        Add(r.step, i, Date{}, "step_unknown", "step", "步骤编号 " + N(r.step) + " 无效，应为 1-25",
            false);
        continue;
      }
      const auto d = ParseDate(r.date);
      if (!d) {
        Add(r.step, i, Date{}, "date_invalid", "date",
            StepName(r.step) + "的日期「" + r.date + "」无效，应为 YYYY-MM-DD", false);
        continue;
      }
      if (*d > today_) {
        Add(r.step, i, *d, "future_date", "date",
            StepName(r.step) + "的日期 " + r.date + " 晚于今天", false);
      }
    }
  }

  void CheckRepeats() {
    for (const StepInfo& s : Steps()) {
      if (s.repeatable) continue;
      const auto& recs = path_.Of(s.number);
      for (std::size_t i = 1; i < recs.size(); ++i) {
        Add(recs[i], "step_repeated", "step",
            StepName(s.number) + "已于 " + FormatDate(recs[0].date) + " 记录，不应重复记录",
            true);
      }
    }
  }

  void CheckOrder() {
    for (const StepInfo& s : Steps()) {
      for (const Rec& r : path_.Of(s.number)) {
        std::string later;
        for (int m = 1; m < s.number; ++m) {
          const Rec* f = path_.First(m);
          if (!f || !(r.date < f->date)) continue;
          if (!later.empty()) later += "、";
          later += StepName(m) + "（" + FormatDate(f->date) + "）";
        }
        if (!later.empty()) {
          Add(r, "out_of_order", "date",
              StepName(s.number) + "的日期 " + FormatDate(r.date) + " 早于前序步骤：" + later +
                  "，须说明原因",
              true);
        }
      }
    }
  }

  void CheckPrerequisites() {
    // Each missing step is reported once, on the next recorded step above it.
    std::map<int, std::vector<int>> missing_at;
    for (int m = 1; m < static_cast<int>(Steps().size()); ++m) {
      if (m == kReviewStep || path_.Has(m)) continue;
      for (int n = m + 1; n <= static_cast<int>(Steps().size()); ++n) {
        if (path_.Has(n)) {
          missing_at[n].push_back(m);
          break;
        }
      }
    }
    for (const auto& [n, steps] : missing_at) {
      std::string list;
      for (int m : steps) {
        if (!list.empty()) list += "、";
        list += StepName(m);
      }
      Add(*path_.First(n), "prerequisite_missing", "step",
          StepName(n) + "记录时缺少前序步骤：" + list + "，须说明原因", true);
    }
  }

  void CheckApplication() {
    const Rec* a = path_.First(1);
    if (!a) return;
    const auto birth = ParseDate(c_.birth_date);
    if (!birth) {
      Add(*a, "birth_date_invalid", "birth_date",
          "出生日期「" + c_.birth_date + "」无效，无法核对申请入党时的年龄", false);
      return;
    }
    const int age = AgeOn(*birth, a->date);
    if (age < kMinAge) {
      Add(*a, "under_age", "birth_date",
          "递交入党申请书时（" + FormatDate(a->date) + "）未满 18 周岁（" + N(age) + " 岁）",
          false);
    }
  }

  void CheckLeague() {
    if (!c_.is_youth_league_member || c_.recommended_by_league) return;
    const auto birth = ParseDate(c_.birth_date);
    if (!birth) return;
    for (const Rec& r : path_.Of(3)) {
      if (AgeOn(*birth, r.date) < kLeagueAge) {
        Add(r, "league_recommendation", "recommended_by_league",
            "28 周岁以下的共青团员确定为入党积极分子，一般应经团组织推优，未记录推优", true);
      }
    }
  }

  void CheckTalk() {
    const Rec* a = path_.First(1);
    if (!a) return;
    const Date limit = AddMonths(a->date, kTalkMonths);
    for (const Rec& r : path_.Of(2)) {
      if (r.date > limit) {
        Add(r, "talk_late", "date",
            "党组织派人谈话（" + FormatDate(r.date) + "）应在递交入党申请书（" +
                FormatDate(a->date) + "）后一个月内，即不晚于 " + FormatDate(limit),
            true);
      }
    }
  }

  void CheckReviews() {
    const Rec* activist = path_.First(3);
    std::optional<Date> prev;
    if (activist) prev = activist->date;
    for (const Rec& r : path_.Of(kReviewStep)) {
      if (prev && r.date > AddMonths(*prev, kReviewMonths)) {
        Add(r, "review_gap", "date",
            "培养教育考察（" + FormatDate(r.date) + "）距上次考察或确定为积极分子（" +
                FormatDate(*prev) + "）超过半年，应每半年考察一次",
            true);
      }
      if (!prev || *prev < r.date) prev = r.date;
    }
    const Rec* target = path_.First(7);
    if (!target) return;
    std::optional<Date> last;
    if (activist && !(target->date < activist->date)) last = activist->date;
    for (const Rec& r : path_.Of(kReviewStep)) {
      if (!(target->date < r.date) && (!last || *last < r.date)) last = r.date;
    }
    if (last && target->date > AddMonths(*last, kReviewMonths)) {
      Add(*target, "review_gap", "date",
          "确定发展对象（" + FormatDate(target->date) + "）前最近一次培养教育考察或确定为积极分子在 " +
              FormatDate(*last) + "，超过半年未考察",
          true);
    }
  }

  void CheckActivistYear() {
    const Rec* activist = path_.First(3);
    if (!activist) return;
    const Date earliest = AddYears(activist->date, kActivistYears);
    for (const Rec& r : path_.Of(7)) {
      if (r.date < earliest) {
        Add(r, "activist_under_one_year", "date",
            "确定发展对象（" + FormatDate(r.date) + "）应在确定为入党积极分子（" +
                FormatDate(activist->date) + "）一年以后，即不早于 " + FormatDate(earliest),
            false);
      }
    }
  }

  void CheckPeople(int step) {
    const StepInfo& s = *FindStep(step);
    for (const Rec& r : path_.Of(step)) {
      const int n = static_cast<int>(r.r->people.size());
      if (n < s.min_people || n > s.max_people) {
        const std::string rule = s.min_people == s.max_people
                                     ? N(s.min_people) + " 名"
                                     : N(s.min_people) + "-" + N(s.max_people) + " 名";
        Add(r, "people_count", "people",
            s.people_role + "记录了 " + N(n) + " 名，应为" + rule + "正式党员", false);
      }
      std::string not_full;
      for (const Person& p : r.r->people) {
        if (p.is_full_member) continue;
        if (!not_full.empty()) not_full += "、";
        not_full += p.name.empty() ? "（未具名）" : p.name;
      }
      if (!not_full.empty()) {
        Add(r, "people_not_full", "people", s.people_role + "应为正式党员：" + not_full + " 不是",
            false);
      }
    }
  }

  void CheckTraining() {
    for (const Rec& r : path_.Of(11)) {
      if (r.r->training_days < kTrainingDays && r.r->training_hours < kTrainingHours) {
        Add(r, "training_short", "training_days",
            "集中培训 " + N(r.r->training_days) + " 天、" + N(r.r->training_hours) +
                " 学时，应不少于 3 天或不少于 24 学时",
            false);
      }
    }
  }

  void CheckPoliticalReview() {
    for (const Rec& vote : path_.Of(15)) {
      const Rec* review = nullptr;
      for (const Rec& r : path_.Of(10)) {
        if (!(vote.date < r.date)) review = &r;
      }
      if (!review) continue;
      const Date valid_until = AddYears(review->date, kReviewValidYears);
      if (vote.date > valid_until) {
        Add(vote, "political_review_expired", "date",
            "政治审查结论（" + FormatDate(review->date) + "）有效期一年，至 " +
                FormatDate(valid_until) + "；支部大会讨论（" + FormatDate(vote.date) +
                "）前应重新进行政治审查",
            false);
      }
    }
  }

  void CheckVotes(int step) {
    for (const Rec& r : path_.Of(step)) {
      const StepRecord& x = *r.r;
      if (x.voting <= 0) {
        Add(r, "vote_missing", "voting", "未记录有表决权的党员人数", false);
        continue;
      }
      if (x.present < 0 || x.in_favour < 0 || x.present > x.voting || x.in_favour > x.present) {
        Add(r, "vote_inconsistent", "present",
            "表决人数不一致：有表决权 " + N(x.voting) + " 人，到会 " + N(x.present) + " 人，赞成 " +
                N(x.in_favour) + " 人",
            false);
        continue;
      }
      if (x.present * 2 <= x.voting) {
        Add(r, "vote_no_quorum", "present",
            "到会有表决权的党员 " + N(x.present) + " 人，未超过应到 " + N(x.voting) +
                " 人的半数，会议无效",
            false);
      }
      if (x.in_favour * 2 <= x.voting) {
        Add(r, "vote_not_passed", "in_favour",
            "赞成 " + N(x.in_favour) + " 人，未超过有表决权的党员 " + N(x.voting) +
                " 人的半数，决议未通过",
            false);
      }
    }
  }

  void CheckApproval() {
    const Rec* vote = path_.First(15);
    if (!vote) return;
    const Date normal = AddMonths(vote->date, kApprovalMonths);
    const Date max = AddMonths(vote->date, kApprovalMaxMonths);
    for (const Rec& r : path_.Of(17)) {
      if (r.date > max) {
        Add(r, "approval_too_late", "date",
            "上级党委审批（" + FormatDate(r.date) + "）距支部大会讨论（" + FormatDate(vote->date) +
                "）超过六个月（最迟 " + FormatDate(max) + "）",
            false);
      } else if (r.date > normal && r.r->reason.empty()) {
        Add(r, "approval_late", "reason",
            "上级党委审批（" + FormatDate(r.date) + "）距支部大会讨论超过三个月（应不晚于 " +
                FormatDate(normal) + "），延长审批须说明特殊情况，且不超过六个月",
            true);
      }
    }
  }

  void CheckConversion() {
    const Rec* vote = path_.First(15);
    int extensions = 0;
    int in_force = 0;
    for (const Rec& r : path_.Of(23)) {
      if (vote) {
        const Date end = ProbationEnds(vote->date, in_force);
        if (r.date < end) {
          Add(r, "probation_not_ended", "date",
              "支部大会讨论转正（" + FormatDate(r.date) + "）早于预备期满（" + FormatDate(end) + "）",
              false);
        }
      }
      const int months = r.r->extension_months;
      if (months == 0) continue;
      ++extensions;
      if (extensions > 1) {
        Add(r, "extension_repeated", "extension_months", "预备期只能延长一次", false);
        continue;
      }
      if (months < kMinExtension || months > kMaxExtension) {
        Add(r, "extension_length", "extension_months",
            "延长预备期 " + N(months) + " 个月，应不少于 6 个月、不超过 12 个月", false);
      }
      in_force = std::max(months, 0);
      if (r.r->reason.empty()) {
        Add(r, "extension_reason", "reason", "延长预备期须写明原因", true);
      }
    }
    if (!vote) return;
    const Date end = ProbationEnds(vote->date, ExtensionInForce(path_));
    const Date limit = AddMonths(end, kConversionMonths);
    for (const Rec& r : path_.Of(24)) {
      if (r.date < end) {
        Add(r, "probation_not_ended", "date",
            "上级党委审批转正（" + FormatDate(r.date) + "）早于预备期满（" + FormatDate(end) + "）",
            false);
      } else if (r.date > limit) {
        Add(r, "conversion_approval_late", "date",
            "上级党委审批转正（" + FormatDate(r.date) + "）应在预备期满（" + FormatDate(end) +
                "）后三个月内，即不晚于 " + FormatDate(limit),
            true);
      }
    }
  }

  const Candidate& c_;
  Date today_;
  Path path_;
  std::vector<Item> out_;
};

}  // namespace

const std::vector<StepInfo>& Steps() {
  static const std::vector<StepInfo> kSteps = BuildSteps();
  return kSteps;
}

const StepInfo* FindStep(int number) {
  const auto& steps = Steps();
  if (number < 1 || number > static_cast<int>(steps.size())) return nullptr;
  return &steps[static_cast<std::size_t>(number - 1)];
}

std::string StageTitle(int stage) {
  switch (stage) {
    case 1: return "申请入党";
    case 2: return "入党积极分子的确定和培养教育";
    case 3: return "发展对象的确定和考察";
    case 4: return "预备党员的接收";
    case 5: return "预备党员的教育考察和转正";
    default: return "";
  }
}

std::vector<Violation> CheckPath(const Candidate& c, const Date& today) {
  return Checker(c, today).Run();
}

const std::vector<std::pair<std::string, std::string>>& ViolationCodes() {
  static const std::vector<std::pair<std::string, std::string>> kCodes = {
      {"step_unknown", "步骤编号无效"},
      {"date_invalid", "日期无效"},
      {"future_date", "日期晚于今天"},
      {"step_repeated", "步骤重复记录"},
      {"out_of_order", "步骤顺序颠倒"},
      {"prerequisite_missing", "缺少前序步骤"},
      {"birth_date_invalid", "出生日期无效"},
      {"under_age", "申请时未满 18 周岁"},
      {"league_recommendation", "团员未经推优"},
      {"talk_late", "谈话超过一个月"},
      {"review_gap", "考察间隔超过半年"},
      {"activist_under_one_year", "积极分子培养不满一年"},
      {"people_count", "培养联系人或入党介绍人人数不符"},
      {"people_not_full", "培养联系人或入党介绍人不是正式党员"},
      {"political_review_expired", "政审结论超过一年"},
      {"training_short", "集中培训不足 3 天或 24 学时"},
      {"vote_missing", "未记录表决人数"},
      {"vote_inconsistent", "表决人数不一致"},
      {"vote_no_quorum", "到会人数未过半"},
      {"vote_not_passed", "赞成人数未过半"},
      {"approval_late", "审批超过三个月未说明原因"},
      {"approval_too_late", "审批超过六个月"},
      {"probation_not_ended", "预备期未满"},
      {"extension_length", "延长预备期不在 6-12 个月"},
      {"extension_repeated", "预备期重复延长"},
      {"extension_reason", "延长预备期未写明原因"},
      {"conversion_approval_late", "转正审批超过预备期满后三个月"},
  };
  return kCodes;
}

Date ProbationEnds(const Date& vote_date, int extension_months) {
  return AddMonths(vote_date, kProbationMonths + extension_months);
}

std::optional<Probation> ProbationOf(const Candidate& c) {
  const Path p(c);
  const Rec* vote = p.First(15);
  if (!vote) return std::nullopt;
  Probation out;
  out.starts_on = vote->date;
  out.extension_months = ExtensionInForce(p);
  out.ends_on = ProbationEnds(vote->date, out.extension_months);
  if (const Rec* full = p.First(24)) out.full_on = full->date;
  return out;
}

std::vector<Due> NextDue(const Candidate& c, const Date& today) {
  const Path p(c);
  std::vector<Due> out;
  auto add = [&](int step, std::string title, const Date& on) {
    out.push_back(Due{step, std::move(title), on, on < today});
  };
  if (const Rec* a = p.First(1); a && !p.Has(2)) {
    add(2, "党组织派人谈话（递交申请书后一个月内）", AddMonths(a->date, kTalkMonths));
  }
  if (const Rec* activist = p.First(3); activist && !p.Has(7)) {
    Date last = activist->date;
    for (const Rec& r : p.Of(kReviewStep)) last = std::max(last, r.date);
    add(kReviewStep, "培养教育考察（每半年一次）", AddMonths(last, kReviewMonths));
  }
  if (const Rec* review = p.Last(10); review && !p.Has(15)) {
    add(10, "政治审查结论有效期届满（此前召开支部大会，否则重新政审）",
        AddYears(review->date, kReviewValidYears));
  }
  if (const Rec* vote = p.First(15)) {
    if (!p.Has(17)) {
      add(17, "上级党委审批（支部大会讨论后三个月内）", AddMonths(vote->date, kApprovalMonths));
    }
    if (!p.Has(24)) {
      const Date end = ProbationEnds(vote->date, ExtensionInForce(p));
      if (!p.Has(22)) add(22, "提出转正申请（预备期满）", end);
      if (!ConversionVoted(p)) add(23, "支部大会讨论转正（预备期满）", end);
      add(24, "上级党委审批转正（预备期满后三个月内）", AddMonths(end, kConversionMonths));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Due& a, const Due& b) {
    return std::tie(a.due_on, a.step) < std::tie(b.due_on, b.step);
  });
  return out;
}

int StageOf(const Candidate& c) {
  const StepInfo* s = FindStep(Path(c).MaxStep());
  return s ? s->stage : 0;
}

const std::vector<std::string>& Roles() {
  static const std::vector<std::string> kRoles = {"申请人", "积极分子", "发展对象", "预备党员", "正式党员"};
  return kRoles;
}

std::string FirstDateOf(const Candidate& c, int step) {
  const Path p(c);
  const Rec* r = p.First(step);
  return r ? FormatDate(r->date) : std::string();
}

RoleInfo RoleOf(const Candidate& c) {
  const Path p(c);
  auto since = [&](int step) { return FormatDate(p.First(step)->date); };
  if (p.Has(24)) return {"正式党员", since(24)};
  // 入党日期 is the branch vote's date: the approval makes the vote effective from that day.
  if (p.Has(17)) return {"预备党员", p.Has(15) ? since(15) : since(17)};
  if (p.Has(7)) return {"发展对象", since(7)};
  if (p.Has(3)) return {"积极分子", since(3)};
  if (p.Has(1)) return {"申请人", since(1)};
  return {};
}

Result<ValidCandidate> ValidateCandidate(const CandidateInput& in, const Date& today) {
  // The member record's rules, with membership dates that always pass (a candidate has none).
  members::MemberInput m;
  m.name = in.name;
  m.sex = in.sex;
  m.id_number = in.id_number;
  m.ethnicity = in.ethnicity;
  m.education = in.education;
  m.category = in.category;
  m.job = in.job;
  m.phone = in.phone;
  m.status = "预备";
  m.joined_on = FormatDate(today);
  auto v = members::ValidateMember(m, today);
  Errors errors;
  if (!v.ok()) {
    // The 18th-birthday rule on joined_on is the under_age rule of step 1 here.
    for (const auto& e : v.errors())
      if (e.field != "joined_on" && e.field != "full_on" && e.field != "status") errors.push_back(e);
    if (!errors.empty()) return errors;
    // Only the dates failed: the ID number is valid, so recover what it tells.
    m.joined_on = "2999-12-31";
    auto again = members::ValidateMember(m, Date{2999, 12, 31});
    if (!again.ok()) return again.errors();
    v = std::move(again);
  }
  ValidCandidate out;
  const auto& vi = v.value().input;
  out.input = {vi.name, vi.sex, vi.id_number, vi.ethnicity, vi.education, vi.category, vi.job, vi.phone};
  out.birth_date = v.value().birth_date;
  return out;
}

}  // namespace qizhi::party::development
