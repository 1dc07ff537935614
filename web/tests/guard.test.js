import { describe, expect, it } from 'vitest'
import { resolveNavigation } from '@/router/guard'
import { hasAnyPermi } from '@/utils/permission'

function store(me, { offline = false } = {}) {
  const s = {
    loaded: false,
    passwordExpired: false,
    totpEnrolRequired: false,
    permissions: [],
    hasPermi: (p) => hasAnyPermi(s.permissions, p),
    applyMe(profile) {
      Object.assign(s, profile, { loaded: true })
    },
    async fetchMe() {
      if (offline) throw Object.assign(new Error('网络错误'), { status: 0 })
      if (!me) throw Object.assign(new Error('未登录'), { status: 401 })
      Object.assign(s, me, { loaded: true })
    },
  }
  return s
}

const route = (name, fullPath, meta = {}) => ({ name, fullPath, path: fullPath.split('?')[0], meta })
const userPage = route('user', '/system/user', { permi: 'system:user:list' })

describe('resolveNavigation', () => {
  const fieldPage = route('field', '/field', { permi: 'health:visit:edit', offline: true })
  const saved = async () => ({ user: { username: 'outreach' }, permissions: ['health:visit:edit'] })

  it('without network, an offline page opens as the user who downloaded data here', async () => {
    const s = store(null, { offline: true })
    expect(await resolveNavigation(fieldPage, s, saved)).toBe(true)
    expect(s.offline).toBe(true)
    expect(s.user.username).toBe('outreach')
  })

  it('without network and nothing downloaded, or on a page not meant for offline, login', async () => {
    expect(await resolveNavigation(fieldPage, store(null, { offline: true }), async () => null)).toEqual({ name: 'login', query: { redirect: '/field' } })
    expect(await resolveNavigation(userPage, store(null, { offline: true }), saved)).toEqual({ name: 'login', query: { redirect: '/system/user' } })
  })

  it('a session that ended (401) is never replaced by the saved profile', async () => {
    expect(await resolveNavigation(fieldPage, store(null), saved)).toEqual({ name: 'login', query: { redirect: '/field' } })
  })

  it('lets anyone see the login page', async () => {
    expect(await resolveNavigation(route('login', '/login', { public: true }), store(null))).toBe(true)
  })

  it('sends a stranger to login, remembering the target', async () => {
    expect(await resolveNavigation(userPage, store(null))).toEqual({ name: 'login', query: { redirect: '/system/user' } })
  })

  it('no redirect query for the home page', async () => {
    expect(await resolveNavigation(route('dashboard', '/index'), store(null))).toEqual({ name: 'login', query: {} })
  })

  it('holds an expired password on the password page', async () => {
    const s = store({ passwordExpired: true, permissions: ['system:user:list'] })
    expect(await resolveNavigation(userPage, s)).toEqual({ name: 'password' })
    expect(await resolveNavigation(route('password', '/password'), s)).toBe(true)
  })

  it('holds a due TOTP enrolment on the enrol page', async () => {
    const s = store({ totpEnrolRequired: true })
    expect(await resolveNavigation(route('dashboard', '/index'), s)).toEqual({ name: 'totp-enrol' })
    expect(await resolveNavigation(route('totp-enrol', '/totp-enrol'), s)).toBe(true)
  })

  it('the password comes before the TOTP enrolment', async () => {
    const s = store({ passwordExpired: true, totpEnrolRequired: true })
    expect(await resolveNavigation(route('totp-enrol', '/totp-enrol'), s)).toEqual({ name: 'password' })
  })

  it('a page without its permission shows not found', async () => {
    expect(await resolveNavigation(userPage, store({ permissions: ['audit:log:list'] }))).toEqual({
      name: 'not-found',
      params: { pathMatch: ['system', 'user'] },
    })
  })

  it('a page with its permission opens, asking the server only once', async () => {
    const s = store({ permissions: ['system:user:list'] })
    expect(await resolveNavigation(userPage, s)).toBe(true)
    s.fetchMe = () => {
      throw new Error('asked again')
    }
    expect(await resolveNavigation(route('dashboard', '/index'), s)).toBe(true)
  })
})
