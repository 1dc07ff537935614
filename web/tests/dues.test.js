import { describe, expect, it } from 'vitest'
import { capital, toFen, yuan } from '@/views/party/dues/money'

describe('dues money', () => {
  it('fen to yuan text, integers only', () => {
    expect(yuan(1500)).toBe('15.00')
    expect(yuan(20)).toBe('0.20')
    expect(yuan(100000001)).toBe('1000000.01')
    expect(yuan(-5)).toBe('-0.05')
  })
  it('yuan as typed to fen; anything else null', () => {
    expect(toFen('3000')).toBe(300000)
    expect(toFen('2999.99')).toBe(299999)
    expect(toFen('0.2')).toBe(20)
    expect(toFen(' 15.5 ')).toBe(1550)
    for (const bad of ['', '1.234', '-1', 'abc', '1,000']) expect(toFen(bad)).toBeNull()
  })
  it('the amount in capitals as receipts write it', () => {
    expect(capital(1500)).toBe('壹拾伍元整')
    expect(capital(20)).toBe('零元贰角')
    expect(capital(1234)).toBe('壹拾贰元叁角肆分')
    expect(capital(100005)).toBe('壹仟元零伍分')
    expect(capital(1000100)).toBe('壹万零壹元整')
    expect(capital(30000)).toBe('叁佰元整')
  })
})
