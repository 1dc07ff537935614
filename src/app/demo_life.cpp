// 三会一课 and other meetings for the demo hospitals: the last fifteen months to today, by the
// default cadence, with realistic topics, places, presenters and attendance (about nine in ten
// come; the others are absent with a reason). Most units are on cadence; a few are overdue on
// purpose, and the tests and the browser test rely on exactly these:
//   江北 内科党支部 (the secretary's branch): no 支部党员大会 in the last ended quarter, nothing else;
//   大足 玉龙镇卫生院党支部: no 主题党日 last month; 大足 后勤第二党支部: no 党课 last quarter;
//   长寿 康复医学科党支部: no 主题党日 last month and no 党课 last quarter.
// The generated benchmark hospital (tenant 5) gets three years of meetings without attendance
// lines (counts only), every seventh branch missing its last 支部党员大会.
// Units are given an established_on of 2012-07-01 (so every period is judged) and branches a
// fixed 主题党日 (the 10th, 15th or 20th). Deterministic for a given `today`.
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <tuple>

#include "app/demo_parts.hpp"
#include "party/life/cadence.hpp"
#include "party/life/plan_store.hpp"
#include "party/life/rules.hpp"
#include "party/life/store.hpp"
#include "platform/core/date.hpp"
#include "platform/db/query.hpp"

namespace qizhi::app {
namespace life = party::life;
using platform::db::Exec;
using platform::db::Fetch;
using platform::db::FetchOne;
using platform::db::Query;

namespace {

const std::vector<std::string>& Topics(const std::string& type) {
  static const std::map<std::string, std::vector<std::string>> kTopics = {
      {std::string(life::kBranchAssembly),
       {"传达上级党委会议精神，部署本季度支部工作", "学习贯彻党的二十大精神", "讨论发展对象接收预备党员",
        "通报党费收缴情况，开展党员教育管理", "推荐优秀共产党员人选", "支部上半年工作总结"}},
      {std::string(life::kBranchCommittee),
       {"研究本月支部工作安排", "研究入党积极分子培养考察情况", "研究“我为群众办实事”项目推进",
        "研究党员先锋岗排班", "研究医德医风建设工作", "研究科室意识形态工作"}},
      {std::string(life::kGroupMeeting),
       {"学习《中国共产党支部工作条例（试行）》", "交流党员先锋岗服务情况",
        "学习习近平总书记关于卫生健康工作的重要论述", "讨论改进门诊服务流程", "交流健康扶贫入户体会"}},
      {std::string(life::kPartyLecture),
       {"不忘初心、牢记使命，做人民健康守护者", "学习党史，传承红色基因", "以高质量党建引领医院高质量发展",
        "新时代医务工作者的职业精神", "廉洁从业，守住底线"}},
      {std::string(life::kThemeDay),
       {"重温入党誓词", "走进社区开展义诊", "参观红岩革命纪念馆", "党员先锋岗志愿服务", "健康扶贫进村入户",
        "学习身边先进典型"}},
      {std::string(life::kCentralGroupStudy),
       {"学习贯彻习近平新时代中国特色社会主义思想", "学习《关于加强公立医院党的建设工作的意见》",
        "学习全国卫生健康工作会议精神", "专题学习意识形态工作责任制"}},
  };
  static const std::vector<std::string> kNone;
  auto it = kTopics.find(type);
  return it == kTopics.end() ? kNone : it->second;
}

struct Planned {
  int64_t unit = 0;  // index into units
  std::string type, date, time, topic, lecturer_level;
  bool has_votes = false;
};

struct RollEntry {
  int64_t member_id;
  std::string name;
  std::string path;
  std::string started_on, ended_on, joined_on, full_on;
};

class Seeder {
 public:
  Seeder(DemoContext& c, int64_t tenant) : c_(c), tenant_(tenant), rng_(static_cast<unsigned>(tenant) * 7919u) {}

  Status Run(const Date& from, bool attendance) {
    attendance_ = attendance;
    Query est("UPDATE org_units SET established_on = '2012-07-01' WHERE tenant_id = :t");
    est.Set("t", tenant_);
    Exec(c_.sql, est);
    Query day(
        "UPDATE org_units SET theme_day = 10 + (id % 3) * 5 WHERE tenant_id = :t AND kind = 'branch'");
    day.Set("t", tenant_);
    Exec(c_.sql, day);
    units_ = life::CadenceUnits(c_.sql, WholeTenant(tenant_));
    LoadPeople();
    today_ = *ParseDate(c_.today);
    for (size_t i = 0; i < units_.size(); ++i) Plan(static_cast<int64_t>(i), from);
    return attendance_ ? InsertWithAttendance() : InsertBulk();
  }

