#include "party/life/rules.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "platform/core/ratio.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::life {
namespace {

constexpr int kMaxMinCount = 99;
constexpr int kMaxFixedDay = 31;
constexpr std::size_t kMaxPlace = 100;
constexpr std::size_t kMaxTopic = 100;
constexpr std::size_t kMaxPerson = 20;
constexpr std::size_t kMaxMinutes = 20000;
constexpr std::size_t kMaxDecisions = 5000;
constexpr std::string_view kOther = "其他";

// Period states of the ledger.
constexpr std::string_view kMet = "met";
constexpr std::string_view kExempt = "exempt";
constexpr std::string_view kOpen = "open";
constexpr std::string_view kMissed = "missed";

std::string N(long long n) { return std::to_string(n); }

bool Blank(std::string_view s) { return Trim(s).empty(); }

bool IsUnitKind(std::string_view k) {
  return k == "committee" || k == "general_branch" || k == "branch" || k == "group";
}

const MeetingType* FindType(std::string_view code) {
  for (const auto& t : MeetingTypes()) {
    if (t.code == code) return &t;
  }
  return nullptr;
}

std::string Verb(std::string_view code) {
  const MeetingType* t = FindType(code);
  return t ? t->verb : "召开";
}

std::string MonthDay(const Date& d) { return N(d.month) + "月" + N(d.day) + "日"; }

// Meetings that count for the rule in [p.start, p.end], held by `today`.
int Held(const UnitLifeFacts& facts, const CadenceRule& rule, const Period& p, const Date& today) {
  int n = 0;
  for (const auto& m : facts.meetings) {
    if (m.type != rule.meeting_type) continue;
    if (!rule.presenter_role.empty() && m.presenter_role != rule.presenter_role) continue;
    const auto d = ParseDate(m.date);
    if (!d || *d > today || *d < p.start || *d > p.end) continue;
    ++n;
  }
  return n;
}

PeriodCount Evaluate(const UnitLifeFacts& facts, const CadenceRule& rule, const Period& p,
                     const Date& today) {
  PeriodCount c;
  c.start = p.start;
  c.end = p.end;
  c.held = Held(facts, rule, p, today);
  c.required = rule.min_count;
  const auto created = ParseDate(facts.created_on);
  if (c.held >= c.required) {
    c.state = kMet;
  } else if (created && *created > p.start) {
    c.state = kExempt;
  } else if (p.end >= today) {
    c.state = kOpen;
  } else {
    c.state = kMissed;
  }
  return c;
}

std::optional<int> FixedDay(const CadenceRule& rule, const UnitLifeFacts& facts) {
  const auto valid = [](int d) { return d >= 1 && d <= kMaxFixedDay; };
  if (rule.meeting_type == kThemeDay && facts.fixed_day && valid(*facts.fixed_day)) return facts.fixed_day;
  if (valid(rule.fixed_day)) return rule.fixed_day;
  return std::nullopt;
}

// "…未召开支部党员大会" / "…党委书记未讲党课" / "…召开支部党员大会1次，应不少于2次".
std::string OverdueMessage(const CadenceRule& rule, const Period& p, int held) {
  const std::string title = MeetingTypeTitle(rule.meeting_type);
  std::string out = PeriodTitle(p, rule.period);
  const std::string verb = rule.presenter_role.empty() ? Verb(rule.meeting_type) : "讲";
  out += rule.presenter_role;
  if (held == 0) return out + "未" + verb + title;
  return out + verb + title + N(held) + "次，应不少于" + N(rule.min_count) + "次";
}

}  // namespace

const std::vector<MeetingType>& MeetingTypes() {
  static const std::vector<MeetingType> kTypes = {
      {std::string(kBranchAssembly), "支部党员大会", "召开"},
      {std::string(kBranchCommittee), "支委会", "召开"},
      {std::string(kGroupMeeting), "党小组会", "召开"},
      {std::string(kPartyLecture), "党课", "上"},
      {std::string(kThemeDay), "主题党日", "开展"},
      {std::string(kLifeMeeting), "组织生活会", "召开"},
      {std::string(kMemberReview), "民主评议党员", "开展"},
      {std::string(kStudy), "集中学习", "开展"},
      {std::string(kCentralGroupStudy), "党委理论学习中心组学习", "开展"},
      {std::string(kHeartTalk), "谈心谈话", "开展"},
  };
  return kTypes;
}

