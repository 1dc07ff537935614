// Audit actions and results as the contract names them, with their Chinese labels.
export const actionNames = {
  login: '登录',
  logout: '退出',
  create: '新增',
  update: '修改',
  lock: '锁定',
  unlock: '解锁',
  reset_password: '重置密码',
  change_password: '修改密码',
  assign_roles: '分配角色',
  read_pii: '查看个人信息',
  totp_enrol: '启用动态口令',
  policy: '修改安全策略',
}

export const resultNames = {
  ok: { label: '成功', type: 'success' },
  failed: { label: '失败', type: 'danger' },
  denied: { label: '拒绝', type: 'warning' },
  invalid: { label: '无效', type: 'info' },
}
