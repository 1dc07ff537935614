// Browser test of the party pages: 组织架构 (tree, counts, warnings, the unit drawer), 党员信息
// (adding a member: a wrong ID check digit shown at the ID field, then saved and found masked),
// 数据看板 (a figure and its groups open the member list with the same totals), and the branch
// secretary's scope (only 内科党支部 and its 党小组).
//
//   QIZHI_BIN=build/debug/qizhi QIZHI_WEB_ROOT=web/dist node --test tests/e2e/party.e2e.mjs
//
// The tests share one server (fresh demo database, see src/app/demo_roster.hpp) and run in
// order: the figures test counts the member the members test added. Screenshots go to
// build/e2e/party-*.png.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, errorTexts, login, logout, screenshot, useE2E } from './lib/browser.mjs'
import { fillDate, pickOption, waitForText, waitStill } from './lib/element.mjs'

const dazu = '大足区人民医院'
const dazuMembers = 430 // demo_roster.hpp: 大足区人民医院 has 430 members
const warnedBranch = '玉龙镇卫生院党支部' // its warning: branch_too_few_full
const secretaryBranch = '内科党支部' // the 江北 secretary's scope

const e2e = useE2E()
let membersAdded = 0 // by the members test, counted by the figures test

/** A GB 11643 citizen ID number: 17 digits plus the MOD 11-2 check character. */
function idNumber(body17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * weights[i], 0)
  return body17 + '10X98765432'[sum % 11]
}

// 大足区 (500111), born 1990-03-15, 顺序码 008: an even sex digit (女); the demo's 顺序码 start
// with 1-9, so no demo member has this number.
const newMember = {
  unit: '急诊科党支部',
  name: '测试党员',
  sex: '女',
  idNumber: idNumber('50011119900315008'),
  ethnicity: '汉族',
  education: '大学本科',
  category: '在岗职工',
  status: '正式',
  joinedOn: '2015-07-01',
  fullOn: '2016-07-01',
  phone: '13900001111',
}
const checks = '10X98765432'
const wrongId = newMember.idNumber.slice(0, 17) + checks[(checks.indexOf(newMember.idNumber[17]) + 1) % 11]

/** Opens a sidebar menu item and waits for its page. */
async function openMenu(page, name, url) {
  await page.locator(`[data-menu="${name}"]`).click()
  await page.waitForURL(url)
}

/** The ids of the tree nodes now shown (el-tree hides filtered nodes with display: none). */
async function shownUnitIds(page) {
  return page
    .locator('[data-test="org-tree"] [data-test="org-node"]')
    .evaluateAll((els) => els.filter((e) => e.checkVisibility()).map((e) => Number(e.dataset.unitId)).sort((a, b) => a - b))
}

async function waitForShownUnits(page, expected) {
  const deadline = Date.now() + 15_000
  let shown
  do {
    shown = await shownUnitIds(page)
    if (JSON.stringify(shown) === JSON.stringify(expected)) return
    await new Promise((r) => setTimeout(r, 100))
  } while (Date.now() < deadline)
  assert.deepEqual(shown, expected, 'the tree shows exactly these units')
}

/** The text input of an el-input, whether `locator` is the input itself or a wrapper. */
const inputOf = (locator) => locator.locator('xpath=descendant-or-self::input').first()

