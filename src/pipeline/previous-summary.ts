import fs from 'node:fs';
import { UsageError } from '../errors.js';
import { parsePreviousSummary } from '../report/trend.js';
import type { KeyFigures } from '../report/summary-types.js';

/**
 * The previous run the report compares with: the summary named by --compare-to (which must be
 * one), else the summary JSON this run is about to replace, when there is one. A replaced file
 * that is not a summary is skipped with a warning, never silently.
 */
export function previousRun(compareTo: string | undefined, replaced: string | undefined, warn: (m: string) => void): KeyFigures | undefined {
  if (compareTo) {
    let text: string;
    try {
      text = fs.readFileSync(compareTo, 'utf8');
    } catch {
      throw new UsageError(`--compare-to ${compareTo}: cannot read the file`);
    }
    const k = parsePreviousSummary(text);
    if (typeof k === 'string') throw new UsageError(`--compare-to ${compareTo}: ${k}`);
    return k;
  }
  if (!replaced || !fs.existsSync(replaced)) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(replaced, 'utf8');
  } catch {
    warn(`${replaced}: cannot read the previous summary; the report shows no trend`);
    return undefined;
  }
  const k = parsePreviousSummary(text);
  if (typeof k === 'string') {
    warn(`${replaced}: ${k}; the report shows no trend`);
    return undefined;
  }
  return k;
}
