// Turns an HTTP error answer (RFC 9457 application/problem+json) into one error object the
// pages can show: a general message plus the messages that belong to single form fields.

export class ApiError extends Error {
  constructor({ status, title, detail, errors, problem }) {
    super(detail || title)
    this.name = 'ApiError'
    this.status = status
    this.title = title
    this.detail = detail
    this.errors = errors
    this.problem = problem
  }
}

const fallbackTitles = {
  400: '输入有误',
  401: '请先登录',
  403: '没有权限',
  404: '记录不存在',
  409: '数据冲突',
  413: '提交的内容过大',
  500: '服务器内部错误',
}

function titleFor(status) {
  return fallbackTitles[status] || `请求失败（${status}）`
}

function normaliseErrors(errors) {
  if (!Array.isArray(errors)) return []
  return errors
    .filter((e) => e && typeof e.message === 'string')
    .map((e) => ({ field: typeof e.field === 'string' ? e.field : '', message: e.message }))
}

/** Builds an ApiError from a status and the parsed body (problem object, other JSON, or null). */
export function problemToError(status, body) {
  const problem = body && typeof body === 'object' && !Array.isArray(body) ? body : {}
  const title = typeof problem.title === 'string' && problem.title ? problem.title : titleFor(status)
  const detail = typeof problem.detail === 'string' && problem.detail ? problem.detail : title
  return new ApiError({
    status: Number.isInteger(problem.status) ? problem.status : status,
    title,
    detail,
    errors: normaliseErrors(problem.errors),
    problem,
  })
}

/** The error for a request that got no answer at all. */
export function networkError() {
  return new ApiError({
    status: 0,
    title: '网络错误',
    detail: '无法连接服务器，请检查网络后重试',
    errors: [],
    problem: {},
  })
}

/**
 * Splits an error between the given form fields and a general message:
 * `{ fields: {phone: '…'}, general: '…' }`. Messages for unknown fields join the general one;
 * the detail is the general message only when no field got a message.
 */
export function splitErrors(err, fieldNames) {
  const fields = {}
  const rest = []
  for (const e of err?.errors || []) {
    if (fieldNames.includes(e.field)) {
      fields[e.field] = fields[e.field] ? `${fields[e.field]}；${e.message}` : e.message
    } else {
      rest.push(e.message)
    }
  }
  let general = rest.join('；')
  if (!general && Object.keys(fields).length === 0) general = err?.detail || err?.message || '操作失败'
  return { fields, general }
}
