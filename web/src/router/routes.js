import Layout from '@/layout/index.vue'

// meta.title names the page; meta.permi is the permission the page needs (any one of a list);
// meta.activeMenu is the menu entry to mark for a page that has none of its own.
export const routes = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/index.vue'),
    meta: { title: '登录', public: true },
  },
  {
    path: '/password',
    name: 'password',
    component: () => import('@/views/system/password/index.vue'),
    meta: { title: '修改密码' },
  },
  {
    path: '/totp-enrol',
    name: 'totp-enrol',
    component: () => import('@/views/system/totp/index.vue'),
    meta: { title: '启用动态口令' },
  },
  {
    path: '/print/dues-receipt/:id',
    name: 'dues-receipt',
    component: () => import('@/views/party/dues/receipt.vue'),
    meta: { title: '党费收据', permi: 'party:dues:list' },
  },
  {
    // The signed 廉洁从业承诺书 on an A4 sheet, without the layout, for printing.
    path: '/print/pledge/:id(\\d+)',
    name: 'pledge-print',
    component: () => import('@/views/party/integrity/print.vue'),
    meta: { title: '廉洁从业承诺书', permi: 'party:integrity:list' },
  },
  {
    // 离线走访: the phone page, full screen without the sidebar; opens without network (meta.offline).
    path: '/field',
    name: 'field',
    component: () => import('@/views/health/outreach/field.vue'),
    meta: { title: '离线走访', permi: 'health:visit:edit', offline: true },
  },
  {
    path: '/',
    component: Layout,
    redirect: '/index',
    children: [
      {
        path: 'index',
        name: 'dashboard',
        component: () => import('@/views/dashboard/index.vue'),
        meta: { title: '首页' },
      },
      {
        path: 'figures',
        name: 'figures',
        component: () => import('@/views/figures/dashboard/index.vue'),
        meta: { title: '数据看板', permi: 'figures:view' },
      },
      {
        path: 'party/org',
        name: 'org',
        component: () => import('@/views/party/org/index.vue'),
        meta: { title: '组织架构', permi: 'party:org:list' },
      },
      {
        path: 'party/members',
        name: 'members',
        component: () => import('@/views/party/members/index.vue'),
        meta: { title: '党员信息', permi: 'party:member:list' },
      },
      {
        // Not in the menu; the sidebar marks 党员信息 while it is open.
        path: 'party/members/:id(\\d+)',
        name: 'member-detail',
        component: () => import('@/views/party/members/detail.vue'),
        meta: { title: '党员详情', permi: 'party:member:list', activeMenu: 'members' },
      },
      {
        path: 'party/development',
        name: 'development',
        component: () => import('@/views/party/development/index.vue'),
        meta: { title: '发展党员', permi: 'party:development:list' },
      },
      {
        // Not in the menu; the sidebar marks 发展党员 while it is open.
        path: 'party/development/:id(\\d+)',
        name: 'development-detail',
        component: () => import('@/views/party/development/detail.vue'),
        meta: { title: '发展党员详情', permi: 'party:development:list', activeMenu: 'development' },
      },
      {
        path: 'party/life',
        name: 'life',
        component: () => import('@/views/party/life/index.vue'),
        meta: { title: '会议记录', permi: 'party:life:list' },
      },
      {
        path: 'party/life/overdue',
        name: 'life-overdue',
        component: () => import('@/views/party/life/overdue.vue'),
        meta: { title: '逾期未开展', permi: 'party:life:list' },
      },
      {
        path: 'party/life/ledger',
        name: 'life-ledger',
        component: () => import('@/views/party/life/ledger.vue'),
        meta: { title: '三会一课台账', permi: 'party:life:list' },
      },
      {
        path: 'party/life/calendar',
        name: 'life-calendar',
        component: () => import('@/views/party/life/calendar.vue'),
        meta: { title: '组织生活日历', permi: 'party:life:list' },
      },
      {
        path: 'party/life/rules',
        name: 'life-rules',
        component: () => import('@/views/party/life/rules.vue'),
        meta: { title: '频次规则', permi: 'party:life:list' },
      },
      {
        path: 'health/coverage',
        name: 'coverage',
        component: () => import('@/views/health/outreach/coverage.vue'),
        meta: { title: '覆盖情况', permi: 'health:visit:list' },
      },
      {
        path: 'health/visits',
        name: 'visits',
        component: () => import('@/views/health/outreach/visits.vue'),
        meta: { title: '走访记录', permi: 'health:visit:list' },
      },
      {
        // Not in the menu: opened from 覆盖情况 (登记走访); the sidebar marks 覆盖情况.
        path: 'health/visits/new/:household(\\d+)',
        name: 'visit-form',
        component: () => import('@/views/health/outreach/visit-form.vue'),
        meta: { title: '走访登记', permi: 'health:visit:edit', activeMenu: 'coverage' },
      },
      {
        path: 'health/visit-plans',
        name: 'visit-plans',
        component: () => import('@/views/health/outreach/plans.vue'),
        meta: { title: '走访计划', permi: 'health:visit:list' },
      },
      {
        path: 'party/study/xuexi',
        name: 'xuexi',
        component: () => import('@/views/party/study/index.vue'),
        meta: { title: '学习强国统计', permi: 'party:life:list' },
      },
      {
        path: 'party/dues',
        name: 'dues',
        component: () => import('@/views/party/dues/index.vue'),
        meta: { title: '党费管理', permi: 'party:dues:list' },
      },
      {
        path: 'party/dues/member/:id',
        name: 'dues-member',
        component: () => import('@/views/party/dues/member.vue'),
        meta: { title: '党费明细账', permi: 'party:dues:list', activeMenu: 'dues' },
      },
      {
        path: 'party/scoring/inspections',
        name: 'scoring-inspections',
        component: () => import('@/views/party/scoring/inspections.vue'),
        meta: { title: '支部检查评分', permi: 'party:scoring:list' },
      },
      {
        path: 'party/scoring/assessment',
        name: 'scoring-assessment',
        component: () => import('@/views/party/scoring/assessment.vue'),
        meta: { title: '年度考核排名', permi: 'party:scoring:list' },
      },
      {
        path: 'party/scoring/checklists',
        name: 'scoring-checklists',
        component: () => import('@/views/party/scoring/checklists.vue'),
        meta: { title: '检查表', permi: 'party:scoring:list' },
      },
      {
        path: 'party/commendations',
        name: 'commendations',
        component: () => import('@/views/party/commendations/index.vue'),
        meta: { title: '表彰', permi: 'party:scoring:list' },
      },
      {
        path: 'party/points',
        name: 'points',
        component: () => import('@/views/party/points/index.vue'),
        meta: { title: '积分排名', permi: 'party:points:list' },
      },
      {
        path: 'party/points/entries',
        name: 'points-entries',
        component: () => import('@/views/party/points/entries.vue'),
        meta: { title: '加扣分审批', permi: 'party:points:list' },
      },
      {
        path: 'party/points/rules',
        name: 'points-rules',
        component: () => import('@/views/party/points/rules.vue'),
        meta: { title: '积分规则', permi: 'party:points:list' },
      },
      {
        path: 'party/points/mine',
        name: 'my-points',
        component: () => import('@/views/party/points/mine.vue'),
        meta: { title: '我的积分', permi: 'party:points:own' },
      },
      {
        path: 'party/integrity',
        name: 'integrity',
        component: () => import('@/views/party/integrity/index.vue'),
        meta: { title: '廉洁承诺书', permi: 'party:integrity:list' },
      },
      {
        path: 'party/integrity/self-checks',
        name: 'integrity-self-checks',
        component: () => import('@/views/party/integrity/selfchecks.vue'),
        meta: { title: '九不准自查', permi: 'party:integrity:list' },
      },
      {
        path: 'health/registry',
        name: 'registry',
        component: () => import('@/views/health/registry/index.vue'),
        meta: { title: '建档立卡', permi: 'health:registry:list' },
      },
      {
        // Not in the menu; the sidebar marks 建档立卡 while it is open.
        path: 'health/registry/:id(\\d+)',
        name: 'registry-household',
        component: () => import('@/views/health/registry/household.vue'),
        meta: { title: '建档立卡户详情', permi: 'health:registry:list', activeMenu: 'registry' },
      },
      {
        path: 'health/registry/import',
        name: 'registry-import',
        component: () => import('@/views/health/registry/import.vue'),
        meta: { title: '导入建档立卡名单', permi: 'health:registry:import', activeMenu: 'registry' },
      },
      {
        path: 'health/outreach/teams',
        name: 'outreach-teams',
        component: () => import('@/views/health/outreach/teams.vue'),
        meta: { title: '帮扶队', permi: 'health:outreach:list' },
      },
      {
        // Not in the menu; the sidebar marks 帮扶队 while it is open.
        path: 'health/outreach/teams/:id(\\d+)',
        name: 'outreach-team-detail',
        component: () => import('@/views/health/outreach/teamDetail.vue'),
        meta: { title: '帮扶队详情', permi: 'health:outreach:list', activeMenu: 'outreach-teams' },
      },
      {
        path: 'health/outreach/areas',
        name: 'outreach-areas',
        component: () => import('@/views/health/outreach/teamAreas.vue'),
        meta: { title: '分片负责', permi: 'health:outreach:list' },
      },
      {
        path: 'health/outreach/pairings',
        name: 'outreach-pairings',
        component: () => import('@/views/health/outreach/pairings.vue'),
        meta: { title: '一对一结对', permi: 'health:outreach:list' },
      },
      {
        path: 'system/user',
        name: 'user',
        component: () => import('@/views/system/user/index.vue'),
        meta: { title: '用户管理', permi: 'system:user:list' },
      },
      {
        path: 'system/role',
        name: 'role',
        component: () => import('@/views/system/role/index.vue'),
        meta: { title: '角色权限', permi: 'security:role:list' },
      },
      {
        path: 'system/policy',
        name: 'policy',
        component: () => import('@/views/system/policy/index.vue'),
        meta: { title: '安全策略', permi: 'security:policy:view' },
      },
      {
        path: 'audit/log',
        name: 'audit-log',
        component: () => import('@/views/audit/log/index.vue'),
        meta: { title: '审计日志', permi: 'audit:log:list' },
      },
      {
        path: 'profile',
        name: 'profile',
        component: () => import('@/views/profile/index.vue'),
        meta: { title: '个人中心' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/error/404.vue'),
        meta: { title: '页面不存在' },
      },
    ],
  },
]
