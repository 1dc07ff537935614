#include "platform/auth/policy.hpp"

namespace qizhi::platform::auth {

nlohmann::json PolicyToJson(const SecurityPolicy& p) {
  return {{"password_min_length", p.password.min_length},
          {"password_min_classes", p.password.min_classes},
          {"password_max_age_days", p.password.max_age_days},
          {"lockout_failures", p.lockout_failures},
          {"lockout_window_minutes", p.lockout_window_minutes},
          {"lockout_minutes", p.lockout_minutes},
          {"idle_timeout_minutes", p.idle_timeout_minutes},
          {"absolute_timeout_hours", p.absolute_timeout_hours}};
}

Result<SecurityPolicy> PolicyFromJson(const nlohmann::json& j, SecurityPolicy base) {
  Errors errors;
  // Lower bounds are the 等保 minimums; upper bounds stop a typo from disabling a control.
  auto take = [&](const char* field, int& target, int lo, int hi, const char* label) {
    if (!j.contains(field)) return;
    const auto& v = j[field];
    if (!v.is_number_integer() || v.get<int64_t>() < lo || v.get<int64_t>() > hi) {
      errors.push_back(Invalid(field, std::string(label) + "应为 " + std::to_string(lo) + "-" + std::to_string(hi) +
                                          " 之间的整数"));
      return;
    }
    target = v.get<int>();
  };
  SecurityPolicy p = base;
  take("password_min_length", p.password.min_length, 8, 64, "密码最短长度");
  take("password_min_classes", p.password.min_classes, 3, 4, "密码字符类别数");
  take("password_max_age_days", p.password.max_age_days, 1, 90, "密码有效期（天）");
  take("lockout_failures", p.lockout_failures, 3, 10, "锁定前允许失败次数");
  take("lockout_window_minutes", p.lockout_window_minutes, 1, 1440, "失败计数时间窗（分钟）");
  take("lockout_minutes", p.lockout_minutes, 1, 1440, "锁定时长（分钟）");
  take("idle_timeout_minutes", p.idle_timeout_minutes, 5, 30, "空闲超时（分钟）");
  take("absolute_timeout_hours", p.absolute_timeout_hours, 1, 24, "会话最长时长（小时）");
  if (!errors.empty()) return errors;
  return p;
}

}  // namespace qizhi::platform::auth
