// The demo database: a superior committee, its three hospitals from the seed reports, and one
// user per role. Refuses a database that already has tenants (it never overwrites real data).
#pragma once
#include <string>

#include "platform/core/result.hpp"
#include "platform/db/database.hpp"
#include "platform/pii/cipher.hpp"

namespace qizhi::app {

inline constexpr const char* kDefaultDemoPassword = "Qizhi@2026";

struct DemoLogin {
  std::string username;
  std::string role;
  std::string tenant;
};

// `generated_members` > 0 adds a fifth hospital, 基准测试医院, with a generated roster of that
// many members and an administrator `benchadmin` (for bench/).
Result<std::vector<DemoLogin>> CreateDemo(platform::db::Database& db, const platform::pii::Cipher& cipher,
                                          const std::string& password, int generated_members = 0);
// True when the database already holds hospital data.
bool HasTenants(platform::db::Database& db);

}  // namespace qizhi::app
