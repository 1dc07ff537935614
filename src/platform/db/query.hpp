// Query: SQL text plus its bound values, built the same way for SQLite and PostgreSQL.
// Parameters get generated names (:p1, :p2…) so a value is never spliced into the text.
//   Query q(kListUsers);                       // a named constant from an area's store
//   q.Set("tenant", 3);                         // its fixed :tenant parameter
//   q << " AND u.name LIKE " << q.Bind("%张%");  // dynamic parts
//   ScopeFilter(q, scope, "u.tenant_id", "o.path");
//   for (const Row& r : Fetch(sql, q)) …
// Row reads a column by name whatever integer type the backend chose, NULL as 0 / "".
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "platform/core/scope.hpp"

namespace qizhi::platform::db {

class Query {
 public:
  Query() = default;
  explicit Query(std::string_view text) : text_(text) {}

  Query& operator<<(std::string_view s) {
    text_ += s;
    return *this;
  }
  // Binds a value under a fresh name and returns the placeholder (":p3").
  std::string Bind(int64_t v);
  std::string Bind(const std::string& v);
  std::string Bind(const char* v) { return Bind(std::string(v)); }
  std::string BindNull();
  // Sets a named parameter that the text already contains (":tenant").
  Query& Set(const std::string& name, int64_t v);
  Query& Set(const std::string& name, const std::string& v);
  Query& Set(const std::string& name, const char* v) { return Set(name, std::string(v)); }
  Query& SetNull(const std::string& name);
  Query& SetOptional(const std::string& name, const std::optional<std::string>& v) {
    return v ? Set(name, *v) : SetNull(name);
  }
  Query& SetOptional(const std::string& name, const std::optional<int64_t>& v) {
    return v ? Set(name, *v) : SetNull(name);
  }
  // Optional text columns store NULL, not '', for "not given".
  Query& SetTextOrNull(const std::string& name, const std::string& v) { return v.empty() ? SetNull(name) : Set(name, v); }

  const std::string& text() const { return text_; }
  bool has_values() const { return !params_.empty(); }
  // The bound values as SOCI wants them. Built per execution: a soci::values that never reaches
  // a statement leaks its entries, so the Query keeps plain values until then.
  void FillValues(soci::values& v) const;

 private:
  std::string text_;
  std::vector<std::pair<std::string, std::variant<int64_t, std::string>>> params_;
  int next_ = 0;
};

class Row {
 public:
  explicit Row(const soci::row& r);
  // With the column names of an earlier row of the same result: lower-cased once per query.
  Row(const soci::row& r, std::shared_ptr<const std::vector<std::string>> names);
  const std::shared_ptr<const std::vector<std::string>>& names() const { return names_; }
  int64_t Int(const std::string& column) const;
  int64_t IntAt(size_t i) const;
  std::string Str(const std::string& column) const;
  bool IsNull(const std::string& column) const;
  std::optional<std::string> OptStr(const std::string& column) const;
  std::optional<int64_t> OptInt(const std::string& column) const;

 private:
  std::shared_ptr<const std::vector<std::string>> names_;
  std::vector<std::optional<std::string>> text_;
  std::vector<std::optional<int64_t>> ints_;
  size_t Index(const std::string& column) const;
};

std::vector<Row> Fetch(soci::session& sql, Query& q);
std::optional<Row> FetchOne(soci::session& sql, Query& q);
// Runs a statement; returns the number of affected rows.
int64_t Exec(soci::session& sql, Query& q);
// Runs an INSERT … RETURNING id and returns the id.
int64_t InsertReturningId(soci::session& sql, Query& q);
// Runs a single-value query (COUNT(*), MAX…); 0 when NULL or no row.
int64_t Scalar(soci::session& sql, Query& q);

// Appends " AND <tenant_col> IN (…)" for the tenants the caller may read, and, when the scope
// names org units, " AND (<path_col> LIKE '/1/5/%' OR …)". The one place scope reaches SQL.
void ScopeFilter(Query& q, const Scope& scope, std::string_view tenant_col,
                 std::string_view path_col = {});
// Appends " AND <tenant_col> = <home tenant>": for writes and for data only the home tenant owns.
void HomeTenantFilter(Query& q, const Scope& scope, std::string_view tenant_col);

// LIKE pattern for "contains text": escapes % and _ (with ESCAPE '\').
std::string ContainsPattern(std::string_view text);

}  // namespace qizhi::platform::db
