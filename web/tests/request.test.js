import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const router = vi.hoisted(() => ({ currentRoute: { value: { name: 'user', fullPath: '/system/user' } }, replace: vi.fn() }))
const user = vi.hoisted(() => ({ csrfToken: 'csrf-123', reset: vi.fn() }))
vi.mock('@/router', () => ({ default: router }))
vi.mock('@/stores/user', () => ({ useUserStore: () => user }))

const { default: request, filenameFromDisposition, requestBlob } = await import('@/api/request')
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

  it('a File body is sent as it is, with its type and the CSRF token', async () => {
    fetchMock.mockResolvedValue(answer(200, { rows: 1, errors: [] }))
    const file = new File(['姓名,性别\n'], 'roster.csv', { type: 'text/csv' })
    expect((await request('/api/v1/members/import/preview', { method: 'POST', body: file })).rows).toBe(1)
    const [, init] = fetchMock.mock.calls[0]
    expect(init.body).toBe(file)
    expect(init.headers['Content-Type']).toBe('text/csv')
    expect(init.headers['X-CSRF-Token']).toBe('csrf-123')
  })

  it('a typeless Blob or an ArrayBuffer goes as application/octet-stream', async () => {
    fetchMock.mockResolvedValue(answer(202, { job_id: 7 }))
    const buffer = new Uint8Array([0x50, 0x4b, 3, 4]).buffer
    for (const body of [new Blob([buffer]), buffer, new Uint8Array(buffer)]) {
      fetchMock.mockClear()
      await request('/api/v1/members/import', { method: 'POST', body })
      const [, init] = fetchMock.mock.calls[0]
      expect(init.body).toBe(body)
      expect(init.headers['Content-Type']).toBe('application/octet-stream')
    }
  })

  it('plain objects and arrays are still JSON', async () => {
    fetchMock.mockResolvedValue(answer(200, {}))
    await request('/api/v1/x', { method: 'POST', body: [1, 2] })
    expect(fetchMock.mock.calls[0][1].body).toBe('[1,2]')
  })
})

describe('requestBlob', () => {
  it('resolves to the file and its name from Content-Disposition, sending the filters', async () => {
    fetchMock.mockResolvedValue(
      new Response(new Uint8Array([1, 2, 3]), {
        status: 200,
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': "attachment; filename*=UTF-8''%E5%85%9A%E5%91%98%E5%90%8D%E5%86%8C-2026-05-01.xlsx",
        },
      }),
    )
    const { blob, filename } = await requestBlob('/api/v1/members/export', { params: { org: 5, status: '' } })
    expect(filename).toBe('党员名册-2026-05-01.xlsx')
    expect(blob.size).toBe(3)
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/v1/members/export?org=5')
    expect(init.credentials).toBe('same-origin')
  })

  it('an error answer is an ApiError', async () => {
    fetchMock.mockResolvedValue(answer(403, { title: '没有权限', status: 403, errors: [] }, 'application/problem+json'))
    const err = await requestBlob('/api/v1/members/export').catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(403)
  })
})

describe('filenameFromDisposition', () => {
  const cases = [
    ["attachment; filename*=UTF-8''%E5%85%9A%E5%91%98.xlsx", '党员.xlsx'],
    ['attachment; filename="roster.xlsx"', 'roster.xlsx'],
    ["attachment; filename=\"fallback.xlsx\"; filename*=UTF-8''%E5%90%8D%E5%86%8C.xlsx", '名册.xlsx'],
    ['attachment; filename=plain.csv', 'plain.csv'],
    ['attachment', 'download'],
    [null, 'download'],
  ]
  for (const [header, want] of cases) {
    it(`${header} → ${want}`, () => expect(filenameFromDisposition(header)).toBe(want))
  }
})

