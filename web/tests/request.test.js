import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const router = vi.hoisted(() => ({ currentRoute: { value: { name: 'user', fullPath: '/system/user' } }, replace: vi.fn() }))
const user = vi.hoisted(() => ({ csrfToken: 'csrf-123', reset: vi.fn() }))
vi.mock('@/router', () => ({ default: router }))
vi.mock('@/stores/user', () => ({ useUserStore: () => user }))

const { default: request } = await import('@/api/request')
const { ApiError } = await import('@/utils/problem')

function answer(status, body, type = 'application/json') {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: body === undefined ? {} : { 'content-type': type },
  })
}

let fetchMock
beforeEach(() => {
  fetchMock = vi.fn()
  vi.stubGlobal('fetch', fetchMock)
  router.replace.mockReset()
  user.reset.mockReset()
})
afterEach(() => vi.unstubAllGlobals())

describe('request', () => {
  it('GET sends the cookie, no CSRF header, and drops empty query values', async () => {
    fetchMock.mockResolvedValue(answer(200, { items: [], total: 0, page: 1, size: 20 }))
    const data = await request('/api/v1/users', { params: { q: '', page: 2, sort: undefined, size: 20 } })
    expect(data.total).toBe(0)
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/v1/users?page=2&size=20')
    expect(init.method).toBe('GET')
    expect(init.credentials).toBe('same-origin')
    expect(init.headers['X-CSRF-Token']).toBeUndefined()
  })

  for (const method of ['POST', 'PUT', 'PATCH']) {
    it(`${method} sends JSON and the CSRF token`, async () => {
      fetchMock.mockResolvedValue(answer(200, { id: 1 }))
      await request('/api/v1/users/1', { method, body: { name: '张三' } })
      const [, init] = fetchMock.mock.calls[0]
      expect(init.headers['X-CSRF-Token']).toBe('csrf-123')
      expect(init.headers['Content-Type']).toBe('application/json')
      expect(JSON.parse(init.body)).toEqual({ name: '张三' })
    })
  }

  it('a write without body still carries the token and no content type', async () => {
    fetchMock.mockResolvedValue(answer(204))
    expect(await request('/api/v1/auth/logout', { method: 'POST' })).toBeNull()
    const [, init] = fetchMock.mock.calls[0]
    expect(init.headers['X-CSRF-Token']).toBe('csrf-123')
    expect(init.headers['Content-Type']).toBeUndefined()
    expect(init.body).toBeUndefined()
  })

  it('a problem+json answer becomes an ApiError with field errors', async () => {
    const problem = { title: '输入有误', status: 400, detail: '请检查输入', errors: [{ field: 'phone', message: '手机号格式不正确' }] }
    fetchMock.mockResolvedValue(answer(400, problem, 'application/problem+json'))
    const err = await request('/api/v1/users', { method: 'POST', body: {} }).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(400)
    expect(err.errors).toEqual([{ field: 'phone', message: '手机号格式不正确' }])
    expect(router.replace).not.toHaveBeenCalled()
  })

  it('401 goes to the login page with the current page to return to', async () => {
    fetchMock.mockResolvedValue(answer(401, { title: '未登录', status: 401, errors: [] }, 'application/problem+json'))
    const err = await request('/api/v1/users').catch((e) => e)
    expect(err.status).toBe(401)
    expect(user.reset).toHaveBeenCalled()
    expect(router.replace).toHaveBeenCalledWith({ name: 'login', query: { redirect: '/system/user' } })
  })

  it('401 of a call that handles it itself (the login) stays put', async () => {
    const problem = { title: '登录失败', status: 401, errors: [{ field: 'password', message: '用户名或密码错误' }] }
    fetchMock.mockResolvedValue(answer(401, problem, 'application/problem+json'))
    const err = await request('/api/v1/auth/login', { method: 'POST', body: {}, redirectOn401: false }).catch((e) => e)
    expect(err.errors[0].field).toBe('password')
    expect(router.replace).not.toHaveBeenCalled()
  })

  it('a non-JSON error page still becomes an ApiError', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }))
    const err = await request('/api/v1/me').catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(502)
    expect(err.errors).toEqual([])
  })

  it('no answer at all is a network error', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const err = await request('/api/v1/me').catch((e) => e)
    expect(err.status).toBe(0)
  })
})
