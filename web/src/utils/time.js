import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'

dayjs.extend(utc)
dayjs.extend(timezone)

const zone = 'Asia/Shanghai'

/** A stored UTC time shown in Beijing time, `2026-11-24 16:30:00`; empty for no time. */
export function formatTime(iso) {
  if (!iso) return ''
  const t = dayjs.utc(iso)
  return t.isValid() ? t.tz(zone).format('YYYY-MM-DD HH:mm:ss') : String(iso)
}

/** A picked instant as the API's UTC ISO 8601 form, `2026-11-24T08:30:00Z`. */
export function toApiTime(date) {
  return date ? dayjs(date).utc().format('YYYY-MM-DDTHH:mm:ss[Z]') : undefined
}

/** The current moment on the Beijing clock (greetings, "today"). */
export function beijingNow() {
  return dayjs().tz(zone)
}
