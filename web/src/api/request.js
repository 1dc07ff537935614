// fetch wrapper for the qizhi API: JSON in and out, the session cookie, the CSRF header on every
// write, problem+json errors as ApiError, and a 401 sends the browser to the login page.
import router from '@/router'
import { useUserStore } from '@/stores/user'
import { problemToError, networkError } from '@/utils/problem'

const readOnly = new Set(['GET', 'HEAD'])

function withQuery(url, params) {
  if (!params) return url
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.append(key, String(value))
  }
  const text = query.toString()
  return text ? `${url}?${text}` : url
}

async function readBody(response) {
  const type = response.headers.get('content-type') || ''
  if (response.status === 204 || !/json/i.test(type)) return null
  try {
    return await response.json()
  } catch {
    return null
  }
}

function toLogin() {
  useUserStore().reset()
  const current = router.currentRoute.value
  if (current.name !== 'login') {
    router.replace({ name: 'login', query: { redirect: current.fullPath } })
  }
}

/**
 * Calls the API. `options`: method, params (query), body (sent as JSON), and redirectOn401
 * (default true). Resolves to the parsed JSON answer (null for 204); rejects with ApiError.
 */
export default async function request(url, options = {}) {
  const { method = 'GET', params, body, redirectOn401 = true } = options
  const headers = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (!readOnly.has(method)) {
    const token = useUserStore().csrfToken
    if (token) headers['X-CSRF-Token'] = token
  }

  let response
  try {
    response = await fetch(withQuery(url, params), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw networkError()
  }

  const data = await readBody(response)
  if (response.ok) return data
  if (response.status === 401 && redirectOn401) toLogin()
  throw problemToError(response.status, data)
}
