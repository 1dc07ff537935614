// HTTP client for the API tests: a cookie jar, the session's CSRF token, Origin on writes.
//
//   const c = new Client(srv.url);
//   await c.login('admin', 'Qizhi@2026');          // -> {status, body, headers, ...}
//   await c.get('/api/v1/me');
//   await c.post('/api/v1/users', {...}, {csrf: null, origin: 'http://evil.example'});
// Request options: csrf (undefined = the session's token on writes, null = omit, string = send),
// origin (undefined = own origin on writes, null = omit, string = send), headers, rawBody.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function parseSetCookie(line) {
  const parts = line.split(';').map((s) => s.trim());
  const [nv, ...attrs] = parts;
  const eq = nv.indexOf('=');
  const cookie = { name: nv.slice(0, eq).trim(), value: nv.slice(eq + 1).trim(), attrs: {}, raw: line };
  for (const a of attrs) {
    if (!a) continue;
    const i = a.indexOf('=');
    const k = (i < 0 ? a : a.slice(0, i)).trim().toLowerCase();
    cookie.attrs[k] = i < 0 ? true : a.slice(i + 1).trim();
  }
  return cookie;
}

export class Client {
  constructor(base, { origin } = {}) {
    this.base = base;
    this.origin = origin ?? base;
    this.jar = new Map();
    this.csrf = null;
    this.lastSetCookies = [];
  }

  cookieHeader() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  // A second client holding the same cookies and token (to replay a session after it ended).
  clone() {
    const c = new Client(this.base, { origin: this.origin });
    c.jar = new Map(this.jar);
    c.csrf = this.csrf;
    return c;
  }

  storeCookies(lines) {
    for (const line of lines) {
      const c = parseSetCookie(line);
      const maxAge = c.attrs['max-age'];
      const expires = c.attrs.expires ? Date.parse(c.attrs.expires) : NaN;
      if (c.value === '' || (maxAge !== undefined && Number(maxAge) <= 0) || (!Number.isNaN(expires) && expires < Date.now())) {
        this.jar.delete(c.name);
      } else {
        this.jar.set(c.name, c.value);
      }
    }
  }

  async request(method, path, body, opts = {}) {
    method = method.toUpperCase();
    const headers = { accept: 'application/json', ...(opts.headers || {}) };
    const cookie = this.cookieHeader();
    if (cookie && opts.cookies !== false) headers.cookie = cookie;
    const isWrite = WRITE.has(method);
    const csrf = opts.csrf === undefined ? (isWrite ? this.csrf : null) : opts.csrf;
    if (csrf) headers['x-csrf-token'] = csrf;
    const origin = opts.origin === undefined ? (isWrite ? this.origin : null) : opts.origin;
    if (origin) headers.origin = origin;
    let payload;
    if (opts.rawBody !== undefined) {
      payload = opts.rawBody;
      if (!headers['content-type']) headers['content-type'] = 'application/json';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers, body: payload, redirect: 'manual' });
    const text = await res.text();
    const setCookies = res.headers.getSetCookie();
    this.lastSetCookies = setCookies;
    this.storeCookies(setCookies);
    const ct = res.headers.get('content-type') || '';
    let parsed = text;
    if (/json/i.test(ct) && text !== '') {
      try { parsed = JSON.parse(text); } catch { parsed = text; }
    }
    return { status: res.status, body: parsed, text, headers: res.headers, contentType: ct, setCookies, method, path };
  }

  get(path, opts) { return this.request('GET', path, undefined, opts); }
  post(path, body, opts) { return this.request('POST', path, body, opts); }
  patch(path, body, opts) { return this.request('PATCH', path, body, opts); }
  put(path, body, opts) { return this.request('PUT', path, body, opts); }
  delete(path, body, opts) { return this.request('DELETE', path, body, opts); }

  async login(username, password, totp, opts = {}) {
    const body = { username, password };
    if (totp !== undefined && totp !== null) body.totp = totp;
    const res = await this.post('/api/v1/auth/login', body, { csrf: null, ...opts });
    if (res.status === 200 && res.body && typeof res.body === 'object') this.csrf = res.body.csrf_token;
    return res;
  }

  async logout(opts) {
    const res = await this.post('/api/v1/auth/logout', undefined, opts);
    return res;
  }
}

// Short description of a response for assertion messages.
export function show(res) {
  const body = typeof res.body === 'string' ? res.body.slice(0, 600) : JSON.stringify(res.body)?.slice(0, 600);
  return `${res.method} ${res.path} → ${res.status} ${res.contentType} ${body}`;
}

export function expectStatus(res, status) {
  assert.equal(res.status, status, `expected ${status}: ${show(res)}`);
  return res;
}

export function expectJson(res, status) {
  expectStatus(res, status);
  assert.match(res.contentType, /^application\/json;\s*charset=utf-8$/i, `content type application/json; charset=utf-8: ${show(res)}`);
  assert.equal(typeof res.body, 'object', `JSON body: ${show(res)}`);
  return res.body;
}

export const hasChinese = (s) => typeof s === 'string' && /[\u4e00-\u9fff]/.test(s);

// Asserts an RFC 9457 problem with `status`; with `field`, that errors[] names it (and, with
// `message`, with exactly that text). Returns the matching error entry (or the body).
export function expectProblem(res, status, field, message) {
  expectStatus(res, status);
  assert.match(res.contentType, /^application\/problem\+json\b/i, `problem content type: ${show(res)}`);
  const b = res.body;
  assert.equal(typeof b, 'object', `problem body: ${show(res)}`);
  assert.equal(b.status, status, `problem status member: ${show(res)}`);
  assert.equal(typeof b.title, 'string', `problem title: ${show(res)}`);
  assert.equal(b.type, 'about:blank', `problem type: ${show(res)}`);
  assert.ok(hasChinese(b.title), `problem title in Chinese: ${show(res)}`);
  if (status === 400) assert.equal(b.title, '输入有误', `400 title: ${show(res)}`);
  assert.ok(Array.isArray(b.errors), `problem errors[] always present: ${show(res)}`);
  if (field === undefined) return b;
  const e = b.errors.find((x) => x && x.field === field);
  assert.ok(e, `errors[] names field "${field}": ${show(res)}`);
  assert.ok(hasChinese(e.message), `error message for "${field}" in Chinese: ${show(res)}`);
  if (message !== undefined) assert.equal(e.message, message, `error message for "${field}": ${show(res)}`);
  return e;
}

// Logs in and asserts success.
export async function loginAs(base, username, password, totp) {
  const c = new Client(base);
  const res = await c.login(username, password, totp);
  expectJson(res, 200);
  assert.equal(typeof c.csrf, 'string', `csrf_token: ${show(res)}`);
  assert.ok(c.csrf.length >= 16, `csrf_token long enough: ${show(res)}`);
  return c;
}

// RFC 4648 base32 decode (no padding required).
export function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = s.toUpperCase().replace(/=+$/, '').replace(/\s+/g, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new Error(`bad base32 character ${ch}`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// RFC 6238 TOTP: SHA-1, 30 s step, 6 digits.
export function totp(secretBase32, unixTime = Date.now() / 1000) {
  const counter = Math.floor(unixTime / 30);
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = crypto.createHmac('sha1', base32Decode(secretBase32)).update(msg).digest();
  const off = mac[mac.length - 1] & 0x0f;
  const bin = ((mac[off] & 0x7f) << 24) | (mac[off + 1] << 16) | (mac[off + 2] << 8) | mac[off + 3];
  return String(bin % 1000000).padStart(6, '0');
}
