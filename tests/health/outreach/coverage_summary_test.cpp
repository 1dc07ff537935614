// The coverage summary against a real (SQLite) database: built on first use it answers as
// JudgeHousehold does; re-judging one household after each write keeps the village sums equal to
// a rebuild from scratch; a member leaving counts from the day the judging day passes it.
#include "health/outreach/coverage_summary.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <unistd.h>

#include "platform/db/migrations.hpp"
#include "platform/db/query.hpp"

namespace qizhi::health::outreach {
namespace {
namespace db = platform::db;

constexpr int64_t kTenant = 7;
const char* const kEast = "500111103200";
const char* const kWest = "500111103201";

class CoverageSummaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() / ("qizhi_cov_sum_" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path_);
    auto opened = db::Database::Open("sqlite:" + path_.string(), 1);
    ASSERT_TRUE(opened.ok());
    database_ = std::move(opened.value());
    ASSERT_TRUE(db::Migrate(*database_, db::EmbeddedMigrations()).ok());
    Run("INSERT INTO tenants (id, parent_id, name, kind, path, created_at) VALUES (7, NULL, '县医院', 'hospital', '/7/', "
        "'2020-01-01T00:00:00Z')");
  }
  void TearDown() override {
    database_.reset();
    std::filesystem::remove(path_);
  }

  void Run(const std::string& statement) {
    auto r = database_->Write([&](soci::session& sql) -> Status {
      sql << statement;
      return Ok();
    });
    ASSERT_TRUE(r.ok());
  }
  int64_t Household(const char* village, const char* number) {
    return Insert("INSERT INTO households (tenant_id, village_code, number, poverty_cause, status, status_since, "
                  "registered_on, created_at, updated_at) VALUES (7, '" + std::string(village) + "', '" + number +
                  "', '因病', '脱贫', '2020-12-20', '2015-06-15', 'x', 'x') RETURNING id");
  }
  int64_t Person(int64_t household, const char* village, const std::string& joined = "", const std::string& left = "") {
    static int n = 0;
    ++n;
    return Insert("INSERT INTO persons (tenant_id, household_id, village_code, name, sex, birth_date, id_enc, id_bidx, "
                  "id_mask, relation, joined_on, left_on, created_at, updated_at) VALUES (7, " + std::to_string(household) +
                  ", '" + village + "', '成员', '男', '1970-01-01', 'e', 'b" + std::to_string(n) + "', 'm', '户主', " +
                  (joined.empty() ? "NULL" : "'" + joined + "'") + ", " + (left.empty() ? "NULL" : "'" + left + "'") +
                  ", 'x', 'x') RETURNING id");
  }
  // A visit with a line per (person, seen, reason).
  int64_t Visit(int64_t household, const char* village, const std::string& on,
                std::vector<std::tuple<int64_t, bool, std::string>> lines) {
    static int n = 0;
    const int64_t id = Insert("INSERT INTO visits (tenant_id, client_id, household_id, village_code, visited_on, "
                              "household_version, body_json, created_at) VALUES (7, 'c" + std::to_string(++n) + "', " +
                              std::to_string(household) + ", '" + village + "', '" + on + "', 1, '{}', 'x') RETURNING id");
    for (const auto& [person, seen, reason] : lines)
      Run("INSERT INTO visit_persons (tenant_id, visit_id, person_id, household_id, village_code, visited_on, active, seen, "
          "reason) VALUES (7, " + std::to_string(id) + ", " + std::to_string(person) + ", " + std::to_string(household) +
          ", '" + village + "', '" + on + "', 1, " + (seen ? "1" : "0") + ", " + (reason.empty() ? "NULL" : "'" + reason + "'") + ")");
    return id;
  }
  int64_t Insert(const std::string& statement) {
    int64_t id = 0;
    auto r = database_->Write([&](soci::session& sql) -> Status {
      sql << statement, soci::into(id);
      return Ok();
    });
    EXPECT_TRUE(r.ok());
    return id;
  }
  void Refresh(int64_t household, const Date& today) {
    auto r = database_->Write([&](soci::session& sql) -> Status {
      RefreshHousehold(sql, kTenant, household, today);
      return Ok();
    });
    ASSERT_TRUE(r.ok());
  }
  void Ensure(const Date& today) {
    auto r = database_->Write([&](soci::session& sql) -> Status {
      EnsurePeriods(sql, {kTenant}, start_, end_, today);
      return Ok();
    });
    ASSERT_TRUE(r.ok());
  }
  std::vector<VillageSums> Sums() {
    return database_->Read([&](soci::session& sql) {
      SummaryFilter f;
      f.scope = WholeTenant(kTenant);
      return SumsByVillage(sql, f, start_, end_);
    });
  }
  std::vector<int64_t> Listed(HouseholdState state) {
    return database_->Read([&](soci::session& sql) {
      SummaryFilter f;
      f.scope = WholeTenant(kTenant);
      std::vector<int64_t> ids;
      for (const auto& h : ListHouseholds(sql, f, start_, end_, state, 0, 100)) ids.push_back(h.household_id);
      return ids;
    });
  }
  // The sums a build from nothing gives on `today`.
  std::vector<VillageSums> Rebuilt(const Date& today) {
    Run("DELETE FROM coverage_households");
    Run("DELETE FROM coverage_villages");
    Run("DELETE FROM coverage_periods");
    Ensure(today);
    return Sums();
  }
  static void ExpectSame(const std::vector<VillageSums>& a, const std::vector<VillageSums>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].village_code, b[i].village_code);
      const auto &x = a[i].totals, &y = b[i].totals;
      EXPECT_EQ(std::tie(x.households, x.visited, x.covered, x.persons, x.seen, x.with_reason, x.not_seen),
                std::tie(y.households, y.visited, y.covered, y.persons, y.seen, y.with_reason, y.not_seen))
          << a[i].village_code;
      EXPECT_EQ(a[i].households_not_seen, b[i].households_not_seen);
    }
  }

  std::filesystem::path path_;
  std::unique_ptr<db::Database> database_;
  Date start_{2026, 11, 1}, end_{2026, 11, 30};
};

