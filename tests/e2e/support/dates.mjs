// Dates as the app writes them ("Mon 28 Dec 2026"), to and from the ISO dates the clock's
// date field takes.

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-12-28" -> "Mon 28 Dec 2026", as the app writes dates. */
export function longDate(iso) {
  const date = new Date(`${iso}T00:00:00Z`);
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "Mon 28 Dec 2026" -> "2026-12-28". */
export function isoOf(written) {
  const [, day, month, year] = written.split(' ');
  const m = String(MONTHS.indexOf(month) + 1).padStart(2, '0');
  return `${year}-${m}-${day.padStart(2, '0')}`;
}

/** Whole days from one ISO date to another ("2026-12-18", "2026-12-28" -> 10). */
export function daysBetween(fromIso, toIso) {
  return (Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000;
}
