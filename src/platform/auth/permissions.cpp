#include "platform/auth/permissions.hpp"

namespace qizhi::platform::auth {

const std::vector<PermissionInfo>& PermissionCatalogue() {
  static const std::vector<PermissionInfo> kAll = {
      {"system:user:list", "查看用户", "系统管理（系统管理员）"},
      {"system:user:add", "新增用户", "系统管理（系统管理员）"},
      {"system:user:edit", "编辑用户", "系统管理（系统管理员）"},
      {"system:user:lock", "锁定/解锁用户", "系统管理（系统管理员）"},
      {"system:user:reset-password", "重置用户密码", "系统管理（系统管理员）"},
      {"system:user:pii", "查看用户完整手机号", "系统管理（系统管理员）"},
      {"system:config:view", "查看系统配置", "系统管理（系统管理员）"},
      {"security:role:list", "查看角色与权限", "安全管理（安全管理员）"},
      {"security:role:edit", "编辑角色与权限", "安全管理（安全管理员）"},
      {"security:user:assign", "为用户分配角色和管理范围", "安全管理（安全管理员）"},
      {"security:policy:view", "查看安全策略", "安全管理（安全管理员）"},
      {"security:policy:edit", "修改安全策略", "安全管理（安全管理员）"},
      {"audit:log:list", "查看审计日志", "安全审计（审计管理员）"},
      {"audit:log:verify", "校验审计日志完整性", "安全审计（审计管理员）"},
      {"party:org:list", "查看组织架构", "党建工作"},
      {"party:org:edit", "维护组织架构与换届", "党建工作"},
      {"party:member:list", "查看党员信息（证件号、电话遮蔽）", "党建工作"},
      {"party:member:add", "新增党员", "党建工作"},
      {"party:member:edit", "编辑党员信息、职务、奖惩、家庭成员", "党建工作"},
      {"party:member:transfer", "组织关系转接与党员减少", "党建工作"},
      {"party:member:pii", "查看党员完整身份证号与电话（留痕）", "党建工作"},
      {"party:member:import", "导入党员名册", "党建工作"},
      {"party:member:export", "导出党员名册", "党建工作"},
      {"party:life:list", "查看组织生活（三会一课）、学习记录与台账", "党建工作"},
      {"party:life:edit", "记录会议、考勤与学习", "党建工作"},
      {"party:life:rules", "维护组织生活频次规则", "党建工作"},
      {"party:development:list", "查看发展党员工作记录", "党建工作"},
      {"party:development:edit", "记录发展党员各步骤", "党建工作"},
      {"party:study:import", "导入学习强国统计", "党建工作"},
      {"party:dues:list", "查看党费基数、应交实交、欠交与台账", "党建工作"},
      {"party:dues:edit", "核定党费基数、生成月度党费、登记缴纳、记录未交原因", "党建工作"},
      {"party:dues:config", "维护党费工资项目", "党建工作"},
      {"party:scoring:list", "查看支部量化记分、年度考核与表彰", "党建工作"},
      {"party:scoring:edit", "登记支部检查评分", "党建工作"},
      {"party:scoring:config", "维护检查表与考核权重，确定年度考核结果", "党建工作"},
      {"party:commendation:edit", "登记与撤销表彰", "党建工作"},
      {"party:points:list", "查看党员积分与排名", "党建工作"},
      {"party:points:edit", "提出手工加扣分", "党建工作"},
      {"party:points:approve", "审批手工加扣分（不能审批本人提出的）", "党建工作"},
      {"party:points:rules", "维护积分规则", "党建工作"},
      {"party:points:own", "查看本人积分及明细", "党建工作"},
      {"party:integrity:list", "查看廉洁从业承诺书与九不准自查", "党建工作"},
      {"party:integrity:edit", "登记承诺书签署与九不准自查", "党建工作"},
      {"health:registry:list", "查看建档立卡户与人员（身份证号、电话、住址遮蔽）", "健康帮扶"},
      {"health:registry:edit", "登记与修改建档立卡户、家庭成员", "健康帮扶"},
      {"health:registry:import", "导入建档立卡名单", "健康帮扶"},
      {"health:registry:pii", "查看完整身份证号、电话与住址（留痕）", "健康帮扶"},
      {"health:registry:export", "导出建档立卡名单与覆盖清单", "健康帮扶"},
      {"health:outreach:list", "查看帮扶队、分片负责与一对一结对", "健康帮扶"},
      {"health:outreach:edit", "维护帮扶队、分片负责与一对一结对", "健康帮扶"},
      {"health:visit:list", "查看走访记录、服务计划与覆盖情况", "健康帮扶"},
      {"health:visit:edit", "登记走访与服务计划", "健康帮扶"},
      {"health:scope:all", "查看全院帮扶数据（不限于本人所在帮扶队的村）", "健康帮扶"},
      {"figures:view", "查看统计数字与驾驶舱", "统计"},
      {kSubtreeRead, "只读查看下级医院全部数据", "上级党组织"},
  };
  return kAll;
}

bool IsKnownPermission(const std::string& code) {
  for (const auto& p : PermissionCatalogue())
    if (p.code == code) return true;
  return false;
}

std::optional<std::string> AdminClassOf(const std::string& permission) {
  for (const char* cls : {"system", "security", "audit"}) {
    std::string prefix = std::string(cls) + ":";
    if (permission.rfind(prefix, 0) == 0) return std::string(cls);
  }
  return std::nullopt;
}

Result<std::optional<std::string>> AdminClassOfSet(const std::set<std::string>& permissions) {
  std::optional<std::string> found;
  for (const auto& p : permissions) {
    auto cls = AdminClassOf(p);
    if (!cls) continue;
    if (found && *found != *cls)
      return Invalid("permissions", "系统管理员、安全管理员、审计管理员的权限不能放在同一角色中（三员分立）");
    found = cls;
  }
  return found;
}

}  // namespace qizhi::platform::auth

