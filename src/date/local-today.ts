/**
 * The calendar date a user means by "today": the local date of the machine (TZ respected), not
 * the UTC date, which at 00:30 in Berlin is still yesterday's and would score a nightly run as of
 * the wrong day. `now` is passed in so that tests choose the instant.
 */
export function localIsoDate(now: Date): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