test('admin sees the 组织架构 tree with counts and warnings, filters to warnings, opens a unit', { timeout: 120_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'admin')
  await openMenu(page, 'org', /#\/party\/org/)

  const units = (await apiGet(page, '/api/v1/org/tree')).items
  const root = units.find((u) => u.kind === 'committee' && u.parent_id == null && u.tenant_name === dazu)
  assert.ok(root, `the tree holds the 党委 of ${dazu}`)
  const node = (name) => page.locator(`[data-test="org-tree"] [data-test="org-node"][data-unit-name="${name}"]`)

  await node(root.name).waitFor()
  assert.equal(await node(root.name).count(), 1)
  assert.match((await node(root.name).locator('[data-test="org-node-count"]').innerText()).trim(), new RegExp(`^${dazuMembers}\\s*人$`))

  const branch = node(warnedBranch)
  assert.equal(await branch.count(), 1, `one node ${warnedBranch}`)
  await branch.locator('[data-test="org-node-warning"][data-warning="branch_too_few_full"]').waitFor()
  assert.equal(await page.locator('[data-test="org-tree"] [data-test="org-node"]').count(), units.length, 'every unit has a node')
  await screenshot(page, 'party-org-tree')

  // Only units with warnings, and the ancestors that lead to them.
  const byId = new Map(units.map((u) => [u.id, u]))
  const expected = new Set()
  for (const u of units.filter((u) => u.warnings.length)) {
    for (let x = u; x; x = byId.get(x.parent_id)) expected.add(x.id)
  }
  assert.ok(expected.size < units.length, 'some units have no warning')
  await page.locator('[data-test="org-warnings-only"]').click()
  await waitForShownUnits(page, [...expected].sort((a, b) => a - b))
  for (const id of expected) {
    const u = byId.get(id)
    const tags = page.locator(`[data-test="org-node"][data-unit-id="${id}"] [data-test="org-node-warning"]`)
    assert.equal(await tags.count(), u.warnings.length, `${u.name} shows its ${u.warnings.length} warning(s)`)
  }
  assert.ok(await branch.isVisible(), `${warnedBranch} stays shown`)
  assert.ok(!(await node('急诊科党支部').isVisible()), 'a unit without warnings is hidden')
  await screenshot(page, 'party-org-warnings')

  await branch.locator('.node-name').click()
  const drawer = page.locator('.el-drawer[data-test="unit-drawer"], [data-test="unit-drawer"] .el-drawer').first()
  await drawer.waitFor()
  const warned = units.find((u) => u.name === warnedBranch)
  await page.waitForURL(new RegExp(`[?&]unit=${warned.id}(&|$)`))
  await drawer.getByText(warnedBranch).first().waitFor()
  await drawer.locator('[data-test="unit-warning"][data-warning="branch_too_few_full"]').waitFor()
  await drawer.locator('[data-test="unit-info"]').waitFor()
  await waitStill(drawer) // slid in
  await screenshot(page, 'party-org-drawer')
  assert.deepEqual(page.errors, [])
  await page.keyboard.press('Escape')
  await drawer.waitFor({ state: 'hidden' })
  await logout(page)
})

test('admin adds a member: a wrong ID check digit is shown at the ID field, then the member is listed masked', { timeout: 120_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'admin')
  await openMenu(page, 'members', /#\/party\/members/)
  await waitForText(page.locator('[data-test="member-total"]'), `共 ${dazuMembers} 人`)

  await page.locator('[data-test="member-add"]').click()
  const dialog = page.locator('.el-dialog[data-test="member-dialog"], [data-test="member-dialog"] .el-dialog').first()
  await dialog.waitFor()
  const field = (name) => dialog.locator(`[data-field="${name}"]`)
  const m = newMember

  await pickOption(page, dialog.locator('[data-test="member-unit"]'), m.unit)
  await inputOf(dialog.locator('[data-test="member-name"]')).fill(m.name)
  await pickOption(page, dialog.locator('[data-test="member-sex"]'), m.sex)
  await inputOf(dialog.locator('[data-test="member-id-number"]')).fill(wrongId)
  await pickOption(page, dialog.locator('[data-test="member-ethnicity"]'), m.ethnicity)
  await pickOption(page, dialog.locator('[data-test="member-education"]'), m.education)
  await pickOption(page, dialog.locator('[data-test="member-category"]'), m.category)
  await dialog.locator('[data-test="member-status"]').getByText(`${m.status}党员`, { exact: true }).click()
  await fillDate(page, dialog.locator('[data-test="member-joined-on"]'), m.joinedOn)
  await fillDate(page, dialog.locator('[data-test="member-full-on"]'), m.fullOn)
  await inputOf(dialog.locator('[data-test="member-phone"]')).fill(m.phone)
  assert.match(await field('unit_id').innerText(), new RegExp(m.unit), 'the unit is chosen')

  const save = async () =>
    (
      await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/members' && r.request().method() === 'POST'),
        dialog.locator('[data-test="member-save"]').click(),
      ])
    )[0]

  const refused = await save()
  assert.equal(refused.status(), 400, `a wrong check digit is refused: ${await refused.text()}`)
  const problem = await refused.json()
  assert.ok(problem.errors.some((e) => e.field === 'id_number'), 'the server names id_number')
  const idError = field('id_number').locator('.el-form-item__error')
  await idError.waitFor()
  const serverMessage = problem.errors.find((e) => e.field === 'id_number').message
  assert.equal((await idError.innerText()).trim(), serverMessage, "the ID field shows the server's message")
  assert.equal(await dialog.locator('.el-form-item__error').count(), 1, `only the ID field has an error: ${await errorTexts(page)}`)
  await screenshot(page, 'party-member-id-error', { fullPage: false })

  await inputOf(dialog.locator('[data-test="member-id-number"]')).fill(m.idNumber)
  const created = await save()
  assert.equal(created.status(), 201, `add member: ${await errorTexts(page)}`)
  membersAdded += 1
  await dialog.waitFor({ state: 'hidden' })

  await inputOf(page.locator('[data-test="member-search-q"]')).fill(m.name)
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/members?') && new URL(r.url()).searchParams.get('q') === m.name),
    page.locator('[data-test="member-search"]').click(),
  ])
  await waitForText(page.locator('[data-test="member-total"]'), '共 1 人')
  const rows = page.locator('[data-test="member-table"] .el-table__body-wrapper .el-table__row')
  await rows.first().waitFor()
  assert.equal(await rows.count(), 1, 'exactly one row')
  const row = await rows.first().innerText()
  assert.match(row, new RegExp(m.name))
  assert.match(row, new RegExp(m.unit))
  const masked = `${m.idNumber.slice(0, 3)}${'*'.repeat(11)}${m.idNumber.slice(-4)}`
  assert.ok(row.includes(masked), `the ID number is masked as ${masked}: ${row}`)
  assert.ok(!row.includes(m.idNumber), 'the full ID number is not shown')
  await screenshot(page, 'party-member-added')
  assert.deepEqual(page.errors, [])
  await logout(page)
})

