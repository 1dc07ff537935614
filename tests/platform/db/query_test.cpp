// The query builder and the scope filter: values are bound, never spliced, and scope always
// limits tenants (and org paths when the caller has a scope).
#include <gtest/gtest.h>

#include "platform/db/database.hpp"
#include "platform/db/query.hpp"

namespace qizhi::platform::db {
namespace {

TEST(ScopeFilterTest, LimitsToTheScopeTenantsAndPaths) {
  Scope scope{2, {2, 5}, {"/1/7/", "/1/9/"}};
  Query q("SELECT * FROM org_units o WHERE 1 = 1");
  ScopeFilter(q, scope, "o.tenant_id", "o.path");
  EXPECT_EQ(q.text(),
            "SELECT * FROM org_units o WHERE 1 = 1 AND o.tenant_id IN (:p1, :p2) AND (o.path LIKE :p3 OR o.path LIKE "
            ":p4)");
}

TEST(ScopeFilterTest, WithoutTenantsFallsBackToTheHomeTenantNeverToAll) {
  Scope scope{3, {}, {}};
  Query q("SELECT 1 WHERE 1 = 1");
  ScopeFilter(q, scope, "tenant_id");
  EXPECT_EQ(q.text(), "SELECT 1 WHERE 1 = 1 AND tenant_id IN (:p1)");
}

TEST(ContainsPatternTest, EscapesWildcards) {
  EXPECT_EQ(ContainsPattern("张"), "%张%");
  EXPECT_EQ(ContainsPattern("50%_a\\"), "%50\\%\\_a\\\\%");
}

TEST(QueryTest, FiltersRowsOnARealDatabaseAndKeepsNullsNull) {
  auto db = Database::Open("sqlite::memory:", 1);
  ASSERT_TRUE(db.ok());
  db.value()->Read([](soci::session& s) {
    s << "CREATE TABLE u (tenant_id BIGINT, name TEXT, path TEXT, note TEXT)";
    s << "INSERT INTO u VALUES (1, 'a', '/1/2/', 'x'), (1, 'b', '/1/3/', NULL), (2, 'c', '/4/', 'y')";
    Query q("SELECT name, note FROM u WHERE 1 = 1");
    ScopeFilter(q, Scope{1, {1}, {"/1/3/"}}, "tenant_id", "path");
    auto rows = Fetch(s, q);
    EXPECT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].Str("name"), "b");
    EXPECT_TRUE(rows[0].IsNull("note"));
    Query ins("INSERT INTO u (tenant_id, name, path, note) VALUES (:t, :n, :p, :note)");
    ins.Set("t", 9).Set("n", "d'; DROP TABLE u; --").Set("p", "/9/").SetNull("note");
    Exec(s, ins);
    Query back("SELECT name, note FROM u WHERE tenant_id = :t");
    back.Set("t", 9);
    auto row = FetchOne(s, back);
    EXPECT_TRUE(row.has_value());
    EXPECT_EQ(row->Str("name"), "d'; DROP TABLE u; --");
    EXPECT_TRUE(row->IsNull("note"));
    return 0;
  });
}

TEST(UniqueViolationFieldTest, NamesTheColumnOnBothDatabases) {
  EXPECT_EQ(UniqueViolationField(std::runtime_error("UNIQUE constraint failed: users.username")), "username");
  EXPECT_EQ(UniqueViolationField(std::runtime_error(
                "ERROR: duplicate key value violates unique constraint \"uq_users__username\"")),
            "username");
  EXPECT_EQ(UniqueViolationField(std::runtime_error("something else")), "");
}

}  // namespace
}  // namespace qizhi::platform::db