 private:
  unsigned Next(unsigned n) { return static_cast<unsigned>(rng_() % n); }

  void LoadPeople() {
    Query posts(
        "SELECT p.unit_id, p.title, m.name FROM member_posts p JOIN members m ON m.tenant_id = p.tenant_id AND m.id = "
        "p.member_id WHERE p.tenant_id = :t AND p.kind = 'party' AND p.ended_on IS NULL ORDER BY p.started_on, p.id");
    posts.Set("t", tenant_);
    for (const auto& r : Fetch(c_.sql, posts)) {
      auto& held = posts_[r.Int("unit_id")];
      if (!held.count(r.Str("title"))) held[r.Str("title")] = r.Str("name");
    }
    if (!attendance_) return;
    Query roll(
        "SELECT mu.member_id, m.name, o.path, mu.started_on, mu.ended_on, m.joined_on, m.full_on FROM member_units mu "
        "JOIN members m ON m.tenant_id = mu.tenant_id AND m.id = mu.member_id JOIN org_units o ON o.tenant_id = "
        "mu.tenant_id AND o.id = mu.unit_id WHERE mu.tenant_id = :t ORDER BY o.path, m.name, m.id");
    roll.Set("t", tenant_);
    for (const auto& r : Fetch(c_.sql, roll)) {
      names_[r.Int("member_id")] = r.Str("name");
      roll_.push_back({r.Int("member_id"), r.Str("name"), r.Str("path"), r.Str("started_on"), r.Str("ended_on"),
                       r.Str("joined_on"), r.Str("full_on")});
    }
    Query committees("SELECT unit_id, members_json FROM org_committees WHERE tenant_id = :t AND superseded_at IS NULL");
    committees.Set("t", tenant_);
    for (const auto& r : Fetch(c_.sql, committees)) {
      auto j = nlohmann::json::parse(r.Str("members_json"), nullptr, false);
      if (!j.is_array()) continue;
      for (const auto& m : j)
        if (m.contains("member_id")) committee_[r.Int("unit_id")].push_back(m["member_id"].get<int64_t>());
    }
  }

  // Deliberate gaps (see the top of the file).
  bool Skip(const life::LifeUnit& u, const std::string& type, const Date& d) const {
    const life::Period month = *life::PeriodOf(today_, life::kMonth);
    const Date last_month = life::PeriodOf(AddDays(month.start, -1), life::kMonth)->start;
    const auto quarter = *life::PeriodOf(today_, life::kQuarter);
    const auto last_quarter = *life::PeriodOf(AddDays(quarter.start, -1), life::kQuarter);
    const bool in_last_month = d >= last_month && d < month.start;
    const bool in_last_quarter = d >= last_quarter.start && d <= last_quarter.end;
    const auto is = [&](int64_t t, const char* name) { return tenant_ == t && u.name == name; };
    if (type == life::kBranchAssembly && in_last_quarter && is(3, "内科党支部")) return true;
    if (type == life::kThemeDay && in_last_month && (is(2, "玉龙镇卫生院党支部") || is(4, "康复医学科党支部"))) return true;
    if (type == life::kPartyLecture && in_last_quarter && (is(2, "后勤第二党支部") || is(4, "康复医学科党支部"))) return true;
    if (tenant_ == 5 && u.kind == "branch" && u.id % 7 == 0 && type == life::kBranchAssembly && in_last_quarter) return true;
    return false;
  }

  void Add(int64_t unit, std::string type, const Date& d, std::string topic, std::string level = "",
           bool votes = false) {
    if (d > today_ || Skip(units_[static_cast<size_t>(unit)], type, d)) return;
    static const char* const kTimes[] = {"14:30", "16:00", "12:00", "15:00"};
    if (topic.empty()) {
      const auto& topics = Topics(type);
      topic = topics.empty() ? life::MeetingTypeTitle(type) : topics[Next(static_cast<unsigned>(topics.size()))];
    }
    planned_.push_back({unit, std::move(type), FormatDate(d), kTimes[Next(4)], std::move(topic), std::move(level), votes});
  }

