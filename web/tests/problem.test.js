import { describe, expect, it } from 'vitest'
import { ApiError, networkError, problemToError, splitErrors } from '@/utils/problem'

describe('problemToError', () => {
  const cases = [
    {
      name: 'a full problem object',
      status: 400,
      body: {
        type: 'about:blank',
        title: '输入有误',
        status: 400,
        detail: '请检查输入',
        errors: [{ field: 'phone', message: '手机号应为 11 位数字' }],
      },
      want: { status: 400, title: '输入有误', detail: '请检查输入', errors: [{ field: 'phone', message: '手机号应为 11 位数字' }] },
    },
    {
      name: 'no detail falls back to the title',
      status: 401,
      body: { title: '未登录', status: 401, errors: [] },
      want: { status: 401, title: '未登录', detail: '未登录', errors: [] },
    },
    {
      name: 'no body at all',
      status: 500,
      body: null,
      want: { status: 500, title: '服务器内部错误', detail: '服务器内部错误', errors: [] },
    },
    {
      name: 'unknown status without body',
      status: 418,
      body: null,
      want: { status: 418, title: '请求失败（418）', detail: '请求失败（418）', errors: [] },
    },
    {
      name: 'malformed errors are dropped, a missing field becomes empty',
      status: 400,
      body: { title: '输入有误', errors: [null, { field: 'a' }, { message: '总体错误' }, 'x'] },
      want: { status: 400, title: '输入有误', detail: '输入有误', errors: [{ field: '', message: '总体错误' }] },
    },
    {
      name: 'errors not a list',
      status: 409,
      body: { title: '冲突', errors: 'bad' },
      want: { status: 409, title: '冲突', detail: '冲突', errors: [] },
    },
  ]
  for (const c of cases) {
    it(c.name, () => {
      const err = problemToError(c.status, c.body)
      expect(err).toBeInstanceOf(ApiError)
      expect(err).toBeInstanceOf(Error)
      expect({ status: err.status, title: err.title, detail: err.detail, errors: err.errors }).toEqual(c.want)
      expect(err.message).toBe(c.want.detail)
    })
  }

  it('keeps extension members such as totp_required', () => {
    const err = problemToError(401, { title: '需要动态口令', totp_required: true, errors: [{ field: 'totp', message: '请输入动态口令' }] })
    expect(err.problem.totp_required).toBe(true)
  })

  it('a network failure has status 0 and a message', () => {
    const err = networkError()
    expect(err.status).toBe(0)
    expect(err.detail).toMatch(/网络|服务器/)
  })
})

describe('splitErrors', () => {
  const err = (errors, detail = '输入有误') => problemToError(400, { title: '输入有误', detail, errors })

  it('puts known fields at the field and nothing general', () => {
    expect(splitErrors(err([{ field: 'phone', message: '手机号格式不正确' }]), ['phone', 'name'])).toEqual({
      fields: { phone: '手机号格式不正确' },
      general: '',
    })
  })

  it('joins two messages for one field', () => {
    const e = err([
      { field: 'password', message: '密码至少 8 位' },
      { field: 'password', message: '不能包含用户名' },
    ])
    expect(splitErrors(e, ['password']).fields.password).toBe('密码至少 8 位；不能包含用户名')
  })

  it('unknown fields become the general message', () => {
    expect(splitErrors(err([{ field: 'roles', message: '角色冲突' }, { field: '', message: '其他' }]), ['name'])).toEqual({
      fields: {},
      general: '角色冲突；其他',
    })
  })

  it('no errors at all shows the detail', () => {
    expect(splitErrors(err([], '没有权限执行此操作'), ['name'])).toEqual({ fields: {}, general: '没有权限执行此操作' })
  })

  it('a plain Error shows its message', () => {
    expect(splitErrors(new Error('出错了'), ['name'])).toEqual({ fields: {}, general: '出错了' })
  })
})
