/**
 * Dates as score reads them, through the one date reader (src/date/parse.ts): every form it
 * knows ("2024-03-01", "2024-03-01T14:05:00Z", "01.03.2024 14:30", "1 Mar 2024", "20240301",
 * "25/12/2024"), but never a guess: "03/01/2024" means March in the US and January in the UK, and
 * a score rule has no column to decide by, so such a cell is no date here. Two-digit years use
 * the POSIX pivot (00–69 are 2000–2069), as score always has.
 * Results are milliseconds since the epoch; dates without a zone are taken as UTC so the same
 * file scores the same on every machine.
 */
import { DAY_MS, epochMsOf, parseDate as readDate, POSIX_PIVOT } from '../date/parse.js';

export { DAY_MS };

const CONTEXT = { pivot: POSIX_PIVOT };

/** Parses a date cell; undefined when it is not a date, or its day/month order would be a guess. */
export function parseDate(text: string): number | undefined {
  const p = readDate(text, CONTEXT);
  return p === undefined || p.guessed ? undefined : epochMsOf(p);
}

/** Whole and fractional days from `from` to `to` (both epoch ms). */
export function daysBetween(from: number, to: number): number {
  return (to - from) / DAY_MS;
}