  void Plan(int64_t i, const Date& from) {
    const auto& u = units_[static_cast<size_t>(i)];
    for (Date m{from.year, from.month, 1}; m <= today_; m = AddMonths(m, 1)) {
      const int q = (m.month - 1) % 3;  // month within the quarter
      const auto day = [&](int d) { return Date{m.year, m.month, d}; };
      if (u.kind == "branch") {
        Add(i, std::string(life::kThemeDay), day(u.theme_day.value_or(15)), "");
        if (u.has_committee) Add(i, std::string(life::kBranchCommittee), day(5), "");
        if (q == 1)
          Add(i, std::string(life::kBranchAssembly), day(20), m.month == 11 ? "讨论发展对象接收预备党员" : "", "",
              m.month == 11);
        if (q == 2) Add(i, std::string(life::kPartyLecture), day(25), "", m.month == 12 ? "支部书记" : "其他");
        if (m.month == 12) {
          const std::string year = std::to_string(m.year);
          Add(i, std::string(life::kLifeMeeting), day(10), year + "年度组织生活会");
          Add(i, std::string(life::kMemberReview), day(16), year + "年度民主评议党员");
          Add(i, std::string(life::kHeartTalk), day(3), year + "年度谈心谈话");
        }
      } else if (u.kind == "group") {
        Add(i, std::string(life::kGroupMeeting), day(8), "");
      } else if (u.kind == "committee") {
        Add(i, std::string(life::kCentralGroupStudy), day(12), "", "党委书记");
        if (m.month == 12) Add(i, std::string(life::kPartyLecture), day(18), "以高质量党建引领医院高质量发展", "党委书记");
      }
    }
  }

  // The unit's 书记 presides (a 党小组's 组长); a 党课 not given by the 支部书记 is the 组织委员's.
  std::string Presenter(const life::LifeUnit& u, const Planned& p) {
    const auto& held = posts_[u.id];
    if (p.type == life::kPartyLecture && p.lecturer_level == "其他" && held.count("组织委员")) return held.at("组织委员");
    for (const char* t : {"书记", "副书记", "党小组组长", "组织委员"}) {
      auto it = held.find(t);
      if (it != held.end()) return it->second;
    }
    return "王志刚";
  }
  std::string Recorder(const life::LifeUnit& u) {
    const auto& held = posts_[u.id];
    for (const char* t : {"宣传委员", "组织委员", "纪检委员"}) {
      auto it = held.find(t);
      if (it != held.end()) return it->second;
    }
    return "刘芳";
  }
  std::string Place(const life::LifeUnit& u) {
    static const char* const kPlaces[] = {"党员活动室", "住院部三楼会议室", "门诊楼五楼会议室", "行政楼一楼大会议室"};
    if (u.kind == "committee") return "行政楼一楼大会议室";
    return kPlaces[Next(4)];
  }

