import { hash } from 'node:crypto';

/**
 * A number in (0, 1) that depends only on the given parts: the same lead and member give the
 * same number on every run, machine and Node version (SHA-256, not Math.random or a
 * process-seeded hash).
 */
export function unitHash(...parts: string[]): number {
  // One-shot hash: no Hash object per call (it runs once per active member for every routed row).
  const digest = hash('sha256', parts.join('\u0000'), 'buffer');
  // 52 bits fit a double exactly; +0.5 keeps the result strictly between 0 and 1.
  const high = digest.readUInt32BE(0);
  const low = digest.readUInt32BE(4) >>> 12;
  return (high * 2 ** 20 + low + 0.5) / 2 ** 52;
}
