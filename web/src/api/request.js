// fetch wrapper for the qizhi API: JSON in and out (files as raw bodies and blob downloads), the
// session cookie, the CSRF header on every write, problem+json errors as ApiError, and a 401
// sends the browser to the login page.
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

/** True for a body sent as it is (a file, raw bytes), not as JSON. */
export function isRawBody(body) {
  return (
    (typeof Blob !== 'undefined' && body instanceof Blob) ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body)
  )
}

function headersFor(method, body) {
  const headers = { Accept: 'application/json' }
  if (isRawBody(body)) headers['Content-Type'] = body.type || 'application/octet-stream'
  else if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (!readOnly.has(method)) {
    const token = useUserStore().csrfToken
    if (token) headers['X-CSRF-Token'] = token
  }
  return headers
}

async function send(url, { method = 'GET', params, body }) {
  try {
    return await fetch(withQuery(url, params), {
      method,
      headers: headersFor(method, body),
      credentials: 'same-origin',
      body: body === undefined ? undefined : isRawBody(body) ? body : JSON.stringify(body),
    })
  } catch {
    throw networkError()
  }
}

/**
 * Calls the API. `options`: method, params (query), body (sent as JSON; a Blob/File,
 * ArrayBuffer or typed array is sent as it is, with its own type or application/octet-stream),
 * and redirectOn401 (default true). Resolves to the parsed JSON answer (null for 204); rejects
 * with ApiError.
 */
export default async function request(url, options = {}) {
  const { redirectOn401 = true } = options
  const response = await send(url, options)
  const data = await readBody(response)
  if (response.ok) return data
  if (response.status === 401 && redirectOn401) toLogin()
  throw problemToError(response.status, data)
}

/**
 * The file name of a download from its Content-Disposition header: the RFC 6266/5987
 * `filename*=UTF-8''…` form first, then a plain `filename="…"`; `fallback` when neither.
 */
export function filenameFromDisposition(header, fallback = 'download') {
  if (!header) return fallback
  const star = /filename\*\s*=\s*([^;]+)/i.exec(header)
  if (star) {
    const value = star[1].trim().replace(/^"(.*)"$/, '$1')
    const encoded = value.replace(/^[\w-]+'[^']*'/, '')
    try {
      return decodeURIComponent(encoded)
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header)
  if (plain) return (plain[2] ?? plain[1]).trim() || fallback
  return fallback
}

/**
 * Downloads a file from the API (GET, the session cookie): resolves to `{blob, filename}`,
 * the name taken from Content-Disposition; an error answer rejects with ApiError as request().
 */
export async function requestBlob(url, options = {}) {
  const { redirectOn401 = true, fallbackName = 'download' } = options
  const response = await send(url, options)
  if (!response.ok) {
    const data = await readBody(response)
    if (response.status === 401 && redirectOn401) toLogin()
    throw problemToError(response.status, data)
  }
  const blob = await response.blob()
  return { blob, filename: filenameFromDisposition(response.headers.get('content-disposition'), fallbackName) }
}
