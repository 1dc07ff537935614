// TOTP (RFC 6238) for demo roles that must enrol a second factor: the secrets the tests learnt
// on the enrol page, and codes never used before for a user (the server refuses a replayed one).
import { createHmac } from 'node:crypto'

const secrets = new Map()
const lastStep = new Map()

function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const c of text.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0')
  const bytes = []
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2))
  return Buffer.from(bytes)
}

/** The 6-digit code of a base32 secret for a 30-second time step. */
export function totpAt(secret, step) {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(step))
  const mac = createHmac('sha1', base32(secret)).update(counter).digest()
  const offset = mac[mac.length - 1] & 0xf
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')
}

export function rememberSecret(username, secret) {
  secrets.set(username, secret)
}

export function knowsSecret(username) {
  return secrets.has(username)
}

/** A code not used before for this user: waits for the next time step when needed. */
export async function freshCode(username) {
  let step = Math.floor(Date.now() / 30_000)
  if (lastStep.get(username) === step) {
    await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 200))
    step = Math.floor(Date.now() / 30_000)
  }
  lastStep.set(username, step)
  return totpAt(secrets.get(username), step)
}
