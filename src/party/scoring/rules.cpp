#include "party/scoring/rules.hpp"

#include <algorithm>
#include <set>

#include "platform/core/ratio.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::scoring {

namespace {
std::string N(long long n) { return std::to_string(n); }
bool IsCode(std::string_view s) {
  return !s.empty() && s.size() <= 40 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}
}  // namespace

const std::vector<Checklist>& DefaultChecklists() {
  // 六有: the venue standard of a branch's activity room; 支部工作: what the 支部工作条例 asks of
  // a branch in a year, as the party office inspects it.
  static const std::vector<Checklist> kLists = {
      {std::string(kLiuyou),
       "党支部活动阵地“六有”标准",
       {{"rules", "有制度", 10, "党支部工作制度、三会一课制度等上墙"},
        {"flag", "有党旗", 10, "党旗悬挂规范"},
        {"oath", "有誓词", 10, "入党誓词上墙"},
        {"board", "有专栏", 10, "党务公开栏或宣传专栏，内容及时更新"},
        {"computer", "有电脑", 10, "配备开展党务工作和远程教育的电脑"},
        {"ledger", "有台账", 10, "三会一课、党员发展、党费收缴等台账齐全规范"}}},
      {std::string(kBranchWork),
       "党支部工作检查",
       {{"three_one", "三会一课", 20, "按期召开支部党员大会、支委会、党小组会，按时上党课"},
        {"theme_day", "主题党日", 10, "每月开展主题党日活动"},
        {"life_meeting", "组织生活会和民主评议", 10, "每年召开组织生活会，开展民主评议党员"},
        {"development", "发展党员", 10, "严格按程序发展党员，材料完整"},
        {"dues", "党费收缴", 10, "按月足额交纳党费，台账清楚"},
        {"records", "记录规范", 10, "会议记录完整，签到齐全"}}},
  };
  return kLists;
}

Status ValidateChecklist(const Checklist& c) {
  Errors errors;
  if (!IsCode(c.code)) errors.push_back(Invalid("code", "检查表代码应为 1-40 位小写字母、数字或下划线"));
  const std::string title = Trim(c.title);
  if (title.empty()) errors.push_back(Invalid("title", "请填写检查表名称"));
  else if (Utf8Length(title) > 60) errors.push_back(Invalid("title", "检查表名称不能超过 60 字"));
  if (c.items.empty()) errors.push_back(Invalid("items", "检查表至少应有一个检查项目"));
  if (c.items.size() > 50) errors.push_back(Invalid("items", "检查项目不能超过 50 项"));
  std::set<std::string> seen;
  for (size_t i = 0; i < c.items.size() && i < 50; ++i) {
    const auto& it = c.items[i];
    const std::string at = "items[" + N(static_cast<long long>(i)) + "].";
    if (!IsCode(it.code)) errors.push_back(Invalid(at + "code", "检查项目代码应为 1-40 位小写字母、数字或下划线"));
    else if (!seen.insert(it.code).second) errors.push_back(Invalid(at + "code", "检查项目代码重复：" + it.code));
    const std::string t = Trim(it.title);
    if (t.empty()) errors.push_back(Invalid(at + "title", "请填写检查项目名称"));
    else if (Utf8Length(t) > 60) errors.push_back(Invalid(at + "title", "检查项目名称不能超过 60 字"));
    if (it.max_score < 1 || it.max_score > 100) errors.push_back(Invalid(at + "max_score", "检查项目满分应为 1 至 100 分"));
    if (Utf8Length(it.guidance) > 500) errors.push_back(Invalid(at + "guidance", "评分说明不能超过 500 字"));
  }
  if (!errors.empty()) return errors;
  return Ok();
}

int MaxTotal(const Checklist& c) {
  int total = 0;
  for (const auto& it : c.items) total += it.max_score;
  return total;
}

Status ValidateScores(const Checklist& c, const std::vector<ItemScore>& scores) {
  Errors errors;
  std::set<std::string> seen;
  for (size_t i = 0; i < scores.size(); ++i) {
    const auto& s = scores[i];
    const std::string at = "scores[" + N(static_cast<long long>(i)) + "].";
    auto item = std::find_if(c.items.begin(), c.items.end(), [&](const ChecklistItem& x) { return x.code == s.code; });
    if (item == c.items.end()) {
      errors.push_back(Invalid(at + "code", "检查表中没有该检查项目：" + s.code));
      continue;
    }
    if (!seen.insert(s.code).second) {
      errors.push_back(Invalid(at + "code", "检查项目重复评分：" + item->title));
      continue;
    }
    if (s.score < 0 || s.score > item->max_score)
      errors.push_back(Invalid(at + "score", item->title + "的得分应在 0 至 " + N(item->max_score) + " 分之间"));
    if (Utf8Length(s.note) > 200) errors.push_back(Invalid(at + "note", item->title + "的说明不能超过 200 字"));
  }
  for (const auto& item : c.items)
    if (!seen.count(item.code))
      errors.push_back(Invalid("scores", "请为检查项目“" + item.title + "”评分"));
  if (!errors.empty()) return errors;
  return Ok();
}

int TotalOf(const std::vector<ItemScore>& scores) {
  int total = 0;
  for (const auto& s : scores) total += s.score;
  return total;
}

std::string_view MeasureCode(Measure m) {
  switch (m) {
    case Measure::kInspection: return "inspection";
    case Measure::kMeetings: return "meetings";
    case Measure::kStudy: return "study";
    case Measure::kDues: return "dues";
  }
  return "";
}