bool IsMeetingType(std::string_view code) { return FindType(code) != nullptr; }

std::string MeetingTypeTitle(std::string_view code) {
  const MeetingType* t = FindType(code);
  return t ? t->title : std::string(code);
}

const std::vector<std::string>& AbsenceReasons() {
  static const std::vector<std::string> kReasons = {"病假", "事假", "公假", std::string(kOther)};
  return kReasons;
}

std::optional<Period> PeriodOf(const Date& date, std::string_view period) {
  Date start{date.year, 1, 1};
  int months = 12;
  if (period == kMonth) {
    start.month = date.month;
    months = 1;
  } else if (period == kQuarter) {
    start.month = (date.month - 1) / 3 * 3 + 1;
    months = 3;
  } else if (period != kYear) {
    return std::nullopt;
  }
  return Period{start, AddDays(AddMonths(start, months), -1)};
}

std::string PeriodTitle(const Period& p, std::string_view period) {
  static const char* const kQuarters[] = {"一", "二", "三", "四"};
  const std::string year = N(p.start.year) + "年";
  if (period == kMonth) return year + N(p.start.month) + "月";
  if (period == kQuarter) return year + "第" + kQuarters[((p.start.month - 1) / 3) % 4] + "季度";
  if (period == kYear) return year;
  return FormatDate(p.start) + "至" + FormatDate(p.end);
}

const std::vector<CadenceRule>& DefaultCadence() {
  const auto rule = [](std::string_view type, std::string applies_to, std::string_view period,
                       std::string presenter_role = "", bool needs_committee = false) {
    CadenceRule r;
    r.meeting_type = std::string(type);
    r.applies_to = std::move(applies_to);
    r.period = std::string(period);
    r.presenter_role = std::move(presenter_role);
    r.needs_committee = needs_committee;
    return r;
  };
  static const std::vector<CadenceRule> kRules = {
      rule(kBranchAssembly, "branch", kQuarter),
      rule(kBranchCommittee, "branch", kMonth, "", true),
      rule(kGroupMeeting, "group", kMonth),
      rule(kPartyLecture, "branch", kQuarter),
      rule(kPartyLecture, "committee", kYear, std::string(kCommitteeSecretary)),
      rule(kPartyLecture, "branch", kYear, std::string(kBranchSecretary)),
      rule(kThemeDay, "branch", kMonth),
      rule(kLifeMeeting, "branch", kYear),
      rule(kMemberReview, "branch", kYear),
      rule(kHeartTalk, "branch", kYear),
  };
  return kRules;
}

Status ValidateCadenceRule(const CadenceRule& rule) {
  Errors errors;
  if (!IsMeetingType(rule.meeting_type)) errors.push_back(Invalid("meeting_type", "会议类型无效"));
  if (!IsUnitKind(rule.applies_to)) {
    errors.push_back(Invalid("applies_to", "适用组织应为党委、党总支、党支部或党小组"));
  }
  if (!PeriodOf(Date{2000, 1, 1}, rule.period)) {
    errors.push_back(Invalid("period", "周期应为每月、每季度或每年"));
  }
  if (rule.min_count < 1 || rule.min_count > kMaxMinCount) {
    errors.push_back(Invalid("min_count", "每周期最少次数应为 1 至 99"));
  }
  if (!rule.presenter_role.empty() && rule.presenter_role != kCommitteeSecretary &&
      rule.presenter_role != kBranchSecretary) {
    errors.push_back(Invalid("presenter_role", "主讲人应为空、党委书记或支部书记"));
  }
  if (rule.fixed_day < 0 || rule.fixed_day > kMaxFixedDay) {
    errors.push_back(Invalid("fixed_day", "固定日应为 1 至 31，0 表示不固定"));
  }
  if (errors.empty()) return Ok();
  return errors;
}

bool Applies(const CadenceRule& rule, const UnitLifeFacts& facts) {
  return rule.applies_to == facts.kind && (!rule.needs_committee || facts.has_committee) &&
         PeriodOf(Date{2000, 1, 1}, rule.period).has_value();
}