namespace qizhi::platform::auth {

const std::vector<BuiltinRole>& BuiltinRoles() {
  static const std::vector<BuiltinRole> kRoles = {
      {"admin", "党办管理员", "党委办公室：组织架构、党员、计划与考核",
       {"party:org:list", "party:org:edit", "party:member:list", "party:member:add", "party:member:edit",
        "party:member:transfer", "party:member:pii", "party:member:import", "party:member:export", "figures:view",
        "party:life:list", "party:life:edit", "party:life:rules", "party:development:list", "party:development:edit",
        "party:study:import", "party:dues:list", "party:dues:edit", "party:dues:config", "party:scoring:list", "party:scoring:edit",
        "party:scoring:config", "party:commendation:edit", "party:points:list", "party:points:edit",
        "party:points:approve", "party:points:rules", "party:integrity:list", "party:integrity:edit",
        "health:registry:list", "health:registry:edit", "health:registry:import", "health:registry:pii",
        "health:registry:export", "health:outreach:list", "health:outreach:edit", "health:visit:list",
        "health:visit:edit", "health:scope:all"}},
      {"secretary", "支部书记", "支部书记/支委：本支部的会议、考勤、积分、志愿服务",
       {"party:org:list", "party:member:list", "party:member:add", "party:member:edit", "party:member:export",
        "figures:view", "party:life:list", "party:life:edit", "party:development:list", "party:development:edit",
        "party:dues:list", "party:dues:edit", "party:scoring:list", "party:points:list", "party:points:edit",
        "party:integrity:list"}},
      {"member", "党员", "查看本人积分、任务与学习", {"party:points:own"}},
      {"outreach", "帮扶队员", "帮扶队/家庭医生团队：走访、随访、签约（本队负责的村）",
       {"health:registry:list", "health:registry:edit", "health:outreach:list", "health:visit:list",
        "health:visit:edit"}},
      {"leader", "院领导", "驾驶舱与分片负责区域",
       {"party:org:list", "party:member:list", "figures:view", "party:life:list", "party:development:list",
        "party:dues:list", "party:scoring:list", "party:points:list", "party:integrity:list",
        "health:registry:list", "health:outreach:list", "health:visit:list", "health:scope:all"}},
      {"auditor", "上级/审计", "只读查看下级医院全部数据",
       {"party:org:list", "party:member:list", "figures:view", "party:life:list", "party:development:list",
        "party:dues:list", "party:scoring:list", "party:points:list", "party:integrity:list",
        "health:registry:list", "health:outreach:list", "health:visit:list", "health:scope:all", kSubtreeRead}},
      {"sysadmin", "系统管理员", "用户与系统配置（三员之一）",
       {"system:user:list", "system:user:add", "system:user:edit", "system:user:lock", "system:user:reset-password",
        "system:user:pii", "system:config:view"}},
      {"secadmin", "安全管理员", "角色、权限与安全策略（三员之一）",
       {"security:role:list", "security:role:edit", "security:user:assign", "security:policy:view",
        "security:policy:edit"}},
      {"audadmin", "审计管理员", "审计日志（三员之一）", {"audit:log:list", "audit:log:verify"}},
  };
  return kRoles;
}

}  // namespace qizhi::platform::auth
