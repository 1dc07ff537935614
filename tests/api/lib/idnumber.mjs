// Citizen ID numbers (GB 11643-1999) for test data: 6-digit region, 8-digit birth date, 3-digit
// sequence (odd = male, even = female), ISO 7064 MOD 11-2 check character.
//
//   idNumber({birth: '1985-03-12', sex: '男', seq: 7})   -> '50011119850312007X'-like, valid
//   checkChar('50011119850312007')                        -> '0'..'9' | 'X'
//   withBadCheck(id)                                      -> the same number with a wrong check character
//   todayShanghai(), addDays('2026-01-31', 1), addYears('2000-02-29', 1)
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkChar(first17) {
  if (!/^\d{17}$/.test(first17)) throw new Error(`17 digits expected: ${first17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

// A valid number. `seq` (0-499) picks the sequence code; its parity is fixed by `sex`.
// `region` defaults to 500111 (重庆市大足区). Test files use distinct `region`s or `seq`s so
// their numbers never collide with the demo's (whose 顺序码 start with 1, 2, 3 or 4-9 by
// hospital: we use region 500199, which the demo does not).
export function idNumber({ birth, sex = '男', seq = 1, region = '500199' }) {
  const date = birth.replaceAll('-', '');
  if (!/^\d{8}$/.test(date)) throw new Error(`birth YYYY-MM-DD expected: ${birth}`);
  let n = (seq * 2) % 1000;
  if (sex === '男') n += 1; // odd = male
  const first17 = `${region}${date}${String(n % 1000).padStart(3, '0')}`;
  return first17 + checkChar(first17);
}

export function withBadCheck(id) {
  const good = id[17];
  const bad = good === '0' ? '1' : good === 'X' ? '0' : good === '9' ? 'X' : String(Number(good) + 1);
  return id.slice(0, 17) + bad;
}

// Today in Asia/Shanghai, YYYY-MM-DD (what the server calls `today`).
export function todayShanghai(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// Whole years; 29 February becomes 28 February in a common year.
export function addYears(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  const ty = y + n;
  const leap = (ty % 4 === 0 && ty % 100 !== 0) || ty % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${ty}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// The masked form the API shows: first 3, 11 '*', last 4.
export function maskId(id) {
  return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4);
}

export function maskPhone(p) {
  return p.slice(0, 3) + '****' + p.slice(-4);
}
