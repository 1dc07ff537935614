// The permission catalogue (code, title, group) and the 等保 separation of the three
// administrators: system (users, config), security (roles, permissions, policy), audit (the
// audit trail). A role may hold permissions of at most one class, and a user roles of at most one.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "platform/core/result.hpp"

namespace qizhi::platform::auth {

struct PermissionInfo {
  std::string code;   // "area:resource:action"
  std::string title;  // 中文
  std::string group;  // 中文, for grouping checkboxes
};

const std::vector<PermissionInfo>& PermissionCatalogue();
bool IsKnownPermission(const std::string& code);
// "system", "security", "audit" for the administrator classes, nullopt for ordinary ones.
std::optional<std::string> AdminClassOf(const std::string& permission);
// The single administrator class of a permission set; error (field "permissions") if it mixes two.
Result<std::optional<std::string>> AdminClassOfSet(const std::set<std::string>& permissions);

// Lets a superior committee's user read every hospital below it (read-only by holding no writes).
inline constexpr const char* kSubtreeRead = "scope:subtree:read";

}  // namespace qizhi::platform::auth

namespace qizhi::platform::auth {

// The roles every new tenant starts with (data afterwards: the security administrator edits them).
struct BuiltinRole {
  std::string code;
  std::string name;
  std::string description;
  std::vector<std::string> permissions;
};
const std::vector<BuiltinRole>& BuiltinRoles();

}  // namespace qizhi::platform::auth