std::vector<Overdue> OverdueRules(const UnitLifeFacts& facts, const std::vector<CadenceRule>& rules,
                                  const Date& today) {
  std::vector<Overdue> out;
  for (const auto& rule : rules) {
    if (!Applies(rule, facts)) continue;
    const Period current = *PeriodOf(today, rule.period);
    const Period last = *PeriodOf(AddDays(current.start, -1), rule.period);
    const PeriodCount c = Evaluate(facts, rule, last, today);
    if (c.state != kMissed) continue;
    out.push_back({rule, last.start, last.end, c.held, c.required, OverdueMessage(rule, last, c.held)});
  }
  return out;
}

std::vector<Due> DueRules(const UnitLifeFacts& facts, const std::vector<CadenceRule>& rules,
                          const Date& today) {
  std::vector<Due> out;
  for (const auto& rule : rules) {
    if (!Applies(rule, facts)) continue;
    const Period current = *PeriodOf(today, rule.period);
    const PeriodCount c = Evaluate(facts, rule, current, today);
    if (c.state != kOpen) continue;
    Due due{rule, current.start, current.end, std::nullopt, c.held, c.required, ""};
    std::string msg = PeriodTitle(current, rule.period) + rule.presenter_role + "尚需" +
                      (rule.presenter_role.empty() ? Verb(rule.meeting_type) : "讲") +
                      MeetingTypeTitle(rule.meeting_type) + N(c.required - c.held) + "次";
    const auto day = FixedDay(rule, facts);
    if (day && rule.period == kMonth) {
      due.fixed_on = Date{current.start.year, current.start.month, std::min(*day, current.end.day)};
      msg += "（固定日" + MonthDay(*due.fixed_on) + "）";
    }
    due.message = msg + "，截止" + MonthDay(current.end);
    out.push_back(std::move(due));
  }
  return out;
}

std::vector<PeriodCount> CadenceHistory(const UnitLifeFacts& facts, const CadenceRule& rule, const Date& from,
                                        const Date& to, const Date& today) {
  std::vector<PeriodCount> out;
  if (from > to || !Applies(rule, facts)) return out;
  for (auto p = PeriodOf(from, rule.period); p && p->start <= to;
       p = PeriodOf(AddDays(p->end, 1), rule.period)) {
    out.push_back(Evaluate(facts, rule, *p, today));
  }
  return out;
}

int MoreThanHalf(int n) { return std::max(n, 0) / 2 + 1; }

QuorumCheck Quorum(int voting_members, int present) {
  QuorumCheck q;
  q.voting = std::max(voting_members, 0);
  q.present = std::clamp(present, 0, q.voting);
  q.needed = MoreThanHalf(q.voting);
  q.has_quorum = q.voting > 0 && static_cast<long long>(q.present) * 2 > q.voting;
  if (q.voting == 0) {
    q.message = "没有有表决权的党员，不能表决";
  } else if (q.has_quorum) {
    q.message = "应到有表决权党员" + N(q.voting) + "名，实到" + N(q.present) + "名，超过半数，可以表决";
  } else {
    q.message = "应到有表决权党员" + N(q.voting) + "名，实到" + N(q.present) + "名，未超过半数（需" +
                N(q.needed) + "名），不能表决";
  }
  return q;
}

bool Passed(int voting_members, int in_favour) {
  return voting_members > 0 && static_cast<long long>(in_favour) * 2 > voting_members;
}

std::optional<int> AttendanceRate(int should, int came) {
  if (should <= 0) return std::nullopt;
  return PerMille(std::clamp(came, 0, should), should);
}

bool IsClockTime(std::string_view t) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return t.size() == 5 && t[2] == ':' && digit(t[0]) && digit(t[1]) && digit(t[3]) && digit(t[4]) &&
         (t[0] - '0') * 10 + (t[1] - '0') <= 23 && t[3] <= '5';
}