test('admin sees members_by_status on the 数据看板 and each group opens a member list of that size', { timeout: 120_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'admin')
  await openMenu(page, 'figures', /#\/figures/)

  const expected = dazuMembers + membersAdded
  const card = page.locator('[data-figure="members_by_status"]')
  await waitForText(card, new RegExp(`^${expected}\\s*人$`))
  const figure = await apiGet(page, '/api/v1/figures/members_by_status')
  assert.equal(figure.value, expected, 'the API agrees')
  assert.deepEqual(figure.groups.map((g) => g.key).sort(), ['正式', '预备'].sort())
  assert.equal(figure.groups.reduce((s, g) => s + g.value, 0), expected, 'the groups add up')
  await screenshot(page, 'party-figures')

  for (const [key, shot] of [['预备', 'probationary'], ['正式', 'full']]) {
    const group = figure.groups.find((g) => g.key === key)
    if (new URL(page.url()).hash.split('?')[0] !== '#/figures') await openMenu(page, 'figures', /#\/figures/)
    const link = page.locator(`[data-figure-group="${key}"][data-figure-name="members_by_status"]`)
    await link.waitFor()
    assert.equal((await link.locator('xpath=following-sibling::*[1]').innerText()).trim(), String(group.value), `the card shows ${key} = ${group.value}`)
    await link.click()
    await page.waitForURL(/#\/party\/members/)
    assert.equal(new URL(page.url().replace('#/', '')).searchParams.get('status'), key, 'the list is filtered by the group')
    await waitForText(page.locator('[data-test="member-total"]'), `共 ${group.value} 人`)
    await screenshot(page, `party-figures-${shot}`)
  }
  assert.deepEqual(page.errors, [])
  await logout(page)
})

test('secretary sees only 内科党支部 and its members', { timeout: 120_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'secretary')
  await openMenu(page, 'org', /#\/party\/org/)

  const units = (await apiGet(page, '/api/v1/org/tree')).items
  const branch = units.find((u) => u.name === secretaryBranch && u.kind === 'branch')
  assert.ok(branch, `the secretary's tree holds ${secretaryBranch}`)
  assert.ok(units.every((u) => u.id === branch.id || (u.parent_id === branch.id && u.kind === 'group')), 'the scope is the branch and its 党小组')

  const nodes = page.locator('[data-test="org-tree"] [data-test="org-node"]')
  await nodes.first().waitFor()
  await waitForShownUnits(page, units.map((u) => u.id).sort((a, b) => a - b))
  const top = await page
    .locator('[data-test="org-tree"] > .el-tree-node > .el-tree-node__content [data-test="org-node"]')
    .evaluateAll((els) => els.map((e) => e.dataset.unitName))
  assert.deepEqual(top, [secretaryBranch], `the only top node is ${secretaryBranch}`)
  const names = await nodes.evaluateAll((els) => els.map((e) => e.dataset.unitName))
  assert.deepEqual(names.filter((n) => n.endsWith('党支部')), [secretaryBranch], 'no other branch')
  assert.match((await page.locator(`[data-test="org-node"][data-unit-id="${branch.id}"] [data-test="org-node-count"]`).innerText()).trim(), new RegExp(`^${branch.members}\\s*人$`))
  await screenshot(page, 'party-secretary-tree')

  assert.equal(branch.members, 40, `${secretaryBranch} and its 党小组 have 40 members in the demo`)
  await openMenu(page, 'members', /#\/party\/members/)
  await waitForText(page.locator('[data-test="member-total"]'), `共 ${branch.members} 人`)
  await screenshot(page, 'party-secretary-members')
  assert.deepEqual(page.errors, [])
  await logout(page)
})
