// Driving Element Plus widgets in a browser test. Their dropdowns are teleported to the end of
// <body>, so options are looked up in the visible popper, not inside the widget.
import assert from 'node:assert/strict'

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Opens an el-select or el-tree-select by clicking `trigger` (the select or a wrapper around it)
 * and picks the option whose text is exactly `text`; waits for the dropdown to close.
 */
export async function pickOption(page, trigger, text) {
  await trigger.click()
  const popper = page.locator('.el-select__popper:visible')
  const option = popper.locator('.el-select-dropdown__item').filter({ hasText: new RegExp(`^\\s*${escapeRe(text)}\\s*$`) })
  await option.first().waitFor()
  assert.equal(await option.count(), 1, `one option "${text}" in the dropdown`)
  const own = await option.evaluate((li) => ({ disabled: li.classList.contains('is-disabled') || li.getAttribute('aria-disabled') === 'true' }))
  assert.ok(!own.disabled, `the option "${text}" can be chosen`)
  // In an el-tree-select the node of a unit that cannot be chosen (a 党委) has aria-disabled,
  // and Playwright counts the options of every node below it as disabled too: check the option
  // itself (above), wait until the dropdown stops moving, and click it as a user would.
  await option.scrollIntoViewIfNeeded()
  await waitStill(option)
  await option.click({ force: true })
  await popper.waitFor({ state: 'hidden' })
}

/** Waits until the element's box stays the same over a few animation frames (transitions done). */
export async function waitStill(locator) {
  await locator.evaluate(
    (el) =>
      new Promise((done) => {
        let last = ''
        let same = 0
        const deadline = performance.now() + 5_000
        const tick = () => {
          const r = el.getBoundingClientRect()
          const key = `${r.x},${r.y},${r.width},${r.height}`
          same = key === last ? same + 1 : 0
          last = key
          if (same >= 5 || performance.now() > deadline) done()
          else requestAnimationFrame(tick)
        }
        requestAnimationFrame(tick)
      }),
  )
}

/** Types a date (YYYY-MM-DD) into the el-date-picker inside `wrapper` and confirms it. */
export async function fillDate(page, wrapper, date) {
  const input = wrapper.locator('input')
  await input.click()
  await input.fill(date)
  await input.press('Enter')
  // Enter closes the panel; Escape only if it stays open (an Escape too many closes a dialog).
  const panel = page.locator('.el-picker__popper:visible')
  try {
    await panel.waitFor({ state: 'hidden', timeout: 3_000 })
  } catch {
    await input.press('Escape')
    await panel.waitFor({ state: 'hidden' })
  }
  assert.equal(await input.inputValue(), date, 'the date picker shows the typed date')
}

/** Waits until `locator`'s inner text (trimmed) satisfies `test` (a RegExp or a string); returns it. */
export async function waitForText(locator, expected, { timeout = 15_000 } = {}) {
  const deadline = Date.now() + timeout
  let text = ''
  for (;;) {
    text = (await locator.innerText().catch(() => '')).trim()
    if (expected instanceof RegExp ? expected.test(text) : text === expected) return text
    if (Date.now() > deadline) assert.fail(`waiting for text ${expected}, last seen "${text}"`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