  Status InsertWithAttendance() {
    static const char* const kReasons[] = {"病假", "事假", "公假", "其他"};
    static const char* const kNotes[] = {"", "家中有事", "外出参加进修学习", "夜班轮休"};
    std::vector<std::pair<int64_t, life::AttendanceLine>> lines;
    std::vector<life::MeetingRecord> records;
    std::vector<std::vector<life::AttendanceLine>> pending;
    for (const auto& p : planned_) {
      const auto& u = units_[static_cast<size_t>(p.unit)];
      // Who should attend: the unit's roll that day; a 党委's meetings: its elected committee.
      std::vector<std::pair<int64_t, std::string>> should;
      std::set<int64_t> full;
      std::string should_reason;
      if (u.kind == "committee" || u.kind == "general_branch") {
        for (int64_t id : committee_[u.id])
          if (names_.count(id)) should.push_back({id, names_[id]});
        should_reason = "参加人员为委员会委员";
      } else {
        for (const auto& r : roll_) {
          if (r.path.compare(0, u.path.size(), u.path) != 0) continue;
          if (r.started_on > p.date || (!r.ended_on.empty() && r.ended_on <= p.date) || r.joined_on > p.date) continue;
          should.push_back({r.member_id, r.name});
          if (!r.full_on.empty() && r.full_on <= p.date) full.insert(r.member_id);
        }
      }
      life::MeetingRecord m;
      m.tenant_id = tenant_;
      m.unit_id = u.id;
      m.unit_path = u.path;
      m.type = p.type;
      m.held_on = p.date;
      m.start_time = p.time;
      m.place = Place(u);
      m.topic = p.topic;
      m.presenter = Presenter(u, p);
      m.recorder = Recorder(u);
      m.lecturer_level = p.lecturer_level;
      m.minutes = "会议由" + m.presenter + "主持。" + m.topic + "。与会党员结合本职工作进行了交流发言。";
      m.has_votes = p.has_votes;
      m.should_reason = should.empty() ? "" : should_reason;
      std::vector<life::AttendanceLine> mine;
      int64_t voting = 0, present = 0;
      for (const auto& [id, name] : should) {
        life::AttendanceLine l{id, name, Next(10) != 0, "", ""};
        if (!l.came) {
          const unsigned k = Next(4);
          l.absence_reason = kReasons[k];
          l.absence_note = k == 3 ? kNotes[1 + Next(3)] : "";
        }
        if (full.count(id)) {
          ++voting;
          if (l.came) ++present;
        }
        m.came_count += l.came ? 1 : 0;
        mine.push_back(std::move(l));
      }
      m.should_count = static_cast<int64_t>(mine.size());
      if (m.has_votes) {
        m.voting = voting;
        m.present_voting = present;
      }
      records.push_back(std::move(m));
      pending.push_back(std::move(mine));
    }
    // Meetings in bulk, then their ids by (unit, type, day), which the plan never repeats.
    InsertRecords(records);
    std::map<std::tuple<int64_t, std::string, std::string>, int64_t> ids;
    Query back("SELECT id, unit_id, type, held_on FROM meetings WHERE tenant_id = :t");
    back.Set("t", tenant_);
    for (const auto& r : Fetch(c_.sql, back)) ids[{r.Int("unit_id"), r.Str("type"), r.Str("held_on")}] = r.Int("id");
    for (size_t k = 0; k < records.size(); ++k) {
      const int64_t id = ids[{records[k].unit_id, records[k].type, records[k].held_on}];
      for (auto& l : pending[k]) lines.push_back({id, std::move(l)});
    }
    // Attendance of all meetings, many rows per statement.
    constexpr size_t kSlice = 12;  // SOCI binds named values in quadratic time: small statements
    for (size_t start = 0; start < lines.size(); start += kSlice) {
      Query q("INSERT INTO meeting_attendance (tenant_id, meeting_id, member_id, came, absence_reason, absence_note) VALUES ");
      for (size_t i = start; i < std::min(lines.size(), start + kSlice); ++i) {
        const auto& [mid, l] = lines[i];
        if (i > start) q << ", ";
        q << "(" << q.Bind(tenant_) << ", " << q.Bind(mid) << ", " << q.Bind(l.member_id) << ", "
          << q.Bind(static_cast<int64_t>(l.came ? 1 : 0)) << ", "
          << (l.absence_reason.empty() ? q.BindNull() : q.Bind(l.absence_reason)) << ", "
          << (l.absence_note.empty() ? q.BindNull() : q.Bind(l.absence_note)) << ")";
      }
      Exec(c_.sql, q);
    }
    return Ok();
  }

  // The benchmark hospital: meetings only (counts, no attendance lines).
  Status InsertBulk() {
    std::vector<life::MeetingRecord> records;
    for (const auto& p : planned_) {
      const auto& u = units_[static_cast<size_t>(p.unit)];
      life::MeetingRecord m;
      m.unit_id = u.id;
      m.unit_path = u.path;
      m.type = p.type;
      m.held_on = p.date;
      m.start_time = p.time;
      m.place = Place(u);
      m.topic = p.topic;
      m.presenter = Presenter(u, p);
      m.recorder = Recorder(u);
      m.lecturer_level = p.lecturer_level;
      m.should_count = 30;
      m.came_count = 27;
      records.push_back(std::move(m));
    }
    InsertRecords(records);
    return Ok();
  }

