import { describe, expect, it } from 'vitest'
import { checkMember, emptyMember, errorFields, inputFields, memberBody, memberFromDetail } from '@/views/party/members/memberForm'
import { categories, educations, ethnicities, rosterColumns } from '@/views/party/members/options'

const filled = () => ({
  ...emptyMember(),
  name: '王丽娟',
  sex: '女',
  id_number: '500225198604121246',
  ethnicity: '汉族',
  education: '大学本科',
  category: '在岗职工',
  status: '正式',
  joined_on: '2010-07-01',
  full_on: '2011-07-01',
  unit_id: 12,
})

describe('checkMember (required fields only)', () => {
  it('a complete form passes', () => {
    expect(checkMember(filled(), { adding: true })).toEqual({})
  })

  it('an empty new form names every required field', () => {
    const form = { ...emptyMember(), ethnicity: '' }
    expect(Object.keys(checkMember(form, { adding: true })).sort()).toEqual(
      ['category', 'education', 'ethnicity', 'id_number', 'joined_on', 'name', 'sex', 'unit_id'].sort(),
    )
  })

  it('blank text counts as missing', () => {
    expect(checkMember({ ...filled(), name: '   ' }, { adding: true })).toEqual({ name: '请输入姓名' })
  })

  it('转正日期 only for 正式', () => {
    expect(checkMember({ ...filled(), full_on: '' }, { adding: true })).toHaveProperty('full_on')
    expect(checkMember({ ...filled(), status: '预备', full_on: '' }, { adding: true })).toEqual({})
  })

  it('流动党员 needs where and since', () => {
    const errors = checkMember({ ...filled(), flowing: true }, { adding: true })
    expect(Object.keys(errors).sort()).toEqual(['flow_since', 'flow_to'])
  })

  it('组织关系转入 needs its letter when chosen', () => {
    const errors = checkMember({ ...filled(), transfer: true }, { adding: true })
    expect(Object.keys(errors).sort()).toEqual([
      'transfer_in.effective_on',
      'transfer_in.external_org',
      'transfer_in.issued_on',
      'transfer_in.letter_no',
    ])
  })

  it('an edit needs no unit and keeps the ID number unless retyped', () => {
    expect(checkMember({ ...filled(), unit_id: null, id_number: '' }, { adding: false })).toEqual({})
  })

  it('formats are the server\'s business', () => {
    expect(checkMember({ ...filled(), id_number: '123', phone: 'abc', joined_on: '2099-01-01' }, { adding: true })).toEqual({})
  })

  it('every field it names is one the form shows errors for', () => {
    const errors = checkMember({ ...emptyMember(), status: '正式', flowing: true, transfer: true }, { adding: true })
    for (const f of Object.keys(errors)) expect(errorFields).toContain(f)
  })
})

describe('memberBody', () => {
  it('adding: every MemberInput field, the unit, trimmed; no version', () => {
    const body = memberBody({ ...filled(), name: ' 王丽娟 ' }, { adding: true })
    for (const f of inputFields) expect(body).toHaveProperty(f)
    expect(body.name).toBe('王丽娟')
    expect(body.unit_id).toBe(12)
    expect(body).not.toHaveProperty('version')
    expect(body).not.toHaveProperty('unit_since')
    expect(body).not.toHaveProperty('transfer_in')
    expect(body).not.toHaveProperty('masked')
  })

  it('预备 sends no 转正日期; unset switches clear their details', () => {
    const body = memberBody(
      { ...filled(), status: '预备', full_on: '2011-07-01', hardship: false, hardship_note: 'x', flowing: false, flow_to: '广州', flow_since: '2024-01-01' },
      { adding: true },
    )
    expect(body.full_on).toBe('')
    expect(body.hardship_note).toBe('')
    expect([body.flow_to, body.flow_since]).toEqual(['', ''])
  })

  it('adding with 组织关系转入 and a unit date', () => {
    const form = {
      ...filled(),
      unit_since: '2020-05-01',
      transfer: true,
      transfer_in: { external_org: '外院党委', letter_no: ' 渝组转〔2020〕12号 ', issued_on: '2020-04-20', effective_on: '2020-05-01' },
    }
    const body = memberBody(form, { adding: true })
    expect(body.unit_since).toBe('2020-05-01')
    expect(body.transfer_in).toEqual({ external_org: '外院党委', letter_no: '渝组转〔2020〕12号', issued_on: '2020-04-20', effective_on: '2020-05-01' })
  })

  it('editing: the version, no unit, ID number and phone only when retyped', () => {
    const body = memberBody({ ...filled(), id_number: '', phone: '' }, { adding: false, version: 3 })
    expect(body.version).toBe(3)
    expect(body).not.toHaveProperty('unit_id')
    expect(body).not.toHaveProperty('id_number')
    expect(body).not.toHaveProperty('phone')
    const retyped = memberBody({ ...filled(), phone: '15912346789' }, { adding: false, version: 3 })
    expect(retyped.id_number).toBe('500225198604121246')
    expect(retyped.phone).toBe('15912346789')
  })
})

describe('memberFromDetail', () => {
  it('fills the form, masked values only as hints', () => {
    const form = memberFromDetail({
      id: 5, unit_id: 12, name: '王丽娟', sex: '女', id_number: '500***********1246', phone: '159****6789',
      ethnicity: '汉族', education: '大学本科', category: '在岗职工', status: '正式', joined_on: '2010-07-01',
      full_on: '2011-07-01', hardship: 0, flowing: true, flow_to: '广州', flow_since: '2024-03-01', native_place: null,
    })
    expect(form.name).toBe('王丽娟')
    expect(form.id_number).toBe('')
    expect(form.phone).toBe('')
    expect(form.masked).toEqual({ id_number: '500***********1246', phone: '159****6789' })
    expect(form.native_place).toBe('')
    expect(form.hardship).toBe(false)
    expect(form.flowing).toBe(true)
  })
})

describe('options', () => {
  it('56 民族, 汉族 first, no duplicates', () => {
    expect(ethnicities).toHaveLength(56)
    expect(new Set(ethnicities).size).toBe(56)
    expect(ethnicities[0]).toBe('汉族')
  })

  it('the lists of rules.hpp', () => {
    expect(educations).toEqual(['研究生', '大学本科', '大学专科', '中等专科', '高中', '初中及以下'])
    expect(categories).toEqual(['在岗职工', '离退休人员', '劳务派遣人员', '学生', '其他'])
  })

  it('the roster columns of roster.hpp', () => {
    expect(rosterColumns).toHaveLength(18)
    expect(rosterColumns[0]).toBe('姓名')
    expect(rosterColumns[7]).toBe('所在党组织')
  })
})
