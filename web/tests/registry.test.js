import { describe, expect, it } from 'vitest'
import { fenOf, fieldErrors, yuan } from '@/views/health/registry/options'
import { emptyPerson, personBody, personForm } from '@/views/health/registry/components/person'

describe('registry money: integer fen on the wire, 元 on screen', () => {
  it('reads 元 text into fen without floating point', () => {
    expect(fenOf('12500.5')).toBe(1250050)
    expect(fenOf('12,500.50')).toBe(1250050)
    expect(fenOf('0.07')).toBe(7)
    expect(fenOf('')).toBeNull()
    expect(fenOf('1.234')).toBeNaN()
    expect(fenOf('-5')).toBeNaN()
  })
  it('shows fen as 元 with two decimals', () => {
    expect(yuan(1250050)).toBe('12,500.50')
    expect(yuan(7)).toBe('0.07')
    expect(yuan(null)).toBe('—')
  })
})

describe('person form ⇄ body', () => {
  it('joins disability kind and grade, keeps chronic as a list', () => {
    const f = { ...emptyPerson('妻'), name: '李秀英', id_number: '11010519491231002X', chronic: ['高血压'], disability_kind: '肢体', disability_grade: '二级' }
    expect(personBody(f)).toEqual({ name: '李秀英', relation: '妻', chronic: ['高血压'], disability: '肢体二级', id_number: '11010519491231002X', phone: '' })
  })
  it('leaves out the empty ID number and phone on edit (they stay as stored), sends the version', () => {
    const f = personForm({ name: '张三', relation: '子', chronic: [], disability: '视力一级', version: 3, id_number: '110***********002X' })
    expect(f.id_number).toBe('')
    expect(f.disability_kind).toBe('视力')
    const body = personBody(f, { editing: true })
    expect(body).toEqual({ name: '张三', relation: '子', chronic: [], disability: '视力一级', version: 3 })
  })
  it('maps server field errors, head.* to the head form', () => {
    const err = { errors: [{ field: 'head.id_number', message: '身份证号校验位错误' }, { field: 'village_code', message: '请选择所在村' }] }
    expect(fieldErrors(err, 'head.')).toEqual({ id_number: '身份证号校验位错误', village_code: '请选择所在村' })
    expect(fieldErrors(err).village_code).toBe('请选择所在村')
  })
})