TEST_F(CoverageSummaryTest, BuildsAsJudgeHouseholdAnswersAndKeepsUpWithWrites) {
  // East: A both seen (covered); B one seen, one 外出务工 (covered); C never visited.
  const int64_t a = Household(kEast, "001"), b = Household(kEast, "002"), c = Household(kEast, "003");
  const int64_t a1 = Person(a, kEast), a2 = Person(a, kEast);
  const int64_t b1 = Person(b, kEast), b2 = Person(b, kEast);
  const int64_t c1 = Person(c, kEast);
  // West: D visited, one not seen and no reason (not covered); E's only member left before.
  const int64_t d = Household(kWest, "101"), e = Household(kWest, "102");
  const int64_t d1 = Person(d, kWest), d2 = Person(d, kWest);
  Person(e, kWest, "", "2026-10-01");
  Visit(a, kEast, "2026-11-05", {{a1, true, ""}, {a2, true, ""}});
  Visit(b, kEast, "2026-11-06", {{b1, true, ""}, {b2, false, "外出务工"}});
  Visit(d, kWest, "2026-11-07", {{d1, true, ""}, {d2, false, ""}});
  Visit(a, kEast, "2026-10-20", {{a1, true, ""}});  // last month: not this period's

  const Date today{2026, 11, 10};
  Ensure(today);
  auto sums = Sums();
  ASSERT_EQ(sums.size(), 2u) << "E counts nowhere: no current member";
  EXPECT_EQ(sums[0].village_code, kEast);
  EXPECT_EQ(sums[0].totals.households, 3);
  EXPECT_EQ(sums[0].totals.visited, 2);
  EXPECT_EQ(sums[0].totals.covered, 2);
  EXPECT_EQ(sums[0].totals.persons, 5);
  EXPECT_EQ(sums[0].totals.seen, 3);
  EXPECT_EQ(sums[0].totals.with_reason, 1);
  EXPECT_EQ(sums[0].totals.not_seen, 1);
  EXPECT_EQ(sums[1].totals.households, 1);
  EXPECT_EQ(sums[1].totals.covered, 0);
  EXPECT_EQ(sums[1].households_not_seen, 1);
  EXPECT_EQ(Listed(HouseholdState::kNotVisited), std::vector<int64_t>({c}));
  EXPECT_EQ(Listed(HouseholdState::kNotCovered), std::vector<int64_t>({c, d}));
  EXPECT_EQ(CountHouseholds(sums, HouseholdState::kNotCovered), 2);
  EXPECT_EQ(CountHouseholds(sums, HouseholdState::kNotSeen), 2);

  // C visited: it leaves the not-visited list at once.
  Visit(c, kEast, "2026-11-10", {{c1, true, ""}});
  Refresh(c, today);
  EXPECT_TRUE(Listed(HouseholdState::kNotVisited).empty());
  // D's second member seen later in the month; seen stays seen.
  Visit(d, kWest, "2026-11-10", {{d1, false, "住院"}, {d2, true, ""}});
  Refresh(d, today);
  EXPECT_EQ(Listed(HouseholdState::kNotCovered), std::vector<int64_t>{});
  // A newborn in B from 2026-11-12 (not seen yet): B is no longer covered once the day comes.
  Person(b, kEast, "2026-11-12");
  Refresh(b, today);
  EXPECT_EQ(Listed(HouseholdState::kNotCovered), std::vector<int64_t>{}) << "not yet a member on the 10th";
  const Date later{2026, 11, 15};
  Ensure(later);
  EXPECT_EQ(Listed(HouseholdState::kNotCovered), std::vector<int64_t>({b}));
  const auto kept = Sums();
  ExpectSame(kept, Rebuilt(later));
}

