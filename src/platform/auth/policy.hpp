// The security policy a security administrator sets per tenant (等保 level 3 defaults):
// password rules, lockout, session timeouts. Pure: parsing, defaults and validation.
#pragma once
#include <nlohmann/json.hpp>

#include "platform/auth/password.hpp"
#include "platform/core/result.hpp"

namespace qizhi::platform::auth {

struct SecurityPolicy {
  PasswordPolicy password;
  int lockout_failures = 5;
  int lockout_window_minutes = 15;
  int lockout_minutes = 15;
  int idle_timeout_minutes = 30;
  int absolute_timeout_hours = 12;
};

nlohmann::json PolicyToJson(const SecurityPolicy& p);
// Reads the fields present in `j` over `base`; errors name each bad field.
Result<SecurityPolicy> PolicyFromJson(const nlohmann::json& j, SecurityPolicy base = {});

}  // namespace qizhi::platform::auth
