import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { components } from '@/plugins/element'

function vueFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? vueFiles(join(dir, e.name)) : e.name.endsWith('.vue') ? [join(dir, e.name)] : [],
  )
}

function registered() {
  const names = new Set()
  const app = { component: (name) => names.add(name), directive() {}, provide() {}, config: { globalProperties: {} }, _context: {} }
  for (const c of components) c.install(app)
  return names
}

const pascal = (tag) => tag.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase())

describe('Element Plus registration', () => {
  it('every <el-…> tag used by a page is installed', () => {
    const names = registered()
    const src = join(import.meta.dirname, '..', 'src')
    const missing = []
    for (const file of vueFiles(src)) {
      for (const [, tag] of readFileSync(file, 'utf8').matchAll(/<(el-[a-z-]+)/g)) {
        if (!names.has(pascal(tag))) missing.push(`${tag} in ${file}`)
      }
    }
    expect(missing).toEqual([])
  })
})