Status ValidateMeeting(const MeetingInput& in, const Date& today) {
  Errors errors;
  if (in.type.empty()) {
    errors.push_back(Invalid("type", "请选择会议类型"));
  } else if (!IsMeetingType(in.type)) {
    errors.push_back(Invalid("type", "会议类型无效"));
  }
  if (in.date.empty()) {
    errors.push_back(Invalid("date", "请填写会议日期"));
  } else if (const auto d = ParseDate(in.date); !d) {
    errors.push_back(Invalid("date", "会议日期应为有效日期（YYYY-MM-DD）"));
  } else if (*d > today) {
    errors.push_back(Invalid("date", "会议日期不能晚于今天"));
  }
  if (in.start_time.empty()) {
    errors.push_back(Invalid("start_time", "请填写会议开始时间"));
  } else if (!IsClockTime(in.start_time)) {
    errors.push_back(Invalid("start_time", "开始时间应为 HH:MM（00:00 至 23:59）"));
  }
  const auto text = [&errors](std::string_view field, std::string_view value, std::string_view label,
                              std::size_t max, bool required) {
    const std::string v = Trim(value);
    if (v.empty()) {
      if (required) errors.push_back(Invalid(std::string(field), "请填写" + std::string(label)));
    } else if (Utf8Length(v) > max) {
      errors.push_back(Invalid(std::string(field),
                               std::string(label) + "不能超过 " + N(static_cast<long long>(max)) + " 字"));
    }
  };
  text("place", in.place, "会议地点", kMaxPlace, true);
  text("topic", in.topic, "会议主题", kMaxTopic, true);
  text("presenter", in.presenter, "主持人（主讲人）", kMaxPerson, true);
  text("recorder", in.recorder, "记录人", kMaxPerson, true);
  text("minutes", in.minutes, "会议记录", kMaxMinutes, false);
  text("decisions", in.decisions, "会议决定", kMaxDecisions, false);
  if (errors.empty()) return Ok();
  return errors;
}

Status ValidateAttendance(const AttendanceInput& in) {
  Errors errors;
  const std::set<long long> computed(in.computed.begin(), in.computed.end());
  const std::set<long long> should(in.should.begin(), in.should.end());
  const std::set<long long> came(in.came.begin(), in.came.end());
  std::set<long long> absent;
  for (const auto& a : in.absent) absent.insert(a.member_id);

  if (should != computed && Blank(in.should_reason)) {
    errors.push_back(Invalid("should_reason", "应到人员与本组织当日党员名单不一致，请说明调整原因"));
  }
  if (should.size() != in.should.size()) errors.push_back(Invalid("should", "应到人员有重复"));
  if (came.size() != in.came.size()) errors.push_back(Invalid("came", "实到人员有重复"));
  const auto outside = [&should](const std::set<long long>& s) {
    return std::count_if(s.begin(), s.end(), [&should](long long id) { return !should.contains(id); });
  };
  if (const auto n = outside(came); n > 0) {
    errors.push_back(Invalid("came", "有 " + N(n) + " 名实到人员不在应到名单中"));
  }
  if (absent.size() != in.absent.size()) errors.push_back(Invalid("absent", "缺席人员有重复"));
  if (const auto n = outside(absent); n > 0) {
    errors.push_back(Invalid("absent", "有 " + N(n) + " 名缺席人员不在应到名单中"));
  }
  if (const auto n =
          std::count_if(absent.begin(), absent.end(), [&came](long long id) { return came.contains(id); });
      n > 0) {
    errors.push_back(Invalid("absent", "有 " + N(n) + " 名人员同时登记为实到和缺席"));
  }
  const auto& reasons = AbsenceReasons();
  if (std::any_of(in.absent.begin(), in.absent.end(), [&reasons](const Absence& a) {
        return std::find(reasons.begin(), reasons.end(), a.reason) == reasons.end();
      })) {
    errors.push_back(Invalid("absent", "缺席原因应为病假、事假、公假或其他"));
  }
  if (std::any_of(in.absent.begin(), in.absent.end(),
                  [](const Absence& a) { return a.reason == kOther && Blank(a.note); })) {
    errors.push_back(Invalid("absent", "缺席原因为“其他”的，请说明具体原因"));
  }
  if (const auto n = std::count_if(should.begin(), should.end(),
                                   [&](long long id) { return !came.contains(id) && !absent.contains(id); });
      n > 0) {
    errors.push_back(Invalid("absent", "有 " + N(n) + " 名应到人员未登记实到或缺席"));
  }
  if (errors.empty()) return Ok();
  return errors;
}

}  // namespace qizhi::party::life
