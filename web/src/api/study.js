import request from './request'

/** One month of 学习强国 statistics: `{period, periods, items, total}`; `period`, `org` optional. */
export function getXuexiMonth(query) {
  return request('/api/v1/study/xuexi', { params: query })
}

/** Every import, newest month first, superseded ones included. */
export function listXuexiImports() {
  return request('/api/v1/study/xuexi/imports')
}

/** What importing `file` for `period` (YYYY-MM) would write: `{rows, valid_rows, items, total, errors}`. */
export function previewXuexi(period, file) {
  return request('/api/v1/study/xuexi/import/preview', { method: 'POST', params: { period }, body: file })
}

/** Imports the month: every row or, on any error, nothing (400 with `rows`). */
export function importXuexi(period, file) {
  return request('/api/v1/study/xuexi/import', { method: 'POST', params: { period, file_name: file.name }, body: file })
}
