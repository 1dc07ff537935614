#include "app/demo_roster.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "party/members/rules.hpp"
#include "party/org/rules.hpp"
#include "platform/core/date.hpp"
#include "platform/pii/id_number.hpp"

namespace qizhi::app {
namespace {

namespace members = party::members;
namespace org = party::org;

const std::string kToday = "2026-11-24";

Date D(const std::string& s) {
  const auto d = ParseDate(s);
  EXPECT_TRUE(d.has_value()) << s;
  return d.value_or(Date{2000, 1, 1});
}

int UnitNamed(const DemoOrg& o, const std::string& name) {
  for (const auto& u : o.units)
    if (u.name == name && u.kind != "group") return u.index;
  return -1;
}

// The facts party/org/rules.hpp looks at, computed from the demo as the stores will.
std::vector<org::UnitFacts> Facts(const DemoOrg& o) {
  std::vector<org::UnitFacts> facts(o.units.size());
  for (const auto& u : o.units) facts[static_cast<std::size_t>(u.index)].kind = u.kind;
  for (const auto& m : o.members) {
    for (int u = m.unit; u >= 0; u = o.units[static_cast<std::size_t>(u)].parent) {
      auto& f = facts[static_cast<std::size_t>(u)];
      (m.input.status == "正式" ? f.full_members : f.probationary_members) += 1;
    }
  }
  for (const auto& u : o.units) {
    auto& f = facts[static_cast<std::size_t>(u.index)];
    if (!u.committee_elected_on) continue;
    int size = 0;
    for (const auto& m : o.members)
      for (const auto& p : m.posts)
        if (p.kind == "party" && p.unit == u.index && p.started_on == *u.committee_elected_on) ++size;
    f.committee_size = size;
    const Date elected = D(*u.committee_elected_on);
    f.term_ends_on = org::TermEndsOn(elected, org::DefaultTermYears(u.kind));
  }
  for (const auto& m : o.members)
    for (const auto& p : m.posts)
      if (p.kind == "party" && p.title == "书记") facts[static_cast<std::size_t>(p.unit)].has_secretary = true;
  return facts;
}

std::set<std::pair<std::string, std::string>> Warnings(const DemoOrg& o, const std::string& today) {
  std::set<std::pair<std::string, std::string>> out;
  const auto facts = Facts(o);
  for (const auto& u : o.units) {
    if (u.kind == "group") continue;
    for (const auto& w : org::UnitWarnings(facts[static_cast<std::size_t>(u.index)], D(today)))
      out.insert({u.name, w.code});
  }
  return out;
}

std::string Serialize(const DemoOrg& o) {
  std::string s = o.tenant_name + "\n";
  for (const auto& u : o.units)
    s += std::to_string(u.index) + "|" + std::to_string(u.parent) + "|" + u.name + "|" + u.kind + "|" + u.department +
         "|" + u.alliance_member + "|" + u.committee_elected_on.value_or("-") + "\n";
  for (const auto& m : o.members) {
    const auto& i = m.input;
    s += std::to_string(m.unit) + "|" + i.name + "|" + i.sex + "|" + i.id_number + "|" + i.ethnicity + "|" +
         i.native_place + "|" + i.education + "|" + i.category + "|" + i.job + "|" + i.phone + "|" + i.status + "|" +
         i.joined_on + "|" + i.full_on + "|" + (i.hardship ? "1" : "0") + i.hardship_note + "|" +
         (i.flowing ? "1" : "0") + i.flow_to + i.flow_since + "\n";
    for (const auto& p : m.posts)
      s += " " + p.kind + "|" + p.title + "|" + std::to_string(p.unit) + "|" + p.department + "|" + p.started_on + "|" +
           p.dual_key + "|" + p.appoint_doc + "\n";
    for (const auto& [title, on] : m.rewards) s += " r|" + title + "|" + on + "\n";
  }
  return s;
}

int CountKind(const DemoOrg& o, const std::string& kind) {
  int n = 0;
  for (const auto& u : o.units) n += u.kind == kind ? 1 : 0;
  return n;
}

// Everything a store would refuse, checked on one org.
void ExpectValid(const DemoOrg& o, const std::string& today_text) {
  const Date today = D(today_text);
  ASSERT_FALSE(o.units.empty());
  EXPECT_EQ(o.units[0].kind, "committee");
  EXPECT_EQ(o.units[0].parent, -1);
  for (std::size_t i = 0; i < o.units.size(); ++i) {
    const auto& u = o.units[i];
    EXPECT_EQ(u.index, static_cast<int>(i));
    if (i == 0) continue;
    ASSERT_GE(u.parent, 0) << u.name;
    ASSERT_LT(u.parent, static_cast<int>(i)) << u.name;
    const auto& parent = o.units[static_cast<std::size_t>(u.parent)];
    EXPECT_TRUE(org::CheckChildKind(parent.kind, u.kind).ok()) << parent.name << " → " << u.name;
    if (u.committee_elected_on) {
      EXPECT_LE(D(*u.committee_elected_on), today) << u.name;
    }
    if (u.kind == "committee" || u.kind == "general_branch") {
      EXPECT_TRUE(u.committee_elected_on) << u.name;
    }
    if (u.kind == "group") {
      EXPECT_FALSE(u.committee_elected_on) << u.name;
    }
  }
  std::map<std::string, std::vector<std::pair<const DemoPost*, int>>> duals;
  for (std::size_t k = 0; k < o.members.size(); ++k) {
    const auto& m = o.members[k];
    SCOPED_TRACE(m.input.name + " " + m.input.id_number);
    ASSERT_GE(m.unit, 0);
    ASSERT_LT(m.unit, static_cast<int>(o.units.size()));
    const std::string kind = o.units[static_cast<std::size_t>(m.unit)].kind;
    EXPECT_TRUE(kind == "branch" || kind == "group") << kind;
    const auto r = members::ValidateMember(m.input, today);
    ASSERT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
    const int age = AgeOn(D(r.value().birth_date), today);
    EXPECT_GE(age, 23);
    EXPECT_LE(age, 85);
    if (m.input.status == "预备") {
      EXPECT_LE(DaysBetween(D(m.input.joined_on), today), 365);
    } else {
      const int months = DaysBetween(D(m.input.joined_on), D(m.input.full_on));
      EXPECT_TRUE(months >= 365 && months <= 366 + 184) << m.input.joined_on << " → " << m.input.full_on;
    }
    if (m.input.flowing) {
      EXPECT_LE(D(m.input.flow_since), today);
    }
    for (const auto& p : m.posts) {
      const auto pr = members::ValidatePost({p.kind, p.title, p.department, p.started_on, p.appoint_doc}, today);
      EXPECT_TRUE(pr.ok()) << p.title << ": " << pr.error().message;
      if (p.kind == "party") {
        ASSERT_GE(p.unit, 0);
        ASSERT_LT(p.unit, static_cast<int>(o.units.size()));
      } else {
        EXPECT_EQ(p.unit, -1);
      }
      if (!p.dual_key.empty()) duals[p.dual_key].push_back({&p, static_cast<int>(k)});
    }
    for (const auto& [title, on] : m.rewards) {
      EXPECT_LE(D(on), today) << title;
      EXPECT_GE(D(on), D(m.input.joined_on)) << title;
    }
  }
  for (const auto& [key, posts] : duals) {
    ASSERT_EQ(posts.size(), 2u) << key;
    EXPECT_EQ(posts[0].second, posts[1].second) << key;
    const DemoPost* hospital = posts[0].first->kind == "hospital" ? posts[0].first : posts[1].first;
    const DemoPost* party = posts[0].first->kind == "party" ? posts[0].first : posts[1].first;
    ASSERT_EQ(hospital->kind, "hospital") << key;
    ASSERT_EQ(party->kind, "party") << key;
    EXPECT_EQ(hospital->started_on, party->started_on);
    EXPECT_EQ(hospital->appoint_doc, party->appoint_doc);
    const auto dr = members::ValidateDualAppointment(
        {hospital->title, hospital->department, party->title, hospital->started_on, hospital->appoint_doc}, today);
    EXPECT_TRUE(dr.ok()) << key << ": " << dr.error().message;
  }
}

std::vector<const DemoMember*> WithPost(const DemoOrg& o, const std::string& kind, const std::string& title,
                                        int unit = -2) {
  std::vector<const DemoMember*> out;
  for (const auto& m : o.members)
    for (const auto& p : m.posts)
      if (p.kind == kind && p.title == title && (unit == -2 || p.unit == unit)) out.push_back(&m);
  return out;
}

TEST(DemoRosterTest, DazuCounts) {
  const DemoOrg o = DazuHospital(kToday);
  EXPECT_EQ(o.tenant_name, "大足区人民医院");
  EXPECT_EQ(o.units[0].name, "中共大足区人民医院委员会");
  EXPECT_EQ(o.members.size(), 430u);
  EXPECT_EQ(CountKind(o, "general_branch"), 5);
  EXPECT_EQ(CountKind(o, "branch"), 48);
  const int alliance = UnitNamed(o, "医共体分院党总支");
  ASSERT_GE(alliance, 0);
  for (const char* name : {"龙水镇中心卫生院党支部", "邮亭镇中心卫生院党支部", "宝顶镇卫生院党支部"}) {
    const int u = UnitNamed(o, name);
    ASSERT_GE(u, 0) << name;
    EXPECT_EQ(o.units[static_cast<std::size_t>(u)].parent, alliance);
    EXPECT_FALSE(o.units[static_cast<std::size_t>(u)].alliance_member.empty());
  }
}

TEST(DemoRosterTest, JiangbeiCountsAndDemoUsers) {
  const DemoOrg o = JiangbeiHospital(kToday);
  EXPECT_EQ(o.tenant_name, "重庆市红十字会医院（江北区人民医院）");
  EXPECT_EQ(o.members.size(), 138u);
  std::set<std::string> branches;
  for (const auto& u : o.units)
    if (u.kind == "branch") {
      branches.insert(u.name);
      EXPECT_EQ(u.parent, 0) << u.name;
    }
  EXPECT_EQ(branches, (std::set<std::string>{"行政后勤党支部", "内科党支部", "外科党支部", "医技党支部"}));
  EXPECT_EQ(CountKind(o, "general_branch"), 0);

  const int internal = UnitNamed(o, "内科党支部");
  std::vector<const DemoMember*> in_branch;
  for (const auto& m : o.members)
    if (BranchOf(o, m.unit) == internal) in_branch.push_back(&m);
  ASSERT_GE(in_branch.size(), 2u);
  const DemoMember& chen = *in_branch[0];
  const DemoMember& wang = *in_branch[1];
  EXPECT_EQ(chen.input.name, "陈建国");
  EXPECT_EQ(chen.input.sex, "男");
  EXPECT_EQ(chen.input.status, "正式");
  EXPECT_EQ(chen.input.phone, "13983214567");
  std::string secretary_key, head_key;
  for (const auto& p : chen.posts) {
    if (p.kind == "party" && p.title == "书记" && p.unit == internal) secretary_key = p.dual_key;
    if (p.kind == "hospital" && p.title == "科主任" && p.department == "内科") head_key = p.dual_key;
  }
  EXPECT_FALSE(secretary_key.empty());
  EXPECT_EQ(secretary_key, head_key);
  EXPECT_EQ(WithPost(o, "party", "书记", internal).size(), 1u);
  EXPECT_EQ(wang.input.name, "王丽娟");
  EXPECT_EQ(wang.input.sex, "女");
  EXPECT_EQ(wang.input.status, "正式");
  EXPECT_EQ(wang.input.phone, "15923456789");
  EXPECT_TRUE(wang.posts.empty());
  int chens = 0, wangs = 0;
  for (const auto& m : o.members) {
    chens += m.input.name == "陈建国" ? 1 : 0;
    wangs += m.input.name == "王丽娟" ? 1 : 0;
  }
  EXPECT_EQ(chens, 1);
  EXPECT_EQ(wangs, 1);
}

TEST(DemoRosterTest, ChangshouCounts) {
  const DemoOrg o = ChangshouHospital(kToday);
  EXPECT_EQ(o.units[0].name, "中共长寿区人民医院委员会");
  EXPECT_GE(o.members.size(), 190u);
  EXPECT_LE(o.members.size(), 210u);
  EXPECT_EQ(CountKind(o, "general_branch"), 2);
  EXPECT_GE(CountKind(o, "branch"), 12);
  EXPECT_LE(CountKind(o, "branch"), 16);
}

TEST(DemoRosterTest, EveryRecordIsValid) {
  for (const std::string& today : {kToday, std::string("2024-02-29"), std::string("2031-01-31")}) {
    SCOPED_TRACE(today);
    for (const DemoOrg& o : {DazuHospital(today), JiangbeiHospital(today), ChangshouHospital(today)}) {
      SCOPED_TRACE(o.tenant_name);
      ExpectValid(o, today);
    }
  }
}

TEST(DemoRosterTest, IdNumbersAreUniqueAcrossHospitals) {
  std::unordered_set<std::string> ids;
  std::size_t n = 0;
  for (const DemoOrg& o : {DazuHospital(kToday), JiangbeiHospital(kToday), ChangshouHospital(kToday)}) {
    std::set<std::string> names, phones;
    for (const auto& m : o.members) {
      ids.insert(m.input.id_number);
      ++n;
      EXPECT_TRUE(names.insert(m.input.name).second) << o.tenant_name << " " << m.input.name;
      EXPECT_TRUE(phones.insert(m.input.phone).second) << o.tenant_name << " " << m.input.phone;
      EXPECT_EQ(m.input.id_number.substr(0, 4), "5001");
    }
  }
  EXPECT_EQ(ids.size(), n);
}

TEST(DemoRosterTest, ExactlyTheIntendedWarnings) {
  using W = std::set<std::pair<std::string, std::string>>;
  for (const std::string& today : {kToday, std::string("2024-02-29"), std::string("2031-01-31")}) {
    SCOPED_TRACE(today);
    EXPECT_EQ(Warnings(DazuHospital(today), today), (W{{"玉龙镇卫生院党支部", "branch_too_few_full"},
                                                       {"后勤第二党支部", "secretary_missing"},
                                                       {"骨科党支部", "term_ending"},
                                                       {"邮亭镇中心卫生院党支部", "term_expired"}}));
    EXPECT_EQ(Warnings(JiangbeiHospital(today), today), (W{{"医技党支部", "term_ending"}}));
    EXPECT_EQ(Warnings(ChangshouHospital(today), today), (W{{"康复医学科党支部", "branch_too_few_full"},
                                                            {"妇产科党支部", "term_ending"},
                                                            {"后勤党支部", "term_expired"}}));
  }
}

TEST(DemoRosterTest, SecretariesCommitteesAndLeaders) {
  for (const DemoOrg& o : {DazuHospital(kToday), JiangbeiHospital(kToday), ChangshouHospital(kToday)}) {
    SCOPED_TRACE(o.tenant_name);
    const auto facts = Facts(o);
    int small = 0, dual_branches = 0, clinical = 0;
    for (const auto& u : o.units) {
      if (u.kind == "group") continue;
      const auto secretaries = WithPost(o, "party", "书记", u.index).size();
      if (u.name == "后勤第二党支部" && o.tenant_name == "大足区人民医院") {
        EXPECT_EQ(secretaries, 0u);
      } else {
        EXPECT_EQ(secretaries, 1u) << u.name;
      }
      const auto& f = facts[static_cast<std::size_t>(u.index)];
      if (u.kind == "branch") {
        EXPECT_LE(f.total(), 45) << u.name;
        if (f.full_members >= 7) {
          EXPECT_TRUE(u.committee_elected_on) << u.name;
          EXPECT_GE(f.committee_size.value_or(0), 3) << u.name;
          EXPECT_LE(f.committee_size.value_or(0), 5) << u.name;
        } else {
          EXPECT_FALSE(u.committee_elected_on) << u.name;
          if (f.full_members >= 3) ++small;
        }
        bool has_head = false, dual = false;
        for (const auto& m : o.members)
          for (const auto& p : m.posts) {
            if (p.kind == "hospital" && p.title == "科主任" && BranchOf(o, m.unit) == u.index) has_head = true;
            if (p.kind == "party" && p.title == "书记" && p.unit == u.index && !p.dual_key.empty()) dual = true;
          }
        clinical += has_head ? 1 : 0;
        dual_branches += dual ? 1 : 0;
      }
    }
    EXPECT_LE(small, 2);
    EXPECT_GE(dual_branches * 10, clinical * 3);  // about half of the branches with a 科主任
    EXPECT_LE(dual_branches * 10, clinical * 7);
    EXPECT_EQ(WithPost(o, "party", "书记", 0).size(), 1u);
    ASSERT_EQ(WithPost(o, "hospital", "院长").size(), 1u);
    const DemoMember* president = WithPost(o, "hospital", "院长")[0];
    const std::string branch = o.units[static_cast<std::size_t>(BranchOf(o, president->unit))].name;
    EXPECT_NE(branch.find("行政"), std::string::npos) << branch;
    EXPECT_FALSE(WithPost(o, "hospital", "护士长").empty());
  }
}

TEST(DemoRosterTest, ARealisticRoster) {
  for (const DemoOrg& o : {DazuHospital(kToday), JiangbeiHospital(kToday), ChangshouHospital(kToday)}) {
    SCOPED_TRACE(o.tenant_name);
    int prob = 0, nurses = 0, female_nurses = 0, han = 0, hardship = 0, flowing = 0, extended = 0, rewarded = 0;
    for (const auto& m : o.members) {
      const auto& i = m.input;
      prob += i.status == "预备" ? 1 : 0;
      if (i.job.find("护") != std::string::npos && i.category != "离退休人员") {
        ++nurses;
        female_nurses += i.sex == "女" ? 1 : 0;
      }
      han += i.ethnicity == "汉族" ? 1 : 0;
      hardship += i.hardship ? 1 : 0;
      flowing += i.flowing ? 1 : 0;
      if (i.status == "正式" && DaysBetween(D(i.joined_on), D(i.full_on)) > 400) ++extended;
      rewarded += m.rewards.empty() ? 0 : 1;
      if (i.hardship) {
        EXPECT_FALSE(i.hardship_note.empty());
      }
      const std::string branch = o.units[static_cast<std::size_t>(BranchOf(o, m.unit))].name;
      const bool retired_branch = branch.find("离退休") != std::string::npos;
      EXPECT_EQ(i.category == "离退休人员", retired_branch) << i.name << " in " << branch;
    }
    const double share = static_cast<double>(prob) / static_cast<double>(o.members.size());
    EXPECT_GE(share, 0.04);
    EXPECT_LE(share, 0.06);
    EXPECT_GT(female_nurses * 10, nurses * 8);
    EXPECT_GT(han * 100, static_cast<int>(o.members.size()) * 85);
    EXPECT_LT(han, static_cast<int>(o.members.size()));
    EXPECT_GE(hardship, 2);
    EXPECT_GE(flowing, 2);
    EXPECT_GE(extended, 1);
    EXPECT_LE(extended, 3);
    EXPECT_GE(rewarded, 5);
  }
}

TEST(DemoRosterTest, Deterministic) {
  EXPECT_EQ(Serialize(DazuHospital(kToday)), Serialize(DazuHospital(kToday)));
  EXPECT_EQ(Serialize(JiangbeiHospital(kToday)), Serialize(JiangbeiHospital(kToday)));
  EXPECT_EQ(Serialize(ChangshouHospital(kToday)), Serialize(ChangshouHospital(kToday)));
  EXPECT_EQ(Serialize(GeneratedHospital(kToday, 500, 7)), Serialize(GeneratedHospital(kToday, 500, 7)));
  EXPECT_NE(Serialize(GeneratedHospital(kToday, 500, 7)), Serialize(GeneratedHospital(kToday, 500, 8)));
}

TEST(DemoRosterTest, MalformedTodayGivesAnEmptyOrg) {
  const DemoOrg o = DazuHospital("2026-13-01");
  EXPECT_EQ(o.tenant_name, "大足区人民医院");
  EXPECT_TRUE(o.units.empty());
  EXPECT_TRUE(o.members.empty());
}

TEST(DemoRosterTest, GeneratedHospitalOfTenThousand) {
  const auto start = std::chrono::steady_clock::now();
  const DemoOrg o = GeneratedHospital(kToday, 10000, 1);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(ms, 2000);
  ASSERT_EQ(o.members.size(), 10000u);
  std::unordered_set<std::string> ids;
  const Date today = D(kToday);
  for (const auto& m : o.members) {
    const auto r = members::ValidateMember(m.input, today);
    ASSERT_TRUE(r.ok()) << m.input.name << " " << r.error().field << ": " << r.error().message;
    ids.insert(m.input.id_number);
  }
  EXPECT_EQ(ids.size(), 10000u);
  // No clash with the demo hospitals.
  for (const DemoOrg& h : {DazuHospital(kToday), JiangbeiHospital(kToday), ChangshouHospital(kToday)})
    for (const auto& m : h.members) EXPECT_EQ(ids.count(m.input.id_number), 0u);
  EXPECT_TRUE(Warnings(o, kToday).empty());
  ExpectValid(GeneratedHospital(kToday, 700, 3), kToday);
}

TEST(DemoRosterTest, GeneratedHospitalOfAnySize) {
  for (int n : {0, 1, 2, 5, 31, 95}) {
    SCOPED_TRACE(n);
    const DemoOrg o = GeneratedHospital(kToday, n, 42);
    EXPECT_EQ(static_cast<int>(o.members.size()), n);
    ASSERT_FALSE(o.units.empty());
    if (n > 0) ExpectValid(o, kToday);
  }
}

}  // namespace
}  // namespace qizhi::app