TEST_F(CoverageSummaryTest, AVoidedVisitAndAMoveBetweenVillagesMoveTheSums) {
  const int64_t a = Household(kEast, "001");
  const int64_t a1 = Person(a, kEast);
  const int64_t v = Visit(a, kEast, "2026-11-05", {{a1, true, ""}});
  const Date today{2026, 11, 20};
  Ensure(today);
  EXPECT_EQ(Sums()[0].totals.covered, 1);
  Run("UPDATE visits SET state = 'void' WHERE id = " + std::to_string(v));
  Run("UPDATE visit_persons SET active = 0 WHERE visit_id = " + std::to_string(v));
  Refresh(a, today);
  EXPECT_EQ(Sums()[0].totals.visited, 0);
  Run("UPDATE households SET village_code = '" + std::string(kWest) + "' WHERE id = " + std::to_string(a));
  Refresh(a, today);
  const auto sums = Sums();
  ASSERT_EQ(sums.size(), 1u);
  EXPECT_EQ(sums[0].village_code, kWest);
  ExpectSame(sums, Rebuilt(today));
}


// A superior committee's list runs hospital by hospital (one index range each); its pages at every
// offset, either way round, are the slices of the one list in hospital, village, number order.
TEST_F(CoverageSummaryTest, PagesAcrossHospitalsAreSlicesOfOneList) {
  Run("INSERT INTO tenants (id, parent_id, name, kind, path, created_at) VALUES (8, NULL, '另一县医院', 'hospital', "
      "'/8/', '2020-01-01T00:00:00Z')");
  std::vector<int64_t> expected;
  for (const char* number : {"A2", "A1"}) Person(expected.emplace_back(Household(kWest, number)), kWest);
  Person(expected.emplace_back(Household(kEast, "A3")), kEast);
  for (const char* number : {"B1", "B2"}) {
    const int64_t h = Insert("INSERT INTO households (tenant_id, village_code, number, poverty_cause, status, status_since, "
                             "registered_on, created_at, updated_at) VALUES (8, '" + std::string(kEast) + "', '" + number +
                             "', '因病', '脱贫', '2020-12-20', '2015-06-15', 'x', 'x') RETURNING id");
    Run("INSERT INTO persons (tenant_id, household_id, village_code, name, sex, birth_date, id_enc, id_bidx, id_mask, "
        "relation, created_at, updated_at) VALUES (8, " + std::to_string(h) + ", '" + kEast + "', '成员', '女', "
        "'1970-01-01', 'e', 'x" + number + "', 'm', '户主', 'x', 'x')");
    expected.push_back(h);
  }
  // Tenant 7 in village then number order (kEast before kWest; A1 before A2), then tenant 8.
  expected = {expected[2], expected[1], expected[0], expected[3], expected[4]};
  const Date today{2026, 11, 10};
  auto r = database_->Write([&](soci::session& sql) -> Status {
    EnsurePeriods(sql, {7, 8}, start_, end_, today);
    return Ok();
  });
  ASSERT_TRUE(r.ok());
  Scope both = WholeTenant(7);
  both.tenants = {8, 7};
  for (bool descending : {false, true}) {
    std::vector<int64_t> order = expected;
    if (descending) std::reverse(order.begin(), order.end());
    for (int64_t offset = 0; offset <= 5; ++offset)
      for (int64_t limit = 1; limit <= 5; ++limit) {
        const auto page = database_->Read([&](soci::session& sql) {
          SummaryFilter f;
          f.scope = both;
          return ListHouseholds(sql, f, start_, end_, HouseholdState::kNotVisited, offset, limit, descending);
        });
        std::vector<int64_t> ids, want;
        for (const auto& h : page) ids.push_back(h.household_id);
        for (int64_t i = offset; i < std::min<int64_t>(5, offset + limit); ++i) want.push_back(order[i]);
        EXPECT_EQ(ids, want) << "offset " << offset << " limit " << limit << (descending ? " desc" : "");
      }
  }
}

}  // namespace
}  // namespace qizhi::health::outreach