std::string_view MeasureTitle(Measure m) {
  switch (m) {
    case Measure::kInspection: return "检查评分";
    case Measure::kMeetings: return "组织生活按期开展";
    case Measure::kStudy: return "学习出勤";
    case Measure::kDues: return "按期交纳党费";
  }
  return "";
}

int Weights::Of(Measure m) const {
  switch (m) {
    case Measure::kInspection: return inspection;
    case Measure::kMeetings: return meetings;
    case Measure::kStudy: return study;
    case Measure::kDues: return dues;
  }
  return 0;
}

std::optional<int> Measures::Of(Measure m) const {
  switch (m) {
    case Measure::kInspection: return inspection;
    case Measure::kMeetings: return meetings;
    case Measure::kStudy: return study;
    case Measure::kDues: return dues;
  }
  return std::nullopt;
}

Status ValidateWeights(const Weights& w) {
  Errors errors;
  long long sum = 0;
  for (Measure m : kMeasures) {
    const int v = w.Of(m);
    if (v < 0 || v > 100)
      errors.push_back(Invalid("weights." + std::string(MeasureCode(m)), std::string(MeasureTitle(m)) + "的权重应在 0 至 100 之间"));
    sum += v;
  }
  if (errors.empty() && sum != 100) errors.push_back(Invalid("weights", "各项权重之和应为 100，现为 " + N(sum)));
  if (!errors.empty()) return errors;
  return Ok();
}

Assessment Assess(const Measures& m, const Weights& w) {
  Assessment a;
  long long num = 0, den = 0;
  for (Measure k : kMeasures) {
    const int weight = w.Of(k);
    if (weight <= 0) continue;
    const auto value = m.Of(k);
    if (!value) {
      a.missing.emplace_back(MeasureCode(k));
      continue;
    }
    num += static_cast<long long>(weight) * std::clamp(*value, 0, 1000);
    den += weight;
    a.used.emplace_back(MeasureCode(k));
  }
  if (den > 0) a.score = static_cast<int>(*RoundedDiv(num, den));
  return a;
}

void Rank(std::vector<Ranked>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const Ranked& a, const Ranked& b) {
    if (a.score.has_value() != b.score.has_value()) return a.score.has_value();
    if (a.score && *a.score != *b.score) return *a.score > *b.score;
    return a.unit_path < b.unit_path;
  });
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i].score) {
      rows[i].rank = 0;
      continue;
    }
    rows[i].rank = (i > 0 && rows[i - 1].score == rows[i].score) ? rows[i - 1].rank : static_cast<int>(i) + 1;
  }
}

std::optional<int> CadenceCompliance(const CadenceTally& t) {
  const long long judged = static_cast<long long>(t.met) + t.missed + t.open_met;
  auto r = PerMille(static_cast<long long>(t.met) + t.open_met, judged);
  if (!r) return std::nullopt;
  return *r;
}

std::string ScoreText(int per_mille) {
  const int v = std::max(per_mille, 0);
  return N(v / 10) + "." + N(v % 10);
}

const std::vector<std::string>& CommendationKinds() {
  static const std::vector<std::string> kKinds = {std::string(kAdvancedBranch), std::string(kOutstandingWorker),
                                                  std::string(kOutstandingMember)};
  return kKinds;
}

bool IsCommendationKind(std::string_view kind) {
  const auto& k = CommendationKinds();
  return std::find(k.begin(), k.end(), kind) != k.end();
}

std::string KindTitle(std::string_view kind) {
  if (kind == kAdvancedBranch) return "先进党支部";
  if (kind == kOutstandingWorker) return "优秀党务工作者";
  if (kind == kOutstandingMember) return "优秀共产党员";
  return std::string(kind);
}

bool IsForUnit(std::string_view kind) { return kind == kAdvancedBranch; }

Result<int> ParseYear(std::string_view text, const Date& today, const std::string& field) {
  if (text.empty()) return Invalid(field, "请选择年度");
  const bool digits = text.size() == 4 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) return Invalid(field, "年度格式应为 YYYY");
  const int year = std::stoi(std::string(text));
  if (year < kFirstYear || year > today.year)
    return Invalid(field, "年度应在 " + N(kFirstYear) + " 年至 " + N(today.year) + " 年之间");
  return year;
}

Status ValidateCommendation(const CommendationInput& in, const Date& today) {
  Errors errors;
  if (!IsCommendationKind(in.kind)) errors.push_back(Invalid("kind", "表彰类别应为 先进党支部、优秀党务工作者 或 优秀共产党员"));
  const bool year_ok = in.year >= kFirstYear && in.year <= today.year;
  if (!year_ok) errors.push_back(Invalid("year", "表彰年度应在 " + N(kFirstYear) + " 年至 " + N(today.year) + " 年之间"));
  const auto on = ParseDate(in.decided_on);
  if (in.decided_on.empty()) errors.push_back(Invalid("decided_on", "请填写表彰决定日期"));
  else if (!on) errors.push_back(Invalid("decided_on", "表彰决定日期格式应为 YYYY-MM-DD"));
  else if (*on > today) errors.push_back(Invalid("decided_on", "表彰决定日期不能晚于今天"));
  else if (year_ok && (on->year < in.year || on->year > in.year + 1))
    errors.push_back(Invalid("decided_on", "表彰决定日期应在表彰年度或其次年"));
  const std::string basis = Trim(in.basis);
  if (basis.empty()) errors.push_back(Invalid("basis", "请填写表彰依据（决定机关及文号）"));
  else if (Utf8Length(basis) > 200) errors.push_back(Invalid("basis", "表彰依据不能超过 200 字"));
  if (!errors.empty()) return errors;
  return Ok();
}

}  // namespace qizhi::party::scoring
