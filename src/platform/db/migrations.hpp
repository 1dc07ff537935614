// Migrations: versioned schema changes embedded in the binary (from migrations/NNNN_name.sql),
// applied in order, each in its own transaction and recorded in schema_migrations. A migration
// that fails is rolled back whole: the database stays as it was. Applying twice changes nothing.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "platform/core/result.hpp"
#include "platform/db/database.hpp"

namespace qizhi::platform::db {

struct Migration {
  int64_t version;
  std::string name;
  std::string sql;
};

const std::vector<Migration>& EmbeddedMigrations();

// Expands the dialect tokens ({{id}}, {{tenant_key}}) for `dialect`.
std::string ExpandDialect(const std::string& sql, Dialect dialect);
// Splits a script into statements (at ';' ending a line), dropping comments.
std::vector<std::string> SplitStatements(const std::string& sql);

// Applies the pending migrations; returns the versions applied now.
Result<std::vector<int64_t>> Migrate(Database& db, const std::vector<Migration>& migrations);

}  // namespace qizhi::platform::db