  // Many meetings per statement: one INSERT … RETURNING per meeting would dominate the demo's time.
  void InsertRecords(const std::vector<life::MeetingRecord>& records) {
    const std::string now = c_.today + "T00:00:00.000Z";
    constexpr size_t kSlice = 8;  // SOCI binds named values in quadratic time: small statements
    for (size_t start = 0; start < records.size(); start += kSlice) {
      Query q(
          "INSERT INTO meetings (tenant_id, unit_id, unit_path, type, held_on, start_time, place, topic, presenter, "
          "lecturer_level, recorder, minutes, has_votes, voting, present_voting, should_count, came_count, "
          "should_reason, state, created_at, updated_at) VALUES ");
      for (size_t i = start; i < std::min(records.size(), start + kSlice); ++i) {
        const auto& m = records[i];
        const auto text = [&q](const std::string& v) { return v.empty() ? q.BindNull() : q.Bind(v); };
        const auto num = [&q](const std::optional<int64_t>& v) { return v ? q.Bind(*v) : q.BindNull(); };
        if (i > start) q << ", ";
        q << "(" << q.Bind(tenant_) << ", " << q.Bind(m.unit_id) << ", " << q.Bind(m.unit_path) << ", " << q.Bind(m.type)
          << ", " << q.Bind(m.held_on) << ", " << q.Bind(m.start_time) << ", " << q.Bind(m.place) << ", "
          << q.Bind(m.topic) << ", " << q.Bind(m.presenter) << ", " << text(m.lecturer_level) << ", "
          << q.Bind(m.recorder) << ", " << text(m.minutes) << ", " << q.Bind(static_cast<int64_t>(m.has_votes ? 1 : 0))
          << ", " << num(m.voting) << ", " << num(m.present_voting) << ", " << q.Bind(m.should_count) << ", "
          << q.Bind(m.came_count) << ", " << text(m.should_reason) << ", 'active', " << q.Bind(now) << ", "
          << q.Bind(now) << ")";
      }
      Exec(c_.sql, q);
    }
  }

  DemoContext& c_;
  int64_t tenant_;
  std::mt19937 rng_;
  bool attendance_ = true;
  Date today_;
  std::vector<life::LifeUnit> units_;
  std::vector<Planned> planned_;
  std::vector<RollEntry> roll_;
  std::map<int64_t, std::map<std::string, std::string>> posts_;
  std::map<int64_t, std::vector<int64_t>> committee_;
  std::map<int64_t, std::string> names_;
};

}  // namespace

namespace {

// Meeting plans on the calendar: next weeks' meetings of a few branches, and one whose day passed
// without its meeting being recorded (逾期未召开).
void SeedPlans(DemoContext& c, const Date& today) {
  struct Demo {
    int64_t tenant;
    const char* unit;
    std::string_view type;
    int days;
    const char* time;
    const char* place;
    const char* topic;
    const char* presenter;
  };
  const Demo plans[] = {
      {3, "内科党支部", life::kBranchAssembly, 7, "14:30", "内科示教室", "讨论确定发展对象，开展年度民主评议党员准备", "陈建国"},
      {3, "内科党支部", life::kPartyLecture, 16, "15:00", "住院部三楼会议室", "支部书记讲党课：以高质量党建引领医院高质量发展", "陈建国"},
      {3, "外科党支部", life::kThemeDay, 12, "08:30", "党员活动室", "主题党日：走进社区开展义诊", ""},
      {2, "玉龙镇卫生院党支部", life::kPartyLecture, -3, "15:00", "卫生院会议室", "党课：学习贯彻党的二十届四中全会精神", ""},
      {4, "康复医学科党支部", life::kBranchCommittee, 5, "12:00", "康复科办公室", "研究年度党员积分评定", ""},
  };
  for (const auto& d : plans) {
    auto placed = c.placed.find(d.tenant);
    if (placed == c.placed.end()) continue;
    auto unit = placed->second.units.find(d.unit);
    if (unit == placed->second.units.end()) continue;
    Query path("SELECT path FROM org_units WHERE tenant_id = :t AND id = :id");
    path.Set("t", d.tenant).Set("id", unit->second);
    const auto row = FetchOne(c.sql, path);
    if (!row) continue;
    life::PlanRecord p;
    p.tenant_id = d.tenant;
    p.unit_id = unit->second;
    p.unit_path = row->Str("path");
    p.type = std::string(d.type);
    p.planned_on = FormatDate(AddDays(today, d.days));
    p.start_time = d.time;
    p.place = d.place;
    p.topic = d.topic;
    p.presenter = d.presenter;
    life::InsertPlan(c.sql, p, 0);
  }
}

}  // namespace

Status SeedLifeDemo(DemoContext& c) {
  const auto today = ParseDate(c.today);
  if (!today) return Error{ErrorCode::kInternal, "演示日期无效", "demo"};
  for (int64_t tenant : {2, 3, 4}) {
    if (!c.placed.count(tenant)) continue;
    // Fifteen months: last year's December (its yearly meetings) is always among them.
    auto r = Seeder(c, tenant).Run(AddMonths(Date{today->year, today->month, 1}, -14), true);
    if (!r.ok()) return r;
  }
  SeedPlans(c, *today);
  if (c.placed.count(5)) {
    auto r = Seeder(c, 5).Run(AddMonths(Date{today->year, today->month, 1}, -35), false);
    if (!r.ok()) return r;
  }
  return Ok();
}

}  // namespace qizhi::app
