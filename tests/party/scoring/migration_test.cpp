// Migration 0010 on a hospital that existed before it: the default checklists it writes in SQL
// are DefaultChecklists() item for item (what a new tenant gets from C++), and the built-in roles
// get the scoring permissions as BuiltinRoles() grants them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "party/scoring/rules.hpp"
#include "party/scoring/store.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/db/migrations.hpp"
#include "platform/db/query.hpp"

namespace qizhi::party::scoring {
namespace {
namespace db = platform::db;

TEST(ScoringMigration, ExistingHospitalsGetTheDefaultChecklistsAndPermissions) {
  auto path = std::filesystem::temp_directory_path() / ("qizhi_scoring_mig_" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  auto opened = db::Database::Open("sqlite:" + path.string(), 1);
  ASSERT_TRUE(opened.ok());
  auto& database = *opened.value();
  std::vector<db::Migration> before, scoring;
  for (const auto& m : db::EmbeddedMigrations()) (m.version < 10 ? before : scoring).push_back(m);
  ASSERT_FALSE(scoring.empty());
  ASSERT_EQ(scoring.front().version, 10);
  ASSERT_TRUE(db::Migrate(database, before).ok());
  auto seeded = database.Write([](soci::session& sql) -> Status {
    sql << "INSERT INTO tenants (id, parent_id, name, kind, path, created_at) VALUES (7, NULL, '老医院', 'hospital', '/7/', "
           "'2020-01-01T00:00:00Z')";
    for (const char* code : {"admin", "secretary", "member"})
      sql << "INSERT INTO roles (tenant_id, code, name, builtin, created_at, updated_at) VALUES (7, '" << code << "', '"
          << code << "', 1, '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')";
    return Ok();
  });
  ASSERT_TRUE(seeded.ok());
  ASSERT_TRUE(db::Migrate(database, {scoring.front()}).ok());

  database.Read([](soci::session& sql) {
    const auto lists = CurrentChecklists(sql, WholeTenant(7));
    ASSERT_EQ(lists.size(), DefaultChecklists().size());
    for (size_t i = 0; i < lists.size(); ++i) {
      const auto& got = lists[i].list;
      const auto& want = DefaultChecklists()[i];
      EXPECT_EQ(got.code, want.code);
      EXPECT_EQ(got.title, want.title);
      ASSERT_EQ(got.items.size(), want.items.size()) << want.code;
      for (size_t j = 0; j < want.items.size(); ++j) {
        EXPECT_EQ(got.items[j].code, want.items[j].code);
        EXPECT_EQ(got.items[j].title, want.items[j].title);
        EXPECT_EQ(got.items[j].max_score, want.items[j].max_score);
        EXPECT_EQ(got.items[j].guidance, want.items[j].guidance);
      }
    }
    EXPECT_TRUE(CurrentChecklists(sql, WholeTenant(0)).empty()) << "the system tenant keeps none";
    for (const auto& role : platform::auth::BuiltinRoles()) {
      if (role.code != "admin" && role.code != "secretary" && role.code != "member") continue;
      db::Query q("SELECT p.permission FROM role_permissions p JOIN roles r ON r.tenant_id = p.tenant_id AND r.id = "
                  "p.role_id WHERE p.tenant_id = 7 AND r.code = :c AND (p.permission LIKE 'party:scoring:%' OR p.permission LIKE 'party:commendation:%') ORDER BY p.permission");
      q.Set("c", std::string(role.code));
      std::vector<std::string> got, want;
      for (const auto& r : db::Fetch(sql, q)) got.push_back(r.Str("permission"));
      for (const auto& p : role.permissions)
        if (std::string(p).rfind("party:scoring:", 0) == 0 || std::string(p).rfind("party:commendation:", 0) == 0)
          want.push_back(p);
      std::sort(want.begin(), want.end());
      EXPECT_EQ(got, want) << role.code;
    }
  });
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace qizhi::party::scoring
