// Study in the demo: 长寿区人民医院's 2019 study year as seed 003 reports it (116 集中学习; 党课 by
// the 党委书记 2, by 班子成员 5, by 支部书记 16; 12 主题党日 of the 不忘初心、牢记使命 主题教育 from
// June), with attendance; and the 学习强国 statistics of the last three months for each demo
// hospital's branches, as if the party office had imported the platform's export each month.
#include <map>

#include "app/demo_parts.hpp"
#include "party/life/rules.hpp"
#include "party/life/store.hpp"
#include "party/study/xuexi_store.hpp"
#include "platform/core/date.hpp"
#include "platform/core/ratio.hpp"
#include "platform/db/query.hpp"

namespace qizhi::app {
using platform::db::Query;

namespace {

std::string MonthBefore(const std::string& today, int back) {
  Date d = *ParseDate(today);
  d.day = 1;
  d = AddMonths(d, -back);
  return FormatDate(d).substr(0, 7);
}

Status SeedXuexi(DemoContext& c, int64_t tenant) {
  Query q("SELECT u.id, u.path, u.name, COUNT(m.id) AS n FROM org_units u "
          "LEFT JOIN members m ON m.tenant_id = u.tenant_id AND m.unit_id = u.id AND m.state = 'active' "
          "WHERE u.tenant_id = :t AND u.kind = 'branch' AND u.ended_at IS NULL GROUP BY u.id, u.path, u.name ORDER BY u.path");
  q.Set("t", tenant);
  const auto branches = platform::db::Fetch(c.sql, q);
  for (int back = 3; back >= 1; --back) {
    party::study::XuexiImport im;
    im.tenant_id = tenant;
    im.period = MonthBefore(c.today, back);
    im.file_name = "学习强国组织学习情况-" + im.period + ".xlsx";
    im.rows = static_cast<int>(branches.size());
    im.id = party::study::InsertImport(c.sql, im);
    int i = 0;
    for (const auto& b : branches) {
      ++i;
      party::study::XuexiStat s;
      s.tenant_id = tenant;
      s.unit_id = b.Int("id");
      s.unit_path = b.Str("path");
      s.unit_name = b.Str("name");
      s.members = static_cast<int>(b.Int("n"));
      // Most branches have everyone registered; a few lag by one or two (retired members).
      s.registered = s.members - ((i + back) % 5 == 0 ? std::min(2, s.members) : 0);
      s.registration_rate = PerMille(s.registered, s.members).value_or(0);
      s.active_rate = 720 + (i * 37 + back * 11) % 250;
      s.avg_points = 9000 + (i * 1733 + back * 977) % 12000;
      party::study::InsertStat(c.sql, im.id, im.period, s);
    }
  }
  return Ok();
}

struct YearUnit {
  int64_t id = 0;
  std::string path, name, kind, secretary;
};

// The 2019 working days (Monday-Friday), in order, to spread meetings over the year.
std::vector<Date> WorkingDays2019() {
  std::vector<Date> out;
  // 2019-01-02 was a Wednesday: day n of the walk is a weekday unless (n + 3) % 7 is 6 or 0.
  int n = 0;
  for (Date d{2019, 1, 2}; d.year == 2019; d = AddDays(d, 1), ++n)
    if ((n + 3) % 7 != 6 && (n + 3) % 7 != 0) out.push_back(d);
  return out;
}

Status SeedChangshou2019(DemoContext& c) {
  namespace life = party::life;
  constexpr int64_t kTenant = 4;
  Query uq("SELECT u.id, u.path, u.name, u.kind, "
           "(SELECT m.name FROM member_posts p JOIN members m ON m.tenant_id = p.tenant_id AND m.id = p.member_id "
           " WHERE p.tenant_id = u.tenant_id AND p.unit_id = u.id AND p.kind = 'party' AND p.title = '书记' "
           " AND p.ended_on IS NULL ORDER BY p.id LIMIT 1) AS secretary "
           "FROM org_units u WHERE u.tenant_id = :t AND u.kind IN ('committee', 'branch') ORDER BY u.path");
  uq.Set("t", kTenant);
  YearUnit root;
  std::vector<YearUnit> branches;
  for (const auto& r : platform::db::Fetch(c.sql, uq)) {
    YearUnit u{r.Int("id"), r.Str("path"), r.Str("name"), r.Str("kind"), r.Str("secretary")};
    if (u.kind == "committee") root = u;
    else branches.push_back(u);
  }
  if (!root.id || branches.empty()) return Ok();
  // 班子成员: the 党委's other members of the elected committee, by their party posts.
  Query bq("SELECT DISTINCT m.name FROM member_posts p JOIN members m ON m.tenant_id = p.tenant_id AND m.id = p.member_id "
           "WHERE p.tenant_id = :t AND p.unit_id = :u AND p.kind = 'party' AND p.title <> '书记' ORDER BY m.name");
  bq.Set("t", kTenant).Set("u", root.id);
  std::vector<std::string> leaders;
  for (const auto& r : platform::db::Fetch(c.sql, bq)) leaders.push_back(r.Str("name"));
  if (leaders.empty()) leaders.push_back("副书记");

  const auto days = WorkingDays2019();
  int serial = 0;
  // One meeting with its attendance: the unit's members that day, nine in ten present.
  auto hold = [&](const YearUnit& u, std::string_view type, const Date& day, const std::string& topic,
                  const std::string& presenter, const std::string& level, const std::string& campaign) {
    ++serial;
    life::MeetingRecord m;
    m.tenant_id = kTenant;
    m.unit_id = u.id;
    m.unit_path = u.path;
    m.type = std::string(type);
    m.held_on = FormatDate(day);
    m.start_time = serial % 2 ? "14:30" : "16:00";
    m.place = u.kind == "committee" ? "行政楼三楼会议室" : "科室示教室";
    m.topic = topic;
    m.presenter = presenter.empty() ? u.name : presenter;
    m.lecturer_level = level;
    m.campaign = campaign;
    m.recorder = "组织委员";
    m.minutes = "会议围绕“" + topic + "”进行学习和交流，与会党员结合岗位谈体会。";
    std::vector<life::AttendanceLine> lines;
    for (const auto& member : life::RollOn(c.sql, kTenant, u.path, m.held_on)) {
      life::AttendanceLine l{member.member_id, member.name, (member.member_id + serial) % 10 != 0, "", ""};
      if (!l.came) l.absence_reason = serial % 3 ? "公假" : "病假";
      m.came_count += l.came ? 1 : 0;
      lines.push_back(std::move(l));
    }
    m.should_count = static_cast<int64_t>(lines.size());
    const int64_t id = life::InsertMeeting(c.sql, m, 0);
    life::ReplaceAttendance(c.sql, kTenant, id, lines);
  };

  static const char* kStudyTopics[] = {
      "学习习近平新时代中国特色社会主义思想", "学习《中国共产党支部工作条例（试行）》", "学习全国卫生健康工作会议精神",
      "学习《关于加强公立医院党的建设工作的意见》", "学习党章党规", "学习医德医风先进典型事迹"};
  // 116 集中学习: the 党委 leads one a month, the branches the rest in turn.
  for (int i = 0; i < 116; ++i) {
    const Date day = days[static_cast<size_t>(i) * days.size() / 116];
    const bool committee = i % 10 == 0;
    const YearUnit& u = committee ? root : branches[static_cast<size_t>(i) % branches.size()];
    hold(u, life::kStudy, day, kStudyTopics[i % 6], committee ? root.secretary : u.secretary,
         committee ? "党委书记" : (i % 4 ? "支部书记" : "其他"), "");
  }
  // 党课: the 党委书记 twice, 班子成员 five times, 支部书记 sixteen times.
  hold(root, life::kPartyLecture, {2019, 3, 28}, "以高质量党建引领医院高质量发展", root.secretary, "党委书记", "");
  hold(root, life::kPartyLecture, {2019, 9, 26}, "不忘初心、牢记使命，做人民健康守护者", root.secretary, "党委书记",
       "不忘初心、牢记使命");
  for (int i = 0; i < 5; ++i)
    hold(root, life::kPartyLecture, days[static_cast<size_t>(30 + i * 45)], "新时代医务工作者的职业精神",
         leaders[static_cast<size_t>(i) % leaders.size()], "班子成员", "");
  for (int i = 0; i < 16; ++i) {
    const YearUnit& u = branches[static_cast<size_t>(i) % branches.size()];
    hold(u, life::kPartyLecture, days[static_cast<size_t>(20 + i * 14)], "学习党史，传承红色基因", u.secretary, "支部书记", "");
  }
  // 主题党日 of the 不忘初心、牢记使命 主题教育 (from June 2019), twelve of them.
  static const char* kThemeTopics[] = {"重温入党誓词", "走进社区开展义诊", "参观红岩革命纪念馆", "健康扶贫进村入户"};
  for (int i = 0; i < 12; ++i) {
    const YearUnit& u = branches[static_cast<size_t>(i * 2) % branches.size()];
    hold(u, life::kThemeDay, {2019, 6 + i / 2, 10 + (i % 2) * 8}, kThemeTopics[i % 4], u.secretary, "", "不忘初心、牢记使命");
  }
  return Ok();
}

}  // namespace

Status SeedStudyDemo(DemoContext& c) {
  if (c.placed.count(4)) {
    if (auto s = SeedChangshou2019(c); !s.ok()) return s;
  }
  for (int64_t tenant : {2, 3, 4}) {
    if (!c.placed.count(tenant)) continue;
    if (auto s = SeedXuexi(c, tenant); !s.ok()) return s;
  }
  return Ok();
}

}  // namespace qizhi::app
